//! An embedded CPE with a Dimark-style TR-069 client, on its generated
//! TR-181 `Device:2.4` model, and the ACS story [`run`] plays against it:
//!
//! 1. the first boot: a `0 BOOTSTRAP`/`1 BOOT` Inform whose DeviceId
//!    carries Manufacturer, ManufacturerOUI, ProductClass and
//!    SerialNumber, and whose ParameterList is the forced-inform set
//!    (HardwareVersion, SoftwareVersion, ProvisioningCode, ParameterKey,
//!    ConnectionRequestURL); the ACS sets a few parameters and sends a
//!    firmware Download with every argument filled in;
//! 2. the client waits out DelaySeconds on a simulated clock, fetches the
//!    image from an in-memory file server with the given credentials,
//!    checks its size, stores it under TargetFileName, installs it and
//!    reboots;
//! 3. the next session reports the upgrade: `7 TRANSFER COMPLETE`,
//!    `M Download` with the CommandKey, `1 BOOT`, the new SoftwareVersion,
//!    and the TransferComplete.
//!
//! The identity values are illustrative.

use std::collections::BTreeMap;

use cwmp_model::models::dimark_client::device::{DeviceInfo, ManagementServer, MODEL};
use cwmp_model::runtime::engine::{Fault, Tree};
use cwmp_model::runtime::rpc::{
    check_transfer_url, CpeState, Device, EventCode, ScriptedAcs, Session, TransferId,
    TransferOutcome, TransferStart,
};
use cwmp_model::runtime::soap::{
    codes, Download, GetParameterValues, Inform, ParameterValue, Request, Response,
    SetParameterValues, TransferComplete, TransferState,
};
use cwmp_model::runtime::typed::{Field, Param};
use cwmp_model::runtime::value::DateTime;

#[path = "../common/scenes.rs"]
mod scenes;
pub use scenes::Scene;
use scenes::Scenes;

/// The client's serial number.
pub const SERIAL: &str = "DMK5-00F1-2093";
/// The firmware the client ships with.
pub const FACTORY_FIRMWARE: &str = "2.0.7";
/// The firmware the ACS upgrades it to.
pub const NEW_FIRMWARE: &str = "2.1.0";

/// The only file type the client downloads.
const FIRMWARE_FILE_TYPE: &str = "1 Firmware Upgrade Image";
/// How an image starts, before its version.
const IMAGE_MAGIC: &str = "DMK5-IMAGE ";
/// Seconds the simulated link takes to fetch an image.
const FETCH_SECONDS: i64 = 2;
/// Seconds flashing and rebooting take.
const INSTALL_SECONDS: i64 = 45;

/// TR-069's fault for a file the server does not have.
const FILE_UNAVAILABLE: u32 = 9016;
/// TR-069's fault for a file that arrived but cannot be used.
const FILE_CORRUPTED: u32 = 9018;

/// A firmware image for `version`.
pub fn image(version: &str) -> Vec<u8> {
    let mut image = format!("{IMAGE_MAGIC}{version}\n").into_bytes();
    // Some payload, so that the size means something.
    image.extend((0..=255u8).cycle().take(4096));
    image
}

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

    /// Puts a file in place, as the operator does.
    pub fn publish(&mut self, url: &str, bytes: Vec<u8>) {
        self.files.insert(url.to_owned(), bytes);
    }

    /// HTTP GET with basic authentication; the TR-069 fault code on failure.
    fn get(&self, url: &str, username: &str, password: &str) -> Result<Vec<u8>, u32> {
        if (username, password) != (self.account.0.as_str(), self.account.1.as_str()) {
            return Err(codes::FILE_TRANSFER_AUTH_FAILURE);
        }
        self.files.get(url).cloned().ok_or(FILE_UNAVAILABLE)
    }
}

/// A Download accepted and waiting for its DelaySeconds.
#[derive(Clone, Debug)]
struct Job {
    id: TransferId,
    request: Download,
    due: i64,
}

/// The client: a simulated clock, its flash, and the file server it
/// reaches.
#[derive(Clone, Debug)]
pub struct Client {
    /// Seconds since the Unix epoch.
    pub clock: i64,
    jobs: Vec<Job>,
    /// Every Download the client accepted, as its hook received it.
    pub downloads: Vec<Download>,
    /// When each download started.
    pub started: Vec<(TransferId, DateTime)>,
    /// Files kept under their TargetFileName.
    pub flash: BTreeMap<String, Vec<u8>>,
    /// The page the client's LAN status page sent the user to after each
    /// transfer: its SuccessURL or FailureURL.
    pub redirects: Vec<String>,
    /// The operator's file server.
    pub server: FileServer,
}

impl Client {
    /// A client off, its clock at `clock`.
    pub fn new(clock: i64, server: FileServer) -> Client {
        Client {
            clock,
            jobs: Vec::new(),
            downloads: Vec::new(),
            started: Vec::new(),
            flash: BTreeMap::new(),
            redirects: Vec::new(),
            server,
        }
    }

    /// Boots for the first time: the Inform carries `0 BOOTSTRAP` and
    /// `1 BOOT`.
    pub fn power_on(&mut self, tree: &mut Tree, state: &mut CpeState) {
        let text = |s: &str| s.to_owned();
        set(tree, DeviceInfo::MANUFACTURER, &text("Example Networks"));
        set(tree, DeviceInfo::MANUFACTURER_OUI, &text("A4B1C2"));
        set(tree, DeviceInfo::MODEL_NAME, &text("DMK-5 Home Gateway"));
        set(tree, DeviceInfo::PRODUCT_CLASS, &text("DMK5"));
        set(tree, DeviceInfo::SERIAL_NUMBER, &text(SERIAL));
        set(tree, DeviceInfo::HARDWARE_VERSION, &text("HW-B2"));
        set(tree, DeviceInfo::SOFTWARE_VERSION, &text(FACTORY_FIRMWARE));
        set(tree, DeviceInfo::PROVISIONING_CODE, &text("DMK-RES-01"));
        set(
            tree,
            ManagementServer::URL,
            &text("https://acs.example.net/dimark"),
        );
        set(
            tree,
            ManagementServer::CONNECTION_REQUEST_URL,
            &text("http://198.51.100.23:30005/cwmp"),
        );
        state.add_event(EventCode::Bootstrap, "");
        state.add_event(EventCode::Boot, "");
        // What the firmware loaded is what the BOOTSTRAP Inform reports,
        // not a change to notify.
        let _ = tree.take_changes_for_inform();
    }

    /// When the client next has something to do on its own: a delayed
    /// download falling due, or a session.
    pub fn next_wakeup(&self, state: &CpeState) -> Option<DateTime> {
        let job = self.jobs.iter().map(|j| j.due).min();
        let session = state.next_wakeup().and_then(|t| t.to_unix());
        [job, session]
            .into_iter()
            .flatten()
            .min()
            .map(DateTime::from_unix)
    }

    /// Starts every download whose DelaySeconds have passed: fetch, check,
    /// store, install, reboot. Returns how many started.
    pub fn run_due_transfers(&mut self, tree: &mut Tree, state: &mut CpeState) -> usize {
        let (due, waiting) = std::mem::take(&mut self.jobs)
            .into_iter()
            .partition::<Vec<_>, _>(|j| j.due <= self.clock);
        self.jobs = waiting;
        for job in &due {
            let start = self.now();
            self.started.push((job.id, start));
            state.set_transfer_state(job.id, TransferState::InProgress);
            self.clock += FETCH_SECONDS;
            let installed = self.fetch_and_install(tree, &job.request);
            let (outcome, page) = match installed {
                Ok(()) => (
                    TransferOutcome::success(start, self.now()),
                    &job.request.success_url,
                ),
                Err(code) => (
                    TransferOutcome::failure(code, start, self.now()),
                    &job.request.failure_url,
                ),
            };
            state.finish_transfer(job.id, outcome);
            self.redirects.push(page.clone());
            if installed.is_ok() {
                // The new image runs after a reboot.
                self.clock += INSTALL_SECONDS;
                state.add_event(EventCode::Boot, "");
            }
        }
        due.len()
    }

    /// Fetches an image with the Download's credentials, checks it against
    /// FileSize, keeps it under TargetFileName and installs it.
    fn fetch_and_install(&mut self, tree: &mut Tree, request: &Download) -> Result<(), u32> {
        let file = self
            .server
            .get(&request.url, &request.username, &request.password)?;
        let size_known = request.file_size != 0;
        if size_known && usize::try_from(request.file_size) != Ok(file.len()) {
            return Err(FILE_CORRUPTED);
        }
        let header = file.split(|b| *b == b'\n').next().unwrap_or_default();
        let version = std::str::from_utf8(header)
            .ok()
            .and_then(|h| h.strip_prefix(IMAGE_MAGIC))
            .ok_or(FILE_CORRUPTED)?
            .to_owned();
        let name = match request.target_file_name.as_str() {
            "" => "firmware.bin",
            name => name,
        };
        self.flash.insert(name.to_owned(), file);
        set(tree, DeviceInfo::SOFTWARE_VERSION, &version);
        Ok(())
    }
}

impl Device for Client {
    fn now(&self) -> DateTime {
        DateTime::from_unix(self.clock)
    }

    fn download(
        &mut self,
        _tree: &mut Tree,
        id: TransferId,
        request: &Download,
    ) -> Result<TransferStart, Fault> {
        check_transfer_url(&request.url)?;
        if request.file_type != FIRMWARE_FILE_TYPE {
            return Err(Fault::new(
                codes::INVALID_ARGUMENTS,
                format!("the client downloads only `{FIRMWARE_FILE_TYPE}`"),
            ));
        }
        self.downloads.push(request.clone());
        self.jobs.push(Job {
            id,
            request: request.clone(),
            due: self.clock + i64::from(request.delay_seconds),
        });
        Ok(TransferStart::Queued)
    }
}

/// Writes one parameter as the device. The values the client writes fit
/// its own model, so a refusal is a bug in this file.
fn set<T: Field>(tree: &mut Tree, key: Param<T>, value: &T) {
    if let Err(fault) = tree.set_param(key, &[], value) {
        panic!("the client's own value was refused: {fault}");
    }
}

/// The Download the ACS sends, every argument filled in.
pub fn firmware_download() -> Download {
    Download {
        command_key: "fw-2.1.0".into(),
        file_type: FIRMWARE_FILE_TYPE.into(),
        url: "https://files.example.net/dmk5/dmk5-2.1.0.img".into(),
        username: "dmk5".into(),
        password: "img-pass".into(),
        file_size: u32::try_from(image(NEW_FIRMWARE).len()).unwrap_or(u32::MAX),
        target_file_name: "dmk5-2.1.0.img".into(),
        delay_seconds: 30,
        success_url: "https://portal.example.net/upgrade/done".into(),
        failure_url: "https://portal.example.net/upgrade/failed".into(),
    }
}

/// Everything the story produced.
pub struct Run {
    /// The ACS, with the transcript of every session.
    pub acs: ScriptedAcs,
    /// The story's parts, for printing.
    pub scenes: Vec<Scene>,
    /// The client after the story.
    pub client: Client,
    /// Its tree after the story.
    pub tree: Tree,
    /// Its CPE state after the story.
    pub state: CpeState,
    /// Each session's Inform.
    pub informs: Vec<Inform>,
    /// The TransferCompletes, in the order sent.
    pub transfer_completes: Vec<TransferComplete>,
    /// SetParameterValues at bootstrap.
    pub set: Response,
    /// The Download's answer.
    pub download: Response,
    /// When the client accepted the Download.
    pub accepted_at: DateTime,
    /// When it planned to wake up next.
    pub planned_wakeup: Option<DateTime>,
    /// Downloads started, and the transfer's state, a second before then.
    pub a_second_early: (usize, Option<TransferState>),
    /// Downloads started at the planned time.
    pub started_on_time: usize,
    /// GetParameterValues after the upgrade.
    pub upgraded_values: Response,
}

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
    let request = firmware_download();
    let mut server = FileServer::new(&request.username, &request.password);
    server.publish(&request.url, image(NEW_FIRMWARE));
    let mut client = Client::new(1_795_000_000, server);
    let mut informs = Vec::new();

    scenes.begin(
        &acs,
        "First boot: BOOTSTRAP; the ACS configures the client and sends a firmware Download",
    );
    client.power_on(&mut tree, &mut state);
    let mut call = acs.open(Session::new(&mut tree, &mut client, &mut state));
    informs.push(call.inform().clone());
    let set = answered(call.send(spv(
        "dmk-boot-1",
        &[
            (
                "Device.ManagementServer.ConnectionRequestUsername",
                "acs",
                "string",
            ),
            (
                "Device.ManagementServer.ConnectionRequestPassword",
                "cr-pass",
                "string",
            ),
            (
                "Device.ManagementServer.PeriodicInformEnable",
                "true",
                "boolean",
            ),
            (
                "Device.ManagementServer.PeriodicInformInterval",
                "86400",
                "unsignedInt",
            ),
        ],
    )));
    let download = answered(call.send(Request::Download(request.clone())));
    call.close();
    let accepted_at = client.now();

    scenes.begin(&acs, "DelaySeconds pass; the client upgrades and reboots");
    // The main loop's first look after the session plans the periodic
    // Inform; the delayed download comes first.
    state.inform_due(&tree, client.now());
    let planned_wakeup = client.next_wakeup(&state);
    let wake = planned_wakeup
        .and_then(|t| t.to_unix())
        .unwrap_or(client.clock);
    client.clock = wake - 1;
    let early = client.run_due_transfers(&mut tree, &mut state);
    let early_state = state.transfers().first().map(|t| t.state);
    client.clock = wake;
    let started_on_time = client.run_due_transfers(&mut tree, &mut state);
    scenes.before(format!(
        "Download accepted at {accepted_at}; DelaySeconds {}; next wakeup {}",
        request.delay_seconds,
        DateTime::from_unix(wake)
    ));
    scenes.before(format!(
        "one second early: {early} started, transfer {early_state:?}"
    ));
    scenes.before(format!(
        "at {}: {started_on_time} started; fetched {} as {:?} with user {:?}, \
         installed {NEW_FIRMWARE}, rebooted; LAN page sent to {}",
        DateTime::from_unix(wake),
        request.url,
        request.target_file_name,
        request.username,
        client.redirects.last().map_or("", String::as_str)
    ));
    let mut call = acs.open(Session::new(&mut tree, &mut client, &mut state));
    informs.push(call.inform().clone());
    let transfer_completes = call.transfers().to_vec();
    let upgraded_values = answered(call.send(gpv(&["Device.DeviceInfo.SoftwareVersion"])));
    call.close();
    scenes.after("the upgrade is reported; nothing is left pending");
    scenes.end(&acs);

    Run {
        acs,
        scenes: scenes.into_vec(),
        client,
        tree,
        state,
        informs,
        transfer_completes,
        set,
        download,
        accepted_at,
        planned_wakeup,
        a_second_early: (early, early_state),
        started_on_time,
        upgraded_values,
    }
}
