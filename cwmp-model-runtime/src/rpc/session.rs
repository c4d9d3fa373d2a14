//! [`Session`]: one CWMP session of the CPE, from its Inform to its end,
//! over the device's [`Tree`], [`Device`] and [`CpeState`]; and the routing
//! of each ACS message to the code that answers it.

use crate::engine::Tree;
use crate::soap::{
    codes, parse_request, write_response, CwmpNamespace, Envelope, Fault, FaultDetail, Header,
    Limits, Request, Response, WriteOptions,
};
use crate::value::BoolStyle;

use super::device::{Device, TransferId};
use super::events::{EventCode, PendingEvent};
use super::state::CpeState;
use super::wire;

/// What a method answers: its response, or the fault to send instead.
pub(crate) type Answer = Result<Response, Fault>;

/// How a [`Session`] reads and writes envelopes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The cwmp namespace of the Inform; later messages follow the ACS's.
    /// Default: cwmp-1-0, which every ACS accepts.
    pub cwmp_ns: CwmpNamespace,
    /// Envelope writing options (pretty printing, structural booleans).
    pub write: WriteOptions,
    /// How boolean parameter values are written. Default: `true`/`false`.
    pub value_bools: BoolStyle,
    /// Bounds on the envelopes read.
    pub limits: Limits,
    /// `cwmp:SupportedCWMPVersions` for the Inform header (CWMP 1.4, e.g.
    /// `"1.0,1.1,1.2,1.3,1.4"`); left out when `None`.
    pub supported_cwmp_versions: Option<String>,
    /// Whether the requests that follow a Reboot or FactoryReset in the
    /// same session are cancelled (answered with fault 9001) rather than
    /// carried out before the device goes down, as some phones do
    /// (Grandstream). Default: carried out.
    pub cancel_after_reset: bool,
    /// The methods the device offers, when fewer than all CPE methods (a
    /// vendor's documented list): GetRPCMethods lists these (those the
    /// namespace defines), and the others get fault 9000 Method not
    /// supported. `None`: every CPE method.
    pub methods: Option<Vec<String>>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            cwmp_ns: CwmpNamespace::V1_0,
            write: WriteOptions::default(),
            value_bools: BoolStyle::TrueFalse,
            limits: Limits::default(),
            supported_cwmp_versions: None,
            cancel_after_reset: false,
            methods: None,
        }
    }
}

/// An action the ACS asked for that runs when the session ends (TR-069
/// A.4.1.9, A.4.1.10: the response goes first).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Reboot, reported as `M Reboot` with this CommandKey.
    Reboot {
        /// The Reboot's CommandKey.
        command_key: String,
    },
    /// Factory reset.
    FactoryReset,
}

/// One CWMP session of the CPE.
///
/// A session runs as TR-069 3.7 describes:
///
/// 1. [`Session::inform`] builds the Inform to POST;
/// 2. each message the ACS returns goes to [`Session::handle`] (bytes) or
///    [`Session::handle_envelope`]: requests get their response or fault,
///    the ACS's responses (InformResponse, TransferCompleteResponse) and
///    faults get nothing back (`None`);
/// 3. after the InformResponse, [`Session::next_request`] gives the CPE's
///    own requests (TransferComplete), and `None` when it has none left,
///    at which point the CPE POSTs an empty body;
/// 4. once the ACS has nothing more, [`Session::end_session`] runs the
///    Reboot and FactoryReset the ACS asked for.
pub struct Session<'a, D: Device + ?Sized> {
    pub(crate) tree: &'a mut Tree,
    pub(crate) device: &'a mut D,
    pub(crate) state: &'a mut CpeState,
    pub(crate) options: Options,
    /// The namespace of the message being answered.
    pub(crate) ns: CwmpNamespace,
    /// The ACS's namespace, once it has sent something.
    acs_ns: Option<CwmpNamespace>,
    /// The events of the last Inform, to retire on its InformResponse.
    pub(crate) sent_events: Vec<PendingEvent>,
    informed: bool,
    hold_requests: bool,
    /// The TransferComplete awaiting its response.
    transfer_in_flight: Option<TransferId>,
    /// TransferCompletes sent in this session, not to be sent again in it
    /// when the ACS answers one with a fault.
    transfers_sent: Vec<TransferId>,
    acs_fault: Option<FaultDetail>,
    actions: Vec<Action>,
}

impl<D: Device + ?Sized> std::fmt::Debug for Session<'_, D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The tree and device hold secrets; the session's own state does not.
        f.debug_struct("Session")
            .field("ns", &self.ns)
            .field("informed", &self.informed)
            .field("hold_requests", &self.hold_requests)
            .field("transfer_in_flight", &self.transfer_in_flight)
            .field("actions", &self.actions)
            .finish_non_exhaustive()
    }
}

impl<'a, D: Device + ?Sized> Session<'a, D> {
    /// A session with default [`Options`].
    pub fn new(tree: &'a mut Tree, device: &'a mut D, state: &'a mut CpeState) -> Self {
        Session::with_options(tree, device, state, Options::default())
    }

    /// A session with these options.
    pub fn with_options(
        tree: &'a mut Tree,
        device: &'a mut D,
        state: &'a mut CpeState,
        options: Options,
    ) -> Self {
        let ns = options.cwmp_ns.clone();
        Session {
            tree,
            device,
            state,
            options,
            ns,
            acs_ns: None,
            sent_events: Vec::new(),
            informed: false,
            hold_requests: false,
            transfer_in_flight: None,
            transfers_sent: Vec::new(),
            acs_fault: None,
            actions: Vec::new(),
        }
    }

    /// Reads one ACS message and returns the envelope text to answer with,
    /// or `None` when there is nothing to answer (an ACS response, an ACS
    /// fault, an empty body, or an empty HTTP body, by which the ACS ends
    /// the session). Never panics: an unreadable message is answered with
    /// fault 9003 (9004 past [`Options::limits`]), echoing `cwmp:ID` when
    /// it could be read.
    pub fn handle(&mut self, bytes: &[u8]) -> Option<String> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return None;
        }
        let env = match parse_request(bytes, &self.options.limits) {
            Ok(env) => env,
            Err(e) => return Some(write_response(&e.fault_envelope(), &self.options.write)),
        };
        if let Request::GetParameterValues(r) = &env.body {
            // Written as it is read: the answer can be the whole tree.
            self.begin(&env.header);
            let header = env.header.for_reply();
            let xml = self
                .offers(&env.body)
                .and_then(|()| self.write_parameter_values(&header, r));
            return Some(xml.unwrap_or_else(|fault| {
                let env = Envelope {
                    header,
                    body: Response::Fault(fault),
                };
                write_response(&env, &self.options.write)
            }));
        }
        let reply = self.handle_envelope(&env)?;
        Some(write_response(&reply, &self.options.write))
    }

    /// [`Session::handle`] for a parsed message: the reply echoes its
    /// `cwmp:ID` and namespace.
    pub fn handle_envelope(&mut self, env: &Envelope<Request>) -> Option<Envelope<Response>> {
        self.begin(&env.header);
        if self.acs_message(&env.body) {
            return None;
        }
        let body = self.dispatch(&env.body).unwrap_or_else(Response::Fault);
        Some(env.reply(body))
    }

    /// What every ACS message sets: its namespace, which the answer
    /// follows, and whether it holds requests.
    fn begin(&mut self, header: &Header) {
        self.hold_requests = header.hold_requests.unwrap_or(false);
        self.acs_ns = Some(header.cwmp_ns.clone());
        self.ns = header.cwmp_ns.clone();
    }

    /// Handles the messages that answer the CPE rather than ask it;
    /// returns whether `body` was one.
    fn acs_message(&mut self, body: &Request) -> bool {
        match body {
            Request::Empty
            | Request::AutonomousTransferCompleteResponse
            | Request::DUStateChangeCompleteResponse
            | Request::AutonomousDUStateChangeCompleteResponse
            | Request::GetRPCMethodsResponse(_) => {}
            Request::InformResponse(_) => {
                self.informed = true;
                let sent = std::mem::take(&mut self.sent_events);
                self.state.inform_acknowledged(&sent);
            }
            Request::TransferCompleteResponse => {
                if let Some(id) = self.transfer_in_flight.take() {
                    self.state.transfer_acknowledged(id);
                }
            }
            Request::Fault(detail) => {
                // The request it answers failed; what it would have
                // retired stays in the state for the next session.
                self.acs_fault = Some(detail.clone());
                self.transfer_in_flight = None;
            }
            _ => return false,
        }
        true
    }

    /// Fault 9000 for a method the device does not offer, 9001 for any
    /// request after a Reboot or FactoryReset when those cancel the rest.
    fn offers(&self, request: &Request) -> Result<(), Fault> {
        let method = request.method_name();
        let offered = self
            .options
            .methods
            .as_ref()
            .is_none_or(|m| m.iter().any(|m| m == method));
        if !offered || !wire::implemented(&self.ns, method) {
            let message = format!("{} is not supported", wire::clip(method, 64));
            return Err(wire::fault_with(
                &self.ns,
                codes::METHOD_NOT_SUPPORTED,
                message,
            ));
        }
        if self.options.cancel_after_reset {
            if let Some(action) = self.actions.first() {
                let what = match action {
                    Action::Reboot { .. } => "a Reboot",
                    Action::FactoryReset => "a FactoryReset",
                };
                return Err(wire::fault_with(
                    &self.ns,
                    codes::REQUEST_DENIED,
                    format!("cancelled: {what} runs when this session ends"),
                ));
            }
        }
        Ok(())
    }

    /// Answers one ACS request.
    fn dispatch(&mut self, request: &Request) -> Answer {
        self.offers(request)?;
        match request {
            Request::GetRPCMethods => {
                let mut methods = wire::methods(&self.ns);
                if let Some(offered) = &self.options.methods {
                    methods.retain(|m| offered.contains(m));
                }
                Ok(Response::GetRPCMethodsResponse { methods })
            }
            Request::GetParameterNames(r) => self.get_parameter_names(r),
            Request::GetParameterValues(r) => self.get_parameter_values(r),
            Request::SetParameterValues(r) => self.set_parameter_values(r),
            Request::GetParameterAttributes(r) => self.get_parameter_attributes(r),
            Request::SetParameterAttributes(r) => self.set_parameter_attributes(r),
            Request::AddObject(r) => self.add_object(r),
            Request::DeleteObject(r) => self.delete_object(r),
            Request::Reboot(r) => {
                wire::check_key(&self.ns, "CommandKey", &r.command_key)?;
                self.actions.push(Action::Reboot {
                    command_key: r.command_key.clone(),
                });
                Ok(Response::RebootResponse)
            }
            Request::FactoryReset => {
                self.actions.push(Action::FactoryReset);
                Ok(Response::FactoryResetResponse)
            }
            Request::Download(r) => self.download(r),
            Request::Upload(r) => self.upload(r),
            Request::ScheduleInform(r) => self.schedule_inform(r),
            Request::GetQueuedTransfers => Ok(self.get_queued_transfers()),
            Request::GetAllQueuedTransfers => Ok(self.get_all_queued_transfers()),
            Request::ScheduleDownload(r) => self.schedule_download(r),
            Request::CancelTransfer(r) => self.cancel_transfer(r),
            // Not in the method table, so refused above; listed so that a
            // new request kind is a compile error here.
            Request::ChangeDUState(_)
            | Request::Unknown { .. }
            | Request::Empty
            | Request::InformResponse(_)
            | Request::TransferCompleteResponse
            | Request::AutonomousTransferCompleteResponse
            | Request::DUStateChangeCompleteResponse
            | Request::AutonomousDUStateChangeCompleteResponse
            | Request::GetRPCMethodsResponse(_)
            | Request::Fault(_) => Err(Fault::new(codes::METHOD_NOT_SUPPORTED)),
        }
    }

    /// The CPE's next request once the ACS has answered the Inform: a
    /// TransferComplete for each finished transfer, one at a time (the
    /// next once the ACS has answered this one). `None` when there is none
    /// left, when the ACS has not answered the Inform or is holding
    /// requests (`cwmp:HoldRequests`).
    pub fn next_request(&mut self) -> Option<Envelope<Response>> {
        if !self.informed || self.hold_requests || self.transfer_in_flight.is_some() {
            return None;
        }
        let ns = self.reply_ns();
        let transfer = self
            .state
            .transfers
            .iter()
            .find(|t| t.outcome.is_some() && !self.transfers_sent.contains(&t.id))?;
        let mut message = transfer.outcome.as_ref()?.to_message(&transfer.command_key);
        message.fault = wire::transfer_fault(&ns, &message.fault);
        let id = transfer.id;
        self.transfer_in_flight = Some(id);
        self.transfers_sent.push(id);
        Some(self.cpe_envelope(ns, Response::TransferComplete(message)))
    }

    /// [`Session::next_request`] as envelope text.
    pub fn next_request_xml(&mut self) -> Option<String> {
        let env = self.next_request()?;
        Some(write_response(&env, &self.options.write))
    }

    /// An envelope of a CPE request, with a fresh `cwmp:ID`.
    pub(crate) fn cpe_envelope(&mut self, ns: CwmpNamespace, body: Response) -> Envelope<Response> {
        let mut env = Envelope {
            header: Default::default(),
            body,
        };
        env.header.id = Some(self.state.next_message_id());
        env.header.cwmp_ns = ns;
        env
    }

    /// The namespace for CPE requests after the Inform: the ACS's.
    fn reply_ns(&self) -> CwmpNamespace {
        self.acs_ns
            .clone()
            .unwrap_or_else(|| self.options.cwmp_ns.clone())
    }

    /// Whether the ACS has answered the Inform.
    pub fn informed(&self) -> bool {
        self.informed
    }

    /// The fault the ACS last answered a CPE request with (e.g. 8005
    /// Retry request for the Inform).
    pub fn acs_fault(&self) -> Option<&FaultDetail> {
        self.acs_fault.as_ref()
    }

    /// The actions waiting for the end of the session.
    pub fn pending_actions(&self) -> &[Action] {
        &self.actions
    }

    /// The tree.
    pub fn tree(&self) -> &Tree {
        self.tree
    }

    /// The CPE state.
    pub fn state(&self) -> &CpeState {
        self.state
    }

    /// Ends the session: runs the actions the ACS asked for and returns
    /// them. A FactoryReset resets the tree (keeping
    /// [`Device::factory_reset_keep`]), forgets the queued events and
    /// transfers, queues `0 BOOTSTRAP` and `1 BOOT` and calls
    /// [`Device::factory_reset`]; it makes a Reboot in the same session
    /// moot. A Reboot queues `M Reboot` (per CommandKey) and `1 BOOT`, then
    /// calls [`Device::reboot`] once. Then the diagnostic tests the ACS
    /// requested start ([`Device::diagnostic`]).
    pub fn end_session(mut self) -> Vec<Action> {
        let actions = std::mem::take(&mut self.actions);
        if actions.contains(&Action::FactoryReset) {
            self.tree.factory_reset(self.device.factory_reset_keep());
            self.state.reset();
            self.state.add_event(EventCode::Bootstrap, "");
            self.state.add_event(EventCode::Boot, "");
            self.device.factory_reset(self.tree);
            return actions;
        }
        let mut reboot = false;
        for action in &actions {
            if let Action::Reboot { command_key } = action {
                self.state.add_event(EventCode::MReboot, command_key);
                reboot = true;
            }
        }
        if reboot {
            self.state.add_event(EventCode::Boot, "");
            self.device.reboot(self.tree);
        }
        self.start_diagnostics();
        actions
    }
}
