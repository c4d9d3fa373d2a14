//! A Sangoma Vega VoIP gateway on its generated TR-106 `Device:1.2` model,
//! and the ACS story [`run`] plays against it:
//!
//! 1. the gateway boots and takes its ACS settings from DHCP option 43
//!    (sub-options 01 URL, 02 ProvisioningCode, 03 PeriodicInformEnable,
//!    04 PeriodicInformInterval), then bootstraps with that ACS;
//! 2. renewals whose option 43 is truncated or carries a bad value are
//!    refused with the parser's error, and change nothing;
//! 3. the ACS reads and sets the ManagementServer parameters the Vega maps
//!    (passwords read back empty; the read-only ConnectionRequestURL is
//!    refused);
//! 4. the ACS backs the configuration up (Upload) and restores an edited
//!    copy (Download) through an in-memory file server; each transfer runs
//!    after its session and is reported by TransferComplete in the next;
//! 5. Reboot (`M Reboot`, `1 BOOT`), then FactoryReset, which keeps the
//!    ManagementServer settings and bootstraps again.
//!
//! The identity values are illustrative, as is the model's vendor part.

use std::collections::BTreeMap;

use cwmp_model::models::sangoma_vega::device::x_sangoma_provisioning::AcsSettingsSource;
use cwmp_model::models::sangoma_vega::device::{
    Device as Root, DeviceInfo, ManagementServer, XSangomaProvisioning, MODEL,
};
use cwmp_model::runtime::dhcp::{AcsSettings, Option43Error, SubOptionMap};
use cwmp_model::runtime::engine::{Fault, SetFault, State, Tree};
use cwmp_model::runtime::rpc::{
    check_transfer_url, Applied, CpeState, Device, EventCode, ParamRead, ReadFault, ScriptedAcs,
    Session, TransferId, TransferOutcome, TransferStart,
};
use cwmp_model::runtime::soap::{
    codes, Download, GetParameterValues, Inform, ParameterValue, Reboot, Request, Response,
    SetParameterValues, TransferComplete, TransferState, Upload,
};
use cwmp_model::runtime::typed::{Field, Param};
use cwmp_model::runtime::value::{DateTime, Writer};

#[path = "../common/scenes.rs"]
mod scenes;
pub use scenes::Scene;
use scenes::Scenes;

/// The gateway's serial number, which also names its backup on the server.
pub const SERIAL: &str = "VG60-000123";
/// Where the ACS can reach the gateway for a Connection Request.
pub const CONNECTION_REQUEST_URL: &str = "http://192.0.2.10:7547/tr069";
/// The ACS that DHCP option 43 announces.
pub const ACS_URL: &str = "https://acs.example.net/cwmp";

/// The option 43 of the first lease: 01 URL, 02 ProvisioningCode,
/// 03 PeriodicInformEnable, 04 PeriodicInformInterval.
pub const OPTION_43: &[u8] =
    b"\x01\x1chttps://acs.example.net/cwmp\x02\x0aPC-VEGA-60\x03\x011\x04\x043600";
/// A lease whose ProvisioningCode claims 16 bytes where 4 follow.
pub const OPTION_43_TRUNCATED: &[u8] = b"\x01\x1chttps://acs.example.net/cwmp\x02\x10PC-V";
/// A lease whose PeriodicInformEnable is neither 0 nor 1.
pub const OPTION_43_BAD_VALUE: &[u8] = b"\x01\x1chttps://acs.example.net/cwmp\x03\x03yes";

/// The gateway's own configuration keys (its CLI and configuration file
/// names) for the data-model parameters they map to. The configuration
/// file the ACS uploads and downloads is written in these names.
const CONFIG_KEYS: [(&str, &str); 10] = [
    ("tr069.acs_url", "Device.ManagementServer.URL"),
    ("tr069.acs_username", "Device.ManagementServer.Username"),
    ("tr069.acs_password", "Device.ManagementServer.Password"),
    (
        "tr069.periodic_inform",
        "Device.ManagementServer.PeriodicInformEnable",
    ),
    (
        "tr069.periodic_interval",
        "Device.ManagementServer.PeriodicInformInterval",
    ),
    (
        "tr069.cr_username",
        "Device.ManagementServer.ConnectionRequestUsername",
    ),
    (
        "tr069.cr_password",
        "Device.ManagementServer.ConnectionRequestPassword",
    ),
    (
        "tr069.upgrades_managed",
        "Device.ManagementServer.UpgradesManaged",
    ),
    (
        "tr069.dhcp_option43",
        "Device.X_SANGOMA_Provisioning.DHCPOption43Enable",
    ),
    (
        "system.admin_password",
        "Device.X_SANGOMA_Provisioning.AdminPassword",
    ),
];

/// The only file types the gateway transfers.
const BACKUP_FILE_TYPE: &str = "1 Vendor Configuration File";
const RESTORE_FILE_TYPE: &str = "3 Vendor Configuration File";

/// TR-069's fault for a file that arrived but cannot be used.
const FILE_CORRUPTED: u32 = 9018;
/// TR-069's fault for a file the server does not have.
const FILE_UNAVAILABLE: u32 = 9016;

/// An HTTP file server in memory, with one account.
#[derive(Clone, Debug)]
pub struct FileServer {
    account: (String, String),
    files: BTreeMap<String, Vec<u8>>,
}

impl FileServer {
    /// A server that accepts only `username` and `password`.
    pub fn new(username: &str, password: &str) -> FileServer {
        FileServer {
            account: (username.to_owned(), password.to_owned()),
            files: BTreeMap::new(),
        }
    }

    /// The file at `url`, as the operator sees it.
    pub fn file(&self, url: &str) -> Option<&[u8]> {
        self.files.get(url).map(Vec::as_slice)
    }

    /// Puts a file in place, as the operator does.
    pub fn publish(&mut self, url: &str, bytes: Vec<u8>) {
        self.files.insert(url.to_owned(), bytes);
    }

    fn authorize(&self, username: &str, password: &str) -> Result<(), u32> {
        if (username, password) == (self.account.0.as_str(), self.account.1.as_str()) {
            Ok(())
        } else {
            Err(codes::FILE_TRANSFER_AUTH_FAILURE)
        }
    }

    /// HTTP GET with basic authentication; the TR-069 fault code on failure.
    fn get(&self, url: &str, username: &str, password: &str) -> Result<Vec<u8>, u32> {
        self.authorize(username, password)?;
        self.files.get(url).cloned().ok_or(FILE_UNAVAILABLE)
    }

    /// HTTP PUT with basic authentication.
    fn put(
        &mut self,
        url: &str,
        username: &str,
        password: &str,
        bytes: Vec<u8>,
    ) -> Result<(), u32> {
        self.authorize(username, password)?;
        self.files.insert(url.to_owned(), bytes);
        Ok(())
    }
}

/// Why a DHCP lease's option 43 was not taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LeaseError {
    /// The option could not be read.
    Option43(Option43Error),
    /// The tree refused a setting (e.g. a URL longer than the model allows).
    Refused(SetFault),
}

impl std::fmt::Display for LeaseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LeaseError::Option43(e) => write!(f, "{e}"),
            LeaseError::Refused(e) => {
                write!(f, "option 43 refused:")?;
                e.faults
                    .iter()
                    .try_for_each(|(path, fault)| write!(f, " {path}: {fault};"))
            }
        }
    }
}

/// A configuration transfer the ACS asked for, waiting for its session to
/// end.
#[derive(Clone, Debug)]
struct Job {
    id: TransferId,
    backup: bool,
    url: String,
    username: String,
    password: String,
}

/// The gateway: a simulated clock, its transfers, and the file server it
/// reaches.
#[derive(Clone, Debug)]
pub struct Vega {
    /// Seconds since the Unix epoch.
    pub clock: i64,
    booted_at: i64,
    /// Where the ACS URL in use came from; the gateway keeps it with the
    /// URL, which a factory reset keeps.
    acs_source: AcsSettingsSource,
    jobs: Vec<Job>,
    /// The operator's file server.
    pub server: FileServer,
}

impl Vega {
    /// A gateway off, its clock at `clock`.
    pub fn new(clock: i64, server: FileServer) -> Vega {
        Vega {
            clock,
            booted_at: clock,
            acs_source: AcsSettingsSource::Static,
            jobs: Vec::new(),
            server,
        }
    }

    /// Boots for the first time on a network whose DHCP server hands out
    /// `option43`: the Inform then carries `0 BOOTSTRAP` (a new ACS URL)
    /// and `1 BOOT`.
    pub fn power_on(
        &mut self,
        tree: &mut Tree,
        state: &mut CpeState,
        option43: &[u8],
    ) -> Result<(), LeaseError> {
        self.booted_at = self.clock;
        stamp_identity(tree);
        let lease = self.dhcp_lease(tree, state, option43);
        state.add_event(EventCode::Boot, "");
        // What the firmware loaded is what the BOOTSTRAP Inform reports,
        // not a change to notify.
        let _ = tree.take_changes_for_inform();
        lease.map(drop)
    }

    /// Takes the ACS settings of a DHCP lease's option 43, as
    /// `X_SANGOMA_Provisioning.DHCPOption43Enable` allows: all of them or,
    /// on any error, none. Returns the parameters that changed.
    pub fn dhcp_lease(
        &mut self,
        tree: &mut Tree,
        state: &mut CpeState,
        option43: &[u8],
    ) -> Result<Vec<String>, LeaseError> {
        let enabled = tree
            .get_param(XSangomaProvisioning::DHCP_OPTION43_ENABLE, &[])
            .unwrap_or(false);
        if !enabled {
            return Ok(Vec::new());
        }
        let settings =
            AcsSettings::parse(option43, &SubOptionMap::VEGA).map_err(LeaseError::Option43)?;
        let outcome = settings.apply(tree, state).map_err(LeaseError::Refused)?;
        if settings.url.is_some() {
            self.acs_source = AcsSettingsSource::DhcpOption43;
            set(
                tree,
                XSangomaProvisioning::ACS_SETTINGS_SOURCE,
                &self.acs_source,
            );
        }
        Ok(outcome.changed)
    }

    /// The ACS knocked (a Connection Request): the next session says so.
    pub fn connection_request(&self, state: &mut CpeState) {
        state.add_event(EventCode::ConnectionRequest, "");
    }

    /// Lets `seconds` pass.
    pub fn wait(&mut self, seconds: i64) {
        self.clock += seconds;
    }

    /// Runs the transfers the last session queued, in order, each one
    /// second long on the simulated link, and records how each ended.
    pub fn run_transfers(&mut self, tree: &mut Tree, state: &mut CpeState) {
        for job in std::mem::take(&mut self.jobs) {
            state.set_transfer_state(job.id, TransferState::InProgress);
            let start = self.now();
            self.wait(1);
            let result = if job.backup {
                let file = backup(tree);
                self.server
                    .put(&job.url, &job.username, &job.password, file)
            } else {
                self.server
                    .get(&job.url, &job.username, &job.password)
                    .and_then(|file| restore(tree, &file))
            };
            let outcome = match result {
                Ok(()) => TransferOutcome::success(start, self.now()),
                Err(code) => TransferOutcome::failure(code, start, self.now()),
            };
            state.finish_transfer(job.id, outcome);
        }
    }

    fn queue(&mut self, id: TransferId, backup: bool, url: &str, user: &str, pass: &str) {
        self.jobs.push(Job {
            id,
            backup,
            url: url.to_owned(),
            username: user.to_owned(),
            password: pass.to_owned(),
        });
    }
}

impl Device for Vega {
    fn now(&self) -> DateTime {
        DateTime::from_unix(self.clock)
    }

    fn refresh(&mut self, tree: &mut Tree, reads: &[ParamRead]) -> Result<(), ReadFault> {
        if reads.iter().any(|r| r.param == DeviceInfo::UP_TIME.index) {
            let up = u32::try_from(self.clock - self.booted_at).unwrap_or(u32::MAX);
            set(tree, DeviceInfo::UP_TIME, &up);
        }
        Ok(())
    }

    fn commit_set(&mut self, tree: &mut Tree, changed: &[String]) -> Applied {
        // An ACS URL set over CWMP is no longer DHCP's.
        if changed.iter().any(|p| p == "Device.ManagementServer.URL") {
            self.acs_source = AcsSettingsSource::Static;
            set(
                tree,
                XSangomaProvisioning::ACS_SETTINGS_SOURCE,
                &self.acs_source,
            );
        }
        Applied::Now
    }

    fn download(
        &mut self,
        _tree: &mut Tree,
        id: TransferId,
        request: &Download,
    ) -> Result<TransferStart, Fault> {
        check_transfer_url(&request.url)?;
        if request.file_type != RESTORE_FILE_TYPE {
            return Err(Fault::new(
                codes::INVALID_ARGUMENTS,
                format!("the gateway downloads only `{RESTORE_FILE_TYPE}`"),
            ));
        }
        let (url, user, pass) = (&request.url, &request.username, &request.password);
        self.queue(id, false, url, user, pass);
        Ok(TransferStart::Queued)
    }

    fn upload(
        &mut self,
        _tree: &mut Tree,
        id: TransferId,
        request: &Upload,
    ) -> Result<TransferStart, Fault> {
        check_transfer_url(&request.url)?;
        if request.file_type != BACKUP_FILE_TYPE {
            return Err(Fault::new(
                codes::INVALID_ARGUMENTS,
                format!("the gateway uploads only `{BACKUP_FILE_TYPE}`"),
            ));
        }
        let (url, user, pass) = (&request.url, &request.username, &request.password);
        self.queue(id, true, url, user, pass);
        Ok(TransferStart::Queued)
    }

    fn reboot(&mut self, _tree: &mut Tree) {
        self.booted_at = self.clock;
    }

    fn factory_reset(&mut self, tree: &mut Tree) {
        // The reset forgot the queued transfers; the gateway does too.
        self.jobs.clear();
        self.booted_at = self.clock;
        stamp_identity(tree);
        set(
            tree,
            XSangomaProvisioning::ACS_SETTINGS_SOURCE,
            &self.acs_source,
        );
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

/// What the firmware knows about itself, written at every boot because a
/// factory reset clears DeviceInfo with the rest.
fn stamp_identity(tree: &mut Tree) {
    let text = |s: &str| s.to_owned();
    set(
        tree,
        Root::DEVICE_SUMMARY,
        &text("Device:1.2[](Baseline:1)"),
    );
    set(tree, DeviceInfo::MANUFACTURER, &text("Sangoma"));
    set(tree, DeviceInfo::MANUFACTURER_OUI, &text("00A0C8"));
    set(tree, DeviceInfo::MODEL_NAME, &text("Vega 60"));
    set(tree, DeviceInfo::PRODUCT_CLASS, &text("Vega60"));
    set(tree, DeviceInfo::SERIAL_NUMBER, &text(SERIAL));
    set(tree, DeviceInfo::HARDWARE_VERSION, &text("Vega60 rev B"));
    set(tree, DeviceInfo::SOFTWARE_VERSION, &text("R11.3.4"));
    set(
        tree,
        ManagementServer::CONNECTION_REQUEST_URL,
        &text(CONNECTION_REQUEST_URL),
    );
}

/// The configuration file: one `key=value` line per mapped parameter,
/// secrets included, since a backup that cannot be restored is no backup.
fn backup(tree: &Tree) -> Vec<u8> {
    let mut file = format!("# Sangoma Vega configuration, {SERIAL}\n");
    for (key, path) in CONFIG_KEYS {
        let value = tree.get(path).map(|v| v.to_string()).unwrap_or_default();
        file.push_str(&format!("{key}={value}\n"));
    }
    file.into_bytes()
}

/// Applies a configuration file: every line or, when one is unknown or
/// its value does not fit, none (fault 9018).
fn restore(tree: &mut Tree, file: &[u8]) -> Result<(), u32> {
    let text = std::str::from_utf8(file).map_err(|_| FILE_CORRUPTED)?;
    let mut batch = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line.split_once('=').ok_or(FILE_CORRUPTED)?;
        let (_, path) = CONFIG_KEYS
            .iter()
            .find(|(k, _)| *k == key)
            .ok_or(FILE_CORRUPTED)?;
        batch.push((path.to_string(), value.to_owned()));
    }
    tree.set_values(&batch, Writer::Device, None)
        .map(drop)
        .map_err(|_| FILE_CORRUPTED)
}

/// A DHCP renewal the gateway refused.
#[derive(Clone, Debug)]
pub struct RefusedLease {
    /// The option 43 bytes.
    pub option43: &'static [u8],
    /// Why.
    pub error: LeaseError,
    /// The tree before.
    pub before: State,
    /// The tree after.
    pub after: State,
    /// Whether the CPE state (pending events) stayed as it was.
    pub state_unchanged: bool,
}

/// Everything the story produced.
pub struct Run {
    /// The ACS, with the transcript of every session.
    pub acs: ScriptedAcs,
    /// The story's parts, for printing.
    pub scenes: Vec<Scene>,
    /// The gateway after the story.
    pub vega: Vega,
    /// Its tree after the story.
    pub tree: Tree,
    /// Its CPE state after the story.
    pub state: CpeState,
    /// The ACS URL each session went to.
    pub contacted: Vec<String>,
    /// Each session's Inform.
    pub informs: Vec<Inform>,
    /// The TransferCompletes, in the order sent.
    pub transfer_completes: Vec<TransferComplete>,
    /// The tree right after the first lease.
    pub after_first_lease: State,
    /// The renewals refused: truncated, then a bad value.
    pub refused_leases: Vec<RefusedLease>,
    /// GetParameterValues of `Device.ManagementServer.` at bootstrap.
    pub bootstrap_values: Response,
    /// SetParameterValues of the mapped ManagementServer parameters.
    pub set_mapped: Response,
    /// SetParameterValues of the read-only ConnectionRequestURL.
    pub set_read_only: Response,
    /// GetParameterValues of the mapped parameters after the set.
    pub mapped_values: Response,
    /// The tree's own (hidden) Password after the set.
    pub stored_password: String,
    /// The Upload's answer.
    pub upload: Response,
    /// The Download's answer.
    pub download: Response,
    /// GetParameterValues after the restore.
    pub restored_values: Response,
    /// The tree's own (hidden) AdminPassword after the restore.
    pub restored_admin_password: String,
    /// The Reboot's answer.
    pub reboot: Response,
    /// The FactoryReset's answer.
    pub factory_reset: Response,
    /// GetParameterValues of kept and reset parameters after the factory
    /// reset.
    pub reset_values: Response,
}

/// Where the ACS keeps the backup.
pub const BACKUP_URL: &str = "https://files.example.net/vega/VG60-000123.cfg";
/// The edited copy of the backup.
pub const RESTORE_URL: &str = "https://files.example.net/vega/VG60-000123-edited.cfg";
/// The file server's account.
pub const FILES_USER: &str = "vega";
/// The file server's account password.
pub const FILES_PASSWORD: &str = "f1les";

/// The mapped ManagementServer parameters the ACS sets, with their types.
pub const MAPPED_SET: [(&str, &str, &str); 7] = [
    ("Device.ManagementServer.Username", "vega-60", "string"),
    ("Device.ManagementServer.Password", "acs-s3cret", "string"),
    (
        "Device.ManagementServer.PeriodicInformEnable",
        "true",
        "boolean",
    ),
    (
        "Device.ManagementServer.PeriodicInformInterval",
        "600",
        "unsignedInt",
    ),
    (
        "Device.ManagementServer.ConnectionRequestUsername",
        "acs",
        "string",
    ),
    (
        "Device.ManagementServer.ConnectionRequestPassword",
        "cr-s3cret",
        "string",
    ),
    ("Device.ManagementServer.UpgradesManaged", "true", "boolean"),
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

/// `file` with the value of `key` replaced.
fn edit(file: &str, key: &str, value: &str) -> String {
    file.lines()
        .map(|line| match line.split_once('=') {
            Some((k, _)) if k == key => format!("{key}={value}\n"),
            _ => format!("{line}\n"),
        })
        .collect()
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
    let mut vega = Vega::new(1_795_000_000, FileServer::new(FILES_USER, FILES_PASSWORD));
    let mut contacted = Vec::new();
    let mut informs = Vec::new();
    let mut transfer_completes = Vec::new();
    let acs_url = |tree: &Tree| {
        tree.get_param(ManagementServer::URL, &[])
            .expect("the model has ManagementServer.URL")
    };

    scenes.begin(
        &acs,
        "Boot: ACS settings from DHCP option 43, then BOOTSTRAP",
    );
    vega.power_on(&mut tree, &mut state, OPTION_43)
        .expect("the first lease is well formed");
    let after_first_lease = tree.save();
    contacted.push(acs_url(&tree));
    scenes.before(format!("option 43: {}", OPTION_43.escape_ascii()));
    scenes.before(format!("the gateway contacts {}", acs_url(&tree)));
    let mut call = acs.open(Session::new(&mut tree, &mut vega, &mut state));
    informs.push(call.inform().clone());
    let bootstrap_values = answered(call.send(gpv(&["Device.ManagementServer."])));
    call.close();

    scenes.begin(&acs, "DHCP renewals with a broken option 43 are refused");
    let mut refused_leases = Vec::new();
    for option43 in [OPTION_43_TRUNCATED, OPTION_43_BAD_VALUE] {
        vega.wait(1800);
        let (before, state_before) = (tree.save(), state.clone());
        let error = vega
            .dhcp_lease(&mut tree, &mut state, option43)
            .expect_err("a broken option 43 is refused");
        scenes.before(format!("option 43: {}", option43.escape_ascii()));
        scenes.before(format!("refused: {error}"));
        refused_leases.push(RefusedLease {
            option43,
            error,
            before,
            after: tree.save(),
            state_unchanged: state == state_before,
        });
    }

    scenes.begin(
        &acs,
        "Connection Request: the ACS sets the mapped ManagementServer parameters \
         and backs the configuration up (Upload)",
    );
    vega.wait(60);
    vega.connection_request(&mut state);
    contacted.push(acs_url(&tree));
    let mut call = acs.open(Session::new(&mut tree, &mut vega, &mut state));
    informs.push(call.inform().clone());
    let set_mapped = answered(call.send(spv("ms-1", &MAPPED_SET)));
    let set_read_only = answered(call.send(spv(
        "ms-2",
        &[(
            "Device.ManagementServer.ConnectionRequestURL",
            "http://198.51.100.1/",
            "string",
        )],
    )));
    let mapped: Vec<&str> = CONFIG_KEYS
        .iter()
        .map(|(_, path)| *path)
        .filter(|path| path.starts_with("Device.ManagementServer."))
        .collect();
    let mapped_values = answered(
        call.send(gpv(&[
            &mapped[..],
            &["Device.ManagementServer.ConnectionRequestURL"],
        ]
        .concat())),
    );
    let stored_password = call
        .session()
        .tree()
        .get_param(ManagementServer::PASSWORD, &[])
        .expect("the model has ManagementServer.Password");
    let upload = answered(call.send(Request::Upload(Upload {
        command_key: "backup-1".into(),
        file_type: BACKUP_FILE_TYPE.into(),
        url: BACKUP_URL.into(),
        username: FILES_USER.into(),
        password: FILES_PASSWORD.into(),
        delay_seconds: 0,
    })));
    call.close();
    scenes.after("the tree keeps the passwords; GetParameterValues reads them back empty");
    vega.run_transfers(&mut tree, &mut state);
    let backup_file = vega
        .server
        .file(BACKUP_URL)
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .unwrap_or_default();
    scenes.after(format!(
        "after the session the gateway PUTs {BACKUP_URL}:\n{backup_file}"
    ));

    scenes.begin(
        &acs,
        "TransferComplete for the backup; Download restores an edited copy",
    );
    // The operator edits the backup: a longer interval, a new admin password.
    let edited = edit(&backup_file, "tr069.periodic_interval", "900");
    let edited = edit(&edited, "system.admin_password", "n3w-admin");
    vega.server
        .publish(RESTORE_URL, edited.clone().into_bytes());
    vega.wait(300);
    contacted.push(acs_url(&tree));
    let mut call = acs.open(Session::new(&mut tree, &mut vega, &mut state));
    informs.push(call.inform().clone());
    transfer_completes.extend_from_slice(call.transfers());
    let download = answered(call.send(Request::Download(Download {
        command_key: "restore-1".into(),
        file_type: RESTORE_FILE_TYPE.into(),
        url: RESTORE_URL.into(),
        username: FILES_USER.into(),
        password: FILES_PASSWORD.into(),
        file_size: u32::try_from(edited.len()).expect("a small file"),
        target_file_name: "vega.cfg".into(),
        ..Download::default()
    })));
    call.close();
    vega.run_transfers(&mut tree, &mut state);
    let restored_admin_password = tree
        .get_param(XSangomaProvisioning::ADMIN_PASSWORD, &[])
        .expect("the model has X_SANGOMA_Provisioning.AdminPassword");
    scenes.after(format!(
        "after the session the gateway GETs {RESTORE_URL} and applies it"
    ));

    scenes.begin(
        &acs,
        "TransferComplete for the restore; the ACS reboots the gateway",
    );
    vega.wait(300);
    contacted.push(acs_url(&tree));
    let mut call = acs.open(Session::new(&mut tree, &mut vega, &mut state));
    informs.push(call.inform().clone());
    transfer_completes.extend_from_slice(call.transfers());
    let restored_values = answered(call.send(gpv(&[
        "Device.ManagementServer.PeriodicInformInterval",
        "Device.X_SANGOMA_Provisioning.",
    ])));
    let reboot = answered(call.send(Request::Reboot(Reboot {
        command_key: "reboot-1".into(),
    })));
    call.close();
    scenes.after("the session ends and the gateway reboots");

    scenes.begin(
        &acs,
        "After the reboot: M Reboot, 1 BOOT; the ACS resets the gateway",
    );
    vega.wait(90);
    contacted.push(acs_url(&tree));
    let mut call = acs.open(Session::new(&mut tree, &mut vega, &mut state));
    informs.push(call.inform().clone());
    let factory_reset = answered(call.send(Request::FactoryReset));
    call.close();
    scenes.after("the session ends and the gateway resets to factory settings");

    scenes.begin(
        &acs,
        "After the factory reset: BOOTSTRAP to the ACS the reset kept",
    );
    vega.wait(120);
    contacted.push(acs_url(&tree));
    let mut call = acs.open(Session::new(&mut tree, &mut vega, &mut state));
    informs.push(call.inform().clone());
    let reset_values = answered(call.send(gpv(&[
        "Device.ManagementServer.URL",
        "Device.ManagementServer.Username",
        "Device.ManagementServer.PeriodicInformInterval",
        "Device.DeviceInfo.ProvisioningCode",
        "Device.DeviceInfo.UpTime",
        "Device.X_SANGOMA_Provisioning.",
    ])));
    call.close();
    scenes.end(&acs);

    Run {
        acs,
        scenes: scenes.into_vec(),
        vega,
        tree,
        state,
        contacted,
        informs,
        transfer_completes,
        after_first_lease,
        refused_leases,
        bootstrap_values,
        set_mapped,
        set_read_only,
        mapped_values,
        stored_password,
        upload,
        download,
        restored_values,
        restored_admin_password,
        reboot,
        factory_reset,
        reset_values,
    }
}
