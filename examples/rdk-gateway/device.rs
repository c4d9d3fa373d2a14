//! An RDK broadband gateway on its generated TR-181 `Device:2.4` model,
//! behind a carrier NAT, and the ACS story [`run`] plays against it:
//!
//! 1. the first boot: an Inform with `0 BOOTSTRAP` and `1 BOOT` whose
//!    ParameterList is the model's forced-inform parameters; the ACS reads
//!    the NAT traversal parameters, turns periodic Informs and STUN on, and
//!    reads the UDP Connection Request address STUN found;
//! 2. the gateway's main loop sleeps on a simulated clock until
//!    [`CpeState::next_wakeup`] and opens the `2 PERIODIC` session exactly
//!    one ACS-set interval later;
//! 3. Reboot (`M Reboot`, `1 BOOT`), then FactoryReset, which keeps the
//!    ManagementServer settings (STUN included) and bootstraps again.
//!
//! The identity values are illustrative.

use cwmp_model::models::rdk_gateway::device::{
    Device as Root, DeviceInfo, ManagementServer, Time, MODEL,
};
use cwmp_model::runtime::engine::{ParamValue, Tree};
use cwmp_model::runtime::rpc::{
    forced_inform_params, Applied, CpeState, Device, EventCode, ParamRead, ReadFault, ScriptedAcs,
    Session,
};
use cwmp_model::runtime::soap::{
    GetParameterValues, Inform, ParameterValue, Reboot, Request, Response, SetParameterValues,
};
use cwmp_model::runtime::typed::{Field, Param};
use cwmp_model::runtime::value::DateTime;

#[path = "../common/scenes.rs"]
mod scenes;
pub use scenes::Scene;
use scenes::Scenes;

/// The gateway's serial number.
pub const SERIAL: &str = "RDKB-0042-7731";
/// The ACS the firmware is built to call.
pub const ACS_URL: &str = "https://acs.example.net:7548/rdk";
/// Where the gateway listens for UDP Connection Requests, inside the NAT.
pub const LOCAL_UDP_ADDRESS: &str = "10.64.0.20:7547";
/// The STUN server the ACS points the gateway at.
pub const STUN_SERVER: &str = "stun.example.net";
/// Its port.
pub const STUN_PORT: u32 = 3478;
/// The periodic Inform interval the ACS sets, seconds.
pub const INTERVAL: u32 = 300;

/// The carrier NAT in front of the gateway, and the STUN server beyond it.
#[derive(Clone, Debug)]
pub struct Nat {
    /// The public side of the binding the NAT gives the gateway's UDP port.
    pub public: String,
    /// Binding Requests the STUN server answered.
    pub bindings: u32,
}

impl Nat {
    /// A STUN Binding Request from the gateway's UDP port: the address the
    /// server saw it come from, if `server` is the STUN server.
    fn binding_request(&mut self, server: &str, port: u32) -> Option<String> {
        if (server, port) != (STUN_SERVER, STUN_PORT) {
            return None;
        }
        self.bindings += 1;
        Some(self.public.clone())
    }
}

/// The gateway: a simulated clock and the network around it.
#[derive(Clone, Debug)]
pub struct Gateway {
    /// Seconds since the Unix epoch.
    pub clock: i64,
    booted_at: i64,
    /// The network between the gateway and the ACS.
    pub nat: Nat,
}

impl Gateway {
    /// A gateway off, its clock at `clock`, behind `nat`.
    pub fn new(clock: i64, nat: Nat) -> Gateway {
        Gateway {
            clock,
            booted_at: clock,
            nat,
        }
    }

    /// Boots for the first time: the Inform carries `0 BOOTSTRAP` and
    /// `1 BOOT`.
    pub fn power_on(&mut self, tree: &mut Tree, state: &mut CpeState) {
        self.boot(tree);
        set(tree, ManagementServer::URL, &ACS_URL.to_owned());
        state.add_event(EventCode::Bootstrap, "");
        state.add_event(EventCode::Boot, "");
        // What the firmware loaded is what the BOOTSTRAP Inform reports,
        // not a change to notify.
        let _ = tree.take_changes_for_inform();
    }

    /// The main loop between sessions: sleeps until a session is due and
    /// returns its time, or `None` when nothing will ever be due.
    pub fn sleep_until_session(&mut self, tree: &Tree, state: &mut CpeState) -> Option<DateTime> {
        while !state.inform_due(tree, self.now()) {
            self.clock = state.next_wakeup()?.to_unix()?;
        }
        Some(self.now())
    }

    /// What every boot does: who the gateway is, and its UDP Connection
    /// Request address, found again through STUN when that is on.
    fn boot(&mut self, tree: &mut Tree) {
        self.booted_at = self.clock;
        let text = |s: &str| s.to_owned();
        set(tree, Root::ROOT_DATA_MODEL_VERSION, &text("2.4"));
        set(tree, DeviceInfo::MANUFACTURER, &text("Example Broadband"));
        set(tree, DeviceInfo::MANUFACTURER_OUI, &text("0014F8"));
        set(tree, DeviceInfo::MODEL_NAME, &text("XB-Reference"));
        set(tree, DeviceInfo::PRODUCT_CLASS, &text("RDK-B"));
        set(tree, DeviceInfo::SERIAL_NUMBER, &text(SERIAL));
        set(tree, DeviceInfo::HARDWARE_VERSION, &text("1.2"));
        set(tree, DeviceInfo::SOFTWARE_VERSION, &text("rdkb-2024q3"));
        set(
            tree,
            ManagementServer::CONNECTION_REQUEST_URL,
            &text("http://10.64.0.20:7547/cr"),
        );
        self.discover_udp_address(tree);
    }

    /// TR-069 Annex G: with STUN on, the UDP Connection Request address is
    /// the NAT binding the STUN server reports; else the local address.
    fn discover_udp_address(&mut self, tree: &mut Tree) {
        let binding = if tree
            .get_param(ManagementServer::STUN_ENABLE, &[])
            .unwrap_or(false)
        {
            let server = tree
                .get_param(ManagementServer::STUN_SERVER_ADDRESS, &[])
                .unwrap_or_default();
            let port = tree
                .get_param(ManagementServer::STUN_SERVER_PORT, &[])
                .unwrap_or(0);
            self.nat.binding_request(&server, port)
        } else {
            None
        };
        let nat_detected = binding.as_deref().is_some_and(|b| b != LOCAL_UDP_ADDRESS);
        let address = binding.unwrap_or_else(|| LOCAL_UDP_ADDRESS.to_owned());
        set(
            tree,
            ManagementServer::UDP_CONNECTION_REQUEST_ADDRESS,
            &address,
        );
        set(tree, ManagementServer::NAT_DETECTED, &nat_detected);
    }
}

impl Device for Gateway {
    fn now(&self) -> DateTime {
        DateTime::from_unix(self.clock)
    }

    fn refresh(&mut self, tree: &mut Tree, reads: &[ParamRead]) -> Result<(), ReadFault> {
        for read in reads {
            if read.param == DeviceInfo::UP_TIME.index {
                let up = u32::try_from(self.clock - self.booted_at).unwrap_or(u32::MAX);
                set(tree, DeviceInfo::UP_TIME, &up);
            } else if read.param == Time::CURRENT_LOCAL_TIME.index {
                set(tree, Time::CURRENT_LOCAL_TIME, &self.now());
            }
        }
        Ok(())
    }

    fn commit_set(&mut self, tree: &mut Tree, changed: &[String]) -> Applied {
        // The STUN client restarts as soon as the ACS changes its settings.
        if changed
            .iter()
            .any(|p| p.starts_with("Device.ManagementServer.STUN"))
        {
            self.discover_udp_address(tree);
        }
        Applied::Now
    }

    fn reboot(&mut self, tree: &mut Tree) {
        self.boot(tree);
        let _ = tree.take_changes_for_inform();
    }

    fn factory_reset(&mut self, tree: &mut Tree) {
        self.boot(tree);
        let _ = tree.take_changes_for_inform();
    }
}

/// Writes one parameter as the device. The values the gateway writes fit
/// its own model, so a refusal is a bug in this file.
fn set<T: Field>(tree: &mut Tree, key: Param<T>, value: &T) {
    if let Err(fault) = tree.set_param(key, &[], value) {
        panic!("the gateway's own value was refused: {fault}");
    }
}

/// Everything the story produced.
pub struct Run {
    /// The ACS, with the transcript of every session.
    pub acs: ScriptedAcs,
    /// The story's parts, for printing.
    pub scenes: Vec<Scene>,
    /// The gateway after the story.
    pub gateway: Gateway,
    /// Its tree after the story.
    pub tree: Tree,
    /// Its CPE state after the story.
    pub state: CpeState,
    /// Each session's Inform.
    pub informs: Vec<Inform>,
    /// The forced-inform parameters of the tree as the first Inform went
    /// out.
    pub boot_forced: Vec<ParamValue>,
    /// GetParameterValues of the NAT traversal parameters at bootstrap.
    pub nat_before: Response,
    /// SetParameterValues of periodic Inform, STUN and a time server.
    pub set: Response,
    /// GetParameterValues of the NAT traversal parameters after the set.
    pub nat_after: Response,
    /// When the first session ended.
    pub first_session_end: DateTime,
    /// When the gateway planned its next session after the first.
    pub planned_wakeup: Option<DateTime>,
    /// Whether a session was due one second before that.
    pub due_a_second_early: bool,
    /// When the periodic session opened.
    pub periodic_at: Option<DateTime>,
    /// GetParameterValues in the periodic session.
    pub periodic_values: Response,
    /// The Reboot's answer.
    pub reboot: Response,
    /// The FactoryReset's answer.
    pub factory_reset: Response,
    /// GetParameterValues after the factory reset.
    pub reset_values: Response,
}

/// The NAT traversal parameters of `Device.ManagementServer.`.
pub const NAT_PARAMS: [&str; 5] = [
    "Device.ManagementServer.STUNEnable",
    "Device.ManagementServer.STUNServerAddress",
    "Device.ManagementServer.STUNServerPort",
    "Device.ManagementServer.UDPConnectionRequestAddress",
    "Device.ManagementServer.NATDetected",
];

fn gpv(names: &[&str]) -> Request {
    Request::GetParameterValues(GetParameterValues {
        names: names.iter().map(|n| n.to_string()).collect(),
    })
}

fn spv(key: &str, list: &[(&str, &str, &str)]) -> Request {
    Request::SetParameterValues(SetParameterValues {
        list: list
            .iter()
            .map(|(n, v, t)| ParameterValue::new(*n, *v, t.to_string()))
            .collect(),
        parameter_key: key.into(),
    })
}

/// The answer to a request the CPE must answer.
fn answered(reply: Option<Response>) -> Response {
    reply.expect("the CPE answers every ACS request")
}

/// Plays the whole story.
pub fn run() -> Run {
    let mut acs = ScriptedAcs::new();
    let mut scenes = Scenes::default();
    let mut tree = Tree::new(&MODEL);
    let mut state = CpeState::new();
    let nat = Nat {
        public: "203.0.113.45:40001".into(),
        bindings: 0,
    };
    let mut gateway = Gateway::new(1_795_000_000, nat);
    let mut informs = Vec::new();

    scenes.begin(
        &acs,
        "First boot: BOOTSTRAP; the ACS turns periodic Informs and STUN on",
    );
    gateway.power_on(&mut tree, &mut state);
    let boot_forced = forced_inform_params(&tree);
    let mut call = acs.open(Session::new(&mut tree, &mut gateway, &mut state));
    informs.push(call.inform().clone());
    let nat_before = answered(call.send(gpv(&NAT_PARAMS)));
    let interval = INTERVAL.to_string();
    let port = STUN_PORT.to_string();
    let set_request = spv(
        "rdk-1",
        &[
            (
                "Device.ManagementServer.PeriodicInformEnable",
                "true",
                "boolean",
            ),
            (
                "Device.ManagementServer.PeriodicInformInterval",
                &interval,
                "unsignedInt",
            ),
            ("Device.ManagementServer.STUNEnable", "true", "boolean"),
            (
                "Device.ManagementServer.STUNServerAddress",
                STUN_SERVER,
                "string",
            ),
            (
                "Device.ManagementServer.STUNServerPort",
                &port,
                "unsignedInt",
            ),
            ("Device.Time.NTPServer1", "ntp.example.net", "string"),
        ],
    );
    let set = answered(call.send(set_request));
    let nat_after = answered(call.send(gpv(&NAT_PARAMS)));
    call.close();
    let first_session_end = gateway.now();

    scenes.begin(&acs, "The periodic Inform, one interval later");
    // The main loop's first look after the session plans the next one.
    state.inform_due(&tree, first_session_end);
    let planned_wakeup = state.next_wakeup();
    let second_before = planned_wakeup.and_then(|t| t.to_unix()).unwrap_or(0) - 1;
    let due_a_second_early = state.inform_due(&tree, DateTime::from_unix(second_before));
    let periodic_at = gateway.sleep_until_session(&tree, &mut state);
    scenes.before(format!(
        "the first session ended at {first_session_end}; the next wakeup is {}",
        planned_wakeup.map_or("never".into(), |t| t.to_string())
    ));
    scenes.before(format!(
        "a session is due a second before: {due_a_second_early}"
    ));
    let mut call = acs.open(Session::new(&mut tree, &mut gateway, &mut state));
    informs.push(call.inform().clone());
    let periodic_values = answered(call.send(gpv(&[
        "Device.ManagementServer.UDPConnectionRequestAddress",
        "Device.ManagementServer.NATDetected",
        "Device.DeviceInfo.UpTime",
    ])));
    let reboot = answered(call.send(Request::Reboot(Reboot {
        command_key: "rdk-reboot".into(),
    })));
    call.close();
    scenes.after("the session ends and the gateway reboots");

    scenes.begin(
        &acs,
        "After the reboot: M Reboot, 1 BOOT; the ACS resets the gateway",
    );
    gateway.clock += 75;
    gateway.sleep_until_session(&tree, &mut state);
    let mut call = acs.open(Session::new(&mut tree, &mut gateway, &mut state));
    informs.push(call.inform().clone());
    let factory_reset = answered(call.send(Request::FactoryReset));
    call.close();
    scenes.after("the session ends and the gateway resets to factory settings");

    scenes.begin(
        &acs,
        "After the factory reset: BOOTSTRAP, ManagementServer kept",
    );
    gateway.clock += 90;
    gateway.sleep_until_session(&tree, &mut state);
    let mut call = acs.open(Session::new(&mut tree, &mut gateway, &mut state));
    informs.push(call.inform().clone());
    let reset_values = answered(call.send(gpv(&[
        "Device.ManagementServer.PeriodicInformEnable",
        "Device.ManagementServer.PeriodicInformInterval",
        "Device.ManagementServer.STUNEnable",
        "Device.ManagementServer.UDPConnectionRequestAddress",
        "Device.ManagementServer.NATDetected",
        "Device.ManagementServer.ParameterKey",
        "Device.Time.NTPServer1",
    ])));
    call.close();
    scenes.end(&acs);

    Run {
        acs,
        scenes: scenes.into_vec(),
        gateway,
        tree,
        state,
        informs,
        boot_forced,
        nat_before,
        set,
        nat_after,
        first_session_end,
        planned_wakeup,
        due_a_second_early,
        periodic_at,
        periodic_values,
        reboot,
        factory_reset,
        reset_values,
    }
}
