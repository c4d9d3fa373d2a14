//! A scripted ACS: drives a CPE's [`Session`] the way an ACS does, over the
//! real codec in both directions, and keeps the transcript of envelopes.
//! For device tests, examples and simulators.
//!
//! ```
//! # use cwmp_model_runtime::engine::Tree;
//! # use cwmp_model_runtime::meta::*;
//! # use cwmp_model_runtime::value::{BaseType, Syntax};
//! use cwmp_model_runtime::rpc::{CpeState, EventCode, InMemoryDevice, ScriptedAcs, Session};
//! use cwmp_model_runtime::soap::{GetParameterValues, Request, Response};
//! # static STRING: Syntax = Syntax::new(BaseType::String);
//! # static MODEL: ModelDesc = ModelDesc {
//! #     name: "Example:1.0", is_service: false,
//! #     objects: &[ObjectDesc {
//! #         path: "Device.", name: "Device", parent: None, table: false,
//! #         access: ObjectAccess::ReadOnly, min_entries: 1, max_entries: Some(1),
//! #         num_entries: None, enable: None, unique_keys: &[], first_param: 0,
//! #         param_count: 1, children: &[], version: Version { major: 1, minor: 0 },
//! #         status: Status::Current,
//! #     }],
//! #     params: &[ParamDesc {
//! #         name: "Name", object: 0, access: ParamAccess::ReadWrite,
//! #         active_notify: ActiveNotify::Normal, forced_inform: true, syntax: &STRING,
//! #         data_type: None, default: Some((DefaultKind::Factory, "cpe")),
//! #         version: Version { major: 1, minor: 0 }, status: Status::Current,
//! #     }],
//! #     parts: &[],
//! # };
//! let (mut tree, mut device, mut state) = (Tree::new(&MODEL), InMemoryDevice, CpeState::new());
//! state.add_event(EventCode::Boot, "");
//! let mut acs = ScriptedAcs::new();
//! let mut call = acs.open(Session::new(&mut tree, &mut device, &mut state));
//! assert_eq!(call.inform().events[0].code, "1 BOOT");
//! let answer = call.send(Request::GetParameterValues(GetParameterValues {
//!     names: vec!["Device.Name".into()],
//! }));
//! let answer = answer.expect("a request gets an answer");
//! let Response::GetParameterValuesResponse { list } = answer else { panic!() };
//! assert_eq!(list[0].value, "cpe");
//! call.close();
//! // Inform, InformResponse, empty POST, GPV, its answer, the closing empty response:
//! assert_eq!(acs.transcript().len(), 6);
//! ```

use crate::soap::{
    parse_request, write_request, write_response, CwmpNamespace, Envelope, Header, Inform,
    InformResponse, Request, Response, TransferComplete, WriteOptions,
};

use super::device::Device;
use super::session::{Action, Session};

/// Who sent an envelope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sender {
    /// The device.
    Cpe,
    /// The ACS.
    Acs,
}

/// One HTTP message of a session: an envelope, or an empty body (`text`
/// empty): the CPE's says it has no more requests, the ACS's ends the
/// session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// Who sent it.
    pub sender: Sender,
    /// The envelope text, as on the wire.
    pub text: String,
}

impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let who = match self.sender {
            Sender::Cpe => "CPE -> ACS",
            Sender::Acs => "ACS -> CPE",
        };
        match (self.text.is_empty(), self.sender) {
            (true, Sender::Cpe) => writeln!(f, "--- {who}: empty HTTP POST (no more requests)"),
            (true, Sender::Acs) => writeln!(f, "--- {who}: empty HTTP response (session ends)"),
            (false, _) => writeln!(f, "--- {who}\n{}", self.text.trim_end()),
        }
    }
}

/// An ACS that follows a script: it answers the Inform and the CPE's
/// TransferCompletes, then sends the requests it is given one at a time.
/// Every message goes through the wire codec (the ACS's requests are
/// written, then read by the session as bytes from the network would be).
#[derive(Clone, Debug)]
pub struct ScriptedAcs {
    ns: CwmpNamespace,
    write: WriteOptions,
    next_id: u64,
    transcript: Vec<Message>,
    sessions: usize,
}

impl Default for ScriptedAcs {
    fn default() -> Self {
        ScriptedAcs::new()
    }
}

impl ScriptedAcs {
    /// An ACS speaking cwmp-1-2 (CWMP 1.2 to 1.4), pretty-printing.
    pub fn new() -> ScriptedAcs {
        ScriptedAcs::with_namespace(CwmpNamespace::V1_2)
    }

    /// An ACS speaking the namespace `ns`.
    pub fn with_namespace(ns: CwmpNamespace) -> ScriptedAcs {
        ScriptedAcs {
            ns,
            write: WriteOptions {
                pretty: true,
                ..WriteOptions::default()
            },
            next_id: 0,
            transcript: Vec::new(),
            sessions: 0,
        }
    }

    /// Every message of every session so far, in order.
    pub fn transcript(&self) -> &[Message] {
        &self.transcript
    }

    /// How many sessions were opened.
    pub fn sessions(&self) -> usize {
        self.sessions
    }

    /// Opens a session: takes the CPE's Inform, answers it, takes and
    /// answers each TransferComplete, and takes the CPE's empty POST. The
    /// call is then the ACS's to make.
    pub fn open<'s, 'a, D: Device + ?Sized>(
        &'s mut self,
        mut session: Session<'a, D>,
    ) -> Call<'s, 'a, D> {
        self.sessions += 1;
        let inform_env = session.inform(0);
        let inform = match &inform_env.body {
            Response::Inform(inform) => inform.clone(),
            _ => Inform::default(),
        };
        self.record_cpe(&inform_env);
        let body = Request::InformResponse(InformResponse { max_envelopes: 1 });
        self.answer(&mut session, &inform_env.header, body);
        let mut transfers = Vec::new();
        while let Some(env) = session.next_request() {
            self.record_cpe(&env);
            if let Response::TransferComplete(t) = &env.body {
                transfers.push(t.clone());
            }
            self.answer(&mut session, &env.header, Request::TransferCompleteResponse);
        }
        self.transcript.push(Message {
            sender: Sender::Cpe,
            text: String::new(),
        });
        Call {
            acs: self,
            session,
            inform,
            transfers,
        }
    }

    fn record_cpe(&mut self, env: &Envelope<Response>) {
        self.transcript.push(Message {
            sender: Sender::Cpe,
            text: write_response(env, &self.write),
        });
    }

    /// Sends `body` in reply to a CPE message with header `to`; the CPE
    /// answers nothing to an ACS response.
    fn answer<D: Device + ?Sized>(
        &mut self,
        session: &mut Session<'_, D>,
        to: &Header,
        body: Request,
    ) {
        let env = Envelope {
            header: to.for_reply(),
            body,
        };
        let text = write_request(&env, &self.write);
        self.transcript.push(Message {
            sender: Sender::Acs,
            text: text.clone(),
        });
        let _ = session.handle(text.as_bytes());
    }
}

/// An open session, the ACS's turn: [`Call::send`] each request, then
/// [`Call::close`].
pub struct Call<'s, 'a, D: Device + ?Sized> {
    acs: &'s mut ScriptedAcs,
    session: Session<'a, D>,
    inform: Inform,
    transfers: Vec<TransferComplete>,
}

impl<D: Device + ?Sized> std::fmt::Debug for Call<'_, '_, D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call")
            .field("inform", &self.inform)
            .field("transfers", &self.transfers)
            .finish_non_exhaustive()
    }
}

impl<'a, D: Device + ?Sized> Call<'_, 'a, D> {
    /// The Inform that opened the session.
    pub fn inform(&self) -> &Inform {
        &self.inform
    }

    /// The TransferCompletes the CPE sent before the ACS's turn.
    pub fn transfers(&self) -> &[TransferComplete] {
        &self.transfers
    }

    /// The session, to look at the tree or the state between requests.
    pub fn session(&self) -> &Session<'a, D> {
        &self.session
    }

    /// Sends one request and returns the CPE's answer (a fault is
    /// [`Response::Fault`]); `None` for a message the CPE does not answer
    /// (an ACS response or fault, an empty body).
    pub fn send(&mut self, body: Request) -> Option<Response> {
        self.acs.next_id += 1;
        let env = Envelope {
            header: Header {
                id: Some(format!("acs-{}", self.acs.next_id)),
                cwmp_ns: self.acs.ns.clone(),
                ..Header::default()
            },
            body,
        };
        let text = write_request(&env, &self.acs.write);
        self.acs.transcript.push(Message {
            sender: Sender::Acs,
            text: text.clone(),
        });
        // Read back as the CPE reads the network: the bytes, not `env`.
        let reply = match parse_request(text.as_bytes(), &Default::default()) {
            Ok(parsed) => self.session.handle_envelope(&parsed),
            Err(e) => Some(e.fault_envelope()),
        };
        let reply = reply?;
        self.acs.transcript.push(Message {
            sender: Sender::Cpe,
            text: write_response(&reply, &self.acs.write),
        });
        Some(reply.body)
    }

    /// Ends the session with an empty POST from the ACS, which runs what the
    /// ACS asked for at the end (Reboot, FactoryReset, diagnostics);
    /// returns the actions run.
    pub fn close(self) -> Vec<Action> {
        self.acs.transcript.push(Message {
            sender: Sender::Acs,
            text: String::new(),
        });
        self.session.end_session()
    }
}
