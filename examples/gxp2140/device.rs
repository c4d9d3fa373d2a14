//! A simulated Grandstream GXP2140 and the ACS story it plays.
//!
//! The phone is [`Gxp2140`]: a [`Device`] over the generated `Device:1.2`
//! and `VoiceService:1.0` models of `cwmp_model::models::grandstream_gxp2140`,
//! with its own clock and a simulated network ([`Network`]: file, SIP and
//! test servers by URL or host). [`run`] plays a scripted ACS against it,
//! session by session, and returns everything a test asserts on.
//!
//! The behaviours Grandstream documents for its TR-069 support, as this
//! phone simulates them:
//!
//! - it offers Grandstream's RPC list only ([`METHODS`]);
//! - Reboot and FactoryReset run once the session has ended, and any request
//!   that follows one of them in the same session is cancelled (fault 9001);
//! - a FactoryReset keeps the TR-069 settings (`Device.ManagementServer.`)
//!   and the firmware; everything else, the SIP accounts included, goes
//!   back to the factory defaults;
//! - it downloads FileType 1 (firmware) and 3 (configuration file) and
//!   uploads FileType 3 (a configuration backup); other types are refused
//!   with 9003;
//! - it runs the IPPing, TR-143 Download and Upload tests when the session
//!   that requested them ends;
//! - passwords read back empty: the model's hidden parameters, and the raw
//!   P-value items that hold one.
//!
//! The data model mounts the voice service at `Device.Services.`, and the
//! phone is one [`Tree`] over that whole model
//! (`grandstream_gxp2140::model()`): the ACS provisions the SIP accounts in
//! the same [`Session`]s as everything else, at their full paths
//! (`Device.Services.VoiceService.1.VoiceProfile.1.`); the phone reads them
//! with the voice model's generated structs to register its lines, and one
//! reset, one Inform and one saved state cover the whole phone.

use std::collections::BTreeMap;

use cwmp_model::models::grandstream_gxp2140::{device, model, voice_service};
use cwmp_model::runtime::engine::{Fault, Tree};
use cwmp_model::runtime::rpc::{
    check_transfer_url, Action, Applied, Call, CpeState, Device, DiagnosticRun, EventCode, Message,
    Options, ParamRead, ReadFault, ScriptedAcs, Session, TransferId, TransferOutcome,
    TransferStart,
};
use cwmp_model::runtime::soap::{
    codes, AddObject, DeleteObject, Download, FaultStruct, GetParameterAttributes,
    GetParameterNames, GetParameterValues, Inform, ParameterValue, Reboot, Request, Response,
    ScheduleInform, SetAttributes, SetParameterAttributes, SetParameterValues, TransferComplete,
    Upload,
};
use cwmp_model::runtime::value::DateTime;

/// When the story starts: 2027-01-15T08:00:00Z.
pub const T0: i64 = 1_800_000_000;
/// The phone's MAC address (Grandstream's OUI 000B82).
pub const MAC: &str = "00:0B:82:8A:41:5C";
/// The firmware the phone ships with.
pub const FIRMWARE: &str = "1.0.11.64";
/// The firmware the ACS installs.
pub const NEW_FIRMWARE: &str = "1.0.11.79";
/// The ACS the phone was provisioned with.
pub const ACS_URL: &str = "https://acs.example.net/cwmp";

/// The models and profiles the phone supports, in TR-106 notation.
pub const DEVICE_SUMMARY: &str = "Device:1.2[](Baseline:1, UDPConnReq:1, LAN:1, Time:1, IPPing:1, \
    TraceRoute:1, Download:1, DownloadTCP:1, Upload:1, UploadTCP:1), \
    VoiceService:1.0[1](Endpoint:1, SIPEndpoint:1)";

/// The RPCs Grandstream lists for its phones (the CPE methods; Inform and
/// TransferComplete are the phone's own requests).
pub const METHODS: [&str; 13] = [
    "GetRPCMethods",
    "GetParameterNames",
    "GetParameterValues",
    "SetParameterValues",
    "GetParameterAttributes",
    "SetParameterAttributes",
    "AddObject",
    "DeleteObject",
    "Reboot",
    "FactoryReset",
    "Download",
    "Upload",
    "ScheduleInform",
];

/// The P-value of the web UI's admin password, which
/// `Device.X_GRANDSTREAM_Config.AdminPassword` also sets.
pub const ADMIN_PASSWORD_ITEM: &str = "P2";
/// P-values that hold a password, and so read back empty.
const PASSWORD_ITEMS: &[&str] = &[ADMIN_PASSWORD_ITEM];

const FIRMWARE_IMAGE: &str = "1 Firmware Upgrade Image";
const CONFIG_FILE: &str = "3 Vendor Configuration File";
/// TR-069's transfer fault for a file that is not what it should be.
const FILE_CORRUPTED: u32 = 9018;
/// TR-069's transfer fault for a file the server does not have.
const FILE_UNAVAILABLE: u32 = 9016;

/// The SIP accounts, one VoiceProfile each.
pub const VOICE_PROFILES: &str = "Device.Services.VoiceService.1.VoiceProfile.";

/// The diagnostics objects the phone runs tests of.
pub const PING: &str = "Device.LAN.IPPingDiagnostics.";
pub const DOWNLOAD_TEST: &str = "Device.DownloadDiagnostics.";
pub const UPLOAD_TEST: &str = "Device.UploadDiagnostics.";

/// The servers of the story: firmware, speed tests, backups.
pub const FIRMWARE_URL: &str = "http://fw.example.net/gxp2140/gxp2140fw.bin";
pub const SPEED_TEST_URL: &str = "http://speed.example.net/1MB.bin";
pub const SPEED_UPLOAD_URL: &str = "http://speed.example.net/upload";
pub const BACKUP_URL: &str = "http://backup.example.net/gxp/";

/// The network as the phone sees it: files by URL (firmware, provisioning
/// files, backups, speed-test payloads), a speed-test sink, and the hosts
/// that resolve (ping targets, SIP servers).
#[derive(Clone, Debug, Default)]
pub struct Network {
    files: BTreeMap<String, Vec<u8>>,
    sunk: BTreeMap<String, u64>,
}

impl Network {
    /// The file at `url`, if the server has one.
    pub fn get(&self, url: &str) -> Option<&[u8]> {
        self.files.get(url).map(Vec::as_slice)
    }

    /// Stores `bytes` at `url` (an HTTP PUT).
    pub fn put(&mut self, url: &str, bytes: Vec<u8>) {
        self.files.insert(url.to_owned(), bytes);
    }

    /// Receives and throws away `bytes` bytes at `url` (a speed test's
    /// upload, which may be gigabytes).
    pub fn sink(&mut self, url: &str, bytes: u64) {
        *self.sunk.entry(url.to_owned()).or_default() += bytes;
    }

    /// How many bytes the sink at `url` received.
    pub fn sunk(&self, url: &str) -> u64 {
        self.sunk.get(url).copied().unwrap_or(0)
    }

    /// Whether `host` resolves: the documentation ranges do, `.invalid`
    /// names do not.
    fn resolves(&self, host: &str) -> bool {
        !host.is_empty() && !host.ends_with(".invalid")
    }
}

/// A transfer the ACS asked for, carried out once the session has ended.
#[derive(Clone, Debug)]
enum Job {
    Firmware { id: TransferId, url: String },
    Provisioning { id: TransferId, url: String },
    Backup { id: TransferId, url: String },
}

/// The phone.
#[derive(Debug)]
pub struct Gxp2140 {
    /// The phone's clock, in Unix seconds (simulated).
    pub clock: i64,
    /// When it last booted.
    booted_at: i64,
    /// How many times it has booted.
    pub boots: u32,
    /// The running firmware.
    pub firmware: String,
    /// The provisioning items (P-values) in effect, passwords included:
    /// what the phone's configuration store holds.
    pub config: BTreeMap<String, String>,
    jobs: Vec<Job>,
    /// What the phone can reach.
    pub net: Network,
}

impl Gxp2140 {
    /// A phone fresh from the box, plugged into `net`, booted into `tree`.
    pub fn new(tree: &mut Tree, net: Network) -> Gxp2140 {
        let mut phone = Gxp2140 {
            clock: T0,
            booted_at: T0,
            boots: 0,
            firmware: FIRMWARE.to_owned(),
            config: BTreeMap::new(),
            jobs: Vec::new(),
            net,
        };
        phone.boot(tree);
        // Coming out of the box is the starting state, not a change to
        // report.
        tree.take_changes_for_inform();
        phone
    }

    /// The clock as a DateTime.
    pub fn now_utc(&self) -> DateTime {
        DateTime::from_unix(self.clock)
    }

    /// Comes up: the facts of the hardware and the running firmware are
    /// written again, since a factory reset wipes the tree to its defaults.
    fn boot(&mut self, tree: &mut Tree) {
        self.booted_at = self.clock;
        self.boots += 1;
        tree.set_param(
            device::Device::DEVICE_SUMMARY,
            &[],
            &DEVICE_SUMMARY.to_owned(),
        )
        .expect("the summary fits the model");
        let mut info: device::DeviceInfo = tree.read(&[]).expect("DeviceInfo is a single object");
        info.manufacturer = "Grandstream".into();
        info.manufacturer_oui = "000B82".into();
        info.model_name = "GXP2140".into();
        info.description = "Enterprise IP phone, 4 lines".into();
        info.product_class = "GXP2140".into();
        info.serial_number = "20EZ7XKF404A1B2C".into();
        info.hardware_version = "V1.4A".into();
        info.software_version = self.firmware.clone();
        info.device_status = device::device_info::DeviceStatus::Up;
        info.up_time = 0;
        tree.write(&info, &[]).expect("the identity fits the model");
        let lan = [
            (device::Lan::IP_ADDRESS, "192.0.2.50"),
            (device::Lan::SUBNET_MASK, "255.255.255.0"),
            (device::Lan::DEFAULT_GATEWAY, "192.0.2.1"),
            (device::Lan::MAC_ADDRESS, MAC),
        ];
        for (key, value) in lan {
            tree.set_param(key, &[], &value.to_owned())
                .expect("the LAN settings fit the model");
        }
        tree.set_param(
            device::ManagementServer::CONNECTION_REQUEST_URL,
            &[],
            &"http://192.0.2.50:7547/cr".to_owned(),
        )
        .expect("a URL fits the model");
    }

    /// The configuration file name of the phone with MAC address `mac`:
    /// `cfg` and the MAC in lower case without separators, as Grandstream's
    /// provisioning names it.
    pub fn config_file_name(mac: &str) -> String {
        format!("cfg{}.xml", mac.replace(':', "").to_lowercase())
    }

    /// Applies one provisioning item, as from a configuration file.
    fn apply_item(&mut self, tree: &mut Tree, name: &str, value: &str) -> Result<(), Fault> {
        if name == ADMIN_PASSWORD_ITEM {
            tree.set_param(
                device::XGrandstreamConfig::ADMIN_PASSWORD,
                &[],
                &value.to_owned(),
            )?;
        }
        self.config.insert(name.to_owned(), value.to_owned());
        Ok(())
    }

    /// Applies the enabled `X_GRANDSTREAM_PValue` entries, then blanks the
    /// values of password items: the phone keeps them, the ACS reads "".
    fn apply_pvalues(&mut self, tree: &mut Tree) {
        let root: device::Device = tree.read(&[]).expect("the root object exists");
        for (n, entry) in root.x_grandstream_p_value.iter() {
            if !entry.enable || entry.name.is_empty() || entry.value.is_empty() {
                continue;
            }
            // An item the phone cannot take (an admin password longer than
            // the UI allows) stays in the table, not applied.
            if self.apply_item(tree, &entry.name, &entry.value).is_err() {
                continue;
            }
            if PASSWORD_ITEMS.contains(&entry.name.as_str()) {
                tree.set_param(device::XGrandstreamPValue::VALUE, &[n], &String::new())
                    .expect("the entry was just read");
            }
        }
    }

    /// Registers the SIP accounts: a line is up when it and its account are
    /// enabled and the account's SIP server resolves.
    fn register_lines(&self, tree: &mut Tree) {
        use voice_service::voice_service::voice_profile::{self, line, Line};
        // The model has exactly one voice service (minEntries 1).
        let Ok(service) = tree.read::<voice_service::VoiceService>(&[1]) else {
            return;
        };
        for (p, account) in service.voice_profile.iter() {
            for (l, entry) in account.line.iter() {
                let enabled = account.enable == voice_profile::Enable::Enabled
                    && entry.enable == line::Enable::Enabled;
                let status = if !enabled {
                    line::Status::Disabled
                } else if self.net.resolves(&account.sip.proxy_server) {
                    line::Status::Up
                } else {
                    line::Status::Error
                };
                // The line was just read, and a status is always writable
                // by the device: this cannot fail.
                let _ = tree.set_param(Line::STATUS, &[1, p, l], &status);
            }
        }
    }

    /// Carries out the transfers the last session queued, then reboots if
    /// new firmware went in. Each ends with its TransferComplete queued.
    pub fn run_jobs(&mut self, tree: &mut Tree, state: &mut CpeState) {
        let mut reboot = false;
        for job in std::mem::take(&mut self.jobs) {
            let start = self.now_utc();
            let (id, result) = match job {
                Job::Firmware { id, url } => {
                    let result = self.install_firmware(&url);
                    reboot |= result.is_ok();
                    (id, result)
                }
                Job::Provisioning { id, url } => (id, self.provision(tree, &url)),
                Job::Backup { id, url } => {
                    self.back_up(tree, &url);
                    (id, Ok(()))
                }
            };
            self.clock += 2;
            let outcome = match result {
                Ok(()) => TransferOutcome::success(start, self.now_utc()),
                Err(fault) => TransferOutcome {
                    fault,
                    start_time: start,
                    complete_time: self.now_utc(),
                },
            };
            state.finish_transfer(id, outcome);
        }
        if reboot {
            state.add_event(EventCode::Boot, "");
            self.clock += 30;
            self.boot(tree);
        }
    }

    fn fetch(&self, url: &str) -> Result<Vec<u8>, FaultStruct> {
        self.net
            .get(url)
            .map(<[u8]>::to_vec)
            .ok_or_else(|| FaultStruct {
                code: FILE_UNAVAILABLE,
                string: format!("{url}: 404 Not Found"),
            })
    }

    fn install_firmware(&mut self, url: &str) -> Result<(), FaultStruct> {
        let image = self.fetch(url)?;
        let version = image_version(&image, "GXP2140").ok_or_else(|| FaultStruct {
            code: FILE_CORRUPTED,
            string: "not a GXP2140 firmware image".into(),
        })?;
        self.firmware = version.to_owned();
        Ok(())
    }

    fn provision(&mut self, tree: &mut Tree, url: &str) -> Result<(), FaultStruct> {
        let file = self.fetch(url)?;
        let text = String::from_utf8_lossy(&file);
        let items = provisioning_items(&text);
        if items.is_empty() {
            return Err(FaultStruct {
                code: FILE_CORRUPTED,
                string: "no <gs_provision> items in the file".into(),
            });
        }
        for (name, value) in items {
            self.apply_item(tree, &name, &value)
                .map_err(|fault| FaultStruct {
                    code: FILE_CORRUPTED,
                    string: format!("{name}: {}", fault.message),
                })?;
        }
        Ok(())
    }

    /// Uploads the configuration, password items left out, as
    /// `cfg<mac>.xml` under the URL the ACS gave (a directory).
    fn back_up(&mut self, tree: &Tree, url: &str) {
        let items: String = self
            .config
            .iter()
            .filter(|(name, _)| !PASSWORD_ITEMS.contains(&name.as_str()))
            .map(|(name, value)| format!("    <{name}>{value}</{name}>\n"))
            .collect();
        let file = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gs_provision version=\"1\">\n  <config version=\"1\">\n{items}  </config>\n</gs_provision>\n"
        );
        let mac = tree
            .get_param(device::Lan::MAC_ADDRESS, &[])
            .expect("the LAN object exists");
        let target = format!("{url}{}", Gxp2140::config_file_name(&mac));
        self.net.put(&target, file.into_bytes());
    }

    /// IPPing: any host that resolves answers every echo, in about 18 ms.
    fn ping(&mut self, tree: &mut Tree) -> String {
        use device::lan::ip_ping_diagnostics::DiagnosticsState;
        let mut test: device::lan::IpPingDiagnostics = tree.read(&[]).expect("a single object");
        if !self.net.resolves(&test.host) {
            return DiagnosticsState::ErrorCannotResolveHostName
                .as_str()
                .to_owned();
        }
        let sent = test.number_of_repetitions.max(1);
        test.success_count = sent;
        test.failure_count = 0;
        test.minimum_response_time = 17;
        test.average_response_time = 18;
        test.maximum_response_time = 21;
        tree.write(&test, &[]).expect("the results fit the model");
        DiagnosticsState::Complete.as_str().to_owned()
    }

    /// TR-143 download test: fetches `DownloadURL` from the network.
    fn download_test(&mut self, tree: &mut Tree) -> String {
        use device::download_diagnostics::DiagnosticsState;
        let mut test: device::DownloadDiagnostics = tree.read(&[]).expect("a single object");
        let Some(payload) = self.net.get(&test.download_url) else {
            return DiagnosticsState::ErrorTransferFailed.as_str().to_owned();
        };
        let bytes = u32::try_from(payload.len()).unwrap_or(u32::MAX);
        test.tcp_open_request_time = self.now_utc();
        test.tcp_open_response_time = self.now_utc();
        test.rom_time = self.now_utc();
        test.bom_time = DateTime::from_unix(self.clock + 1);
        test.eom_time = DateTime::from_unix(self.clock + 2);
        test.test_bytes_received = bytes;
        // The HTTP response headers come on top of the payload.
        test.total_bytes_received = bytes.saturating_add(312);
        tree.write(&test, &[]).expect("the results fit the model");
        DiagnosticsState::Completed.as_str().to_owned()
    }

    /// TR-143 upload test: PUTs `TestFileLength` bytes to `UploadURL`.
    fn upload_test(&mut self, tree: &mut Tree) -> String {
        use device::upload_diagnostics::DiagnosticsState;
        let mut test: device::UploadDiagnostics = tree.read(&[]).expect("a single object");
        if check_transfer_url(&test.upload_url).is_err() {
            return DiagnosticsState::ErrorInitConnectionFailed
                .as_str()
                .to_owned();
        }
        let length = test.test_file_length;
        self.net.sink(&test.upload_url, u64::from(length));
        test.tcp_open_request_time = self.now_utc();
        test.tcp_open_response_time = self.now_utc();
        test.rom_time = self.now_utc();
        test.bom_time = DateTime::from_unix(self.clock + 1);
        test.eom_time = DateTime::from_unix(self.clock + 3);
        test.total_bytes_sent = length.saturating_add(254);
        tree.write(&test, &[]).expect("the results fit the model");
        DiagnosticsState::Completed.as_str().to_owned()
    }
}

impl Device for Gxp2140 {
    fn now(&self) -> DateTime {
        self.now_utc()
    }

    fn refresh(&mut self, tree: &mut Tree, reads: &[ParamRead]) -> Result<(), ReadFault> {
        let up = u32::try_from(self.clock - self.booted_at).unwrap_or(u32::MAX);
        for read in reads {
            let written = match read.path.as_str() {
                "Device.DeviceInfo.UpTime" => tree.set_param(device::DeviceInfo::UP_TIME, &[], &up),
                "Device.Time.CurrentLocalTime" => {
                    tree.set_param(device::Time::CURRENT_LOCAL_TIME, &[], &self.now_utc())
                }
                _ => continue,
            };
            written.map_err(|fault| ReadFault {
                path: read.path.clone(),
                fault,
            })?;
        }
        Ok(())
    }

    fn commit_set(&mut self, tree: &mut Tree, changed: &[String]) -> Applied {
        let touched = |prefix: &str| changed.iter().any(|p| p.starts_with(prefix));
        if touched("Device.X_GRANDSTREAM_PValue.") {
            self.apply_pvalues(tree);
        }
        if touched(VOICE_PROFILES) {
            self.register_lines(tree);
        }
        Applied::Now
    }

    fn reboot(&mut self, tree: &mut Tree) {
        self.clock += 30;
        self.boot(tree);
    }

    fn factory_reset(&mut self, tree: &mut Tree) {
        self.config.clear();
        self.jobs.clear();
        self.clock += 60;
        self.boot(tree);
        tree.take_changes_for_inform();
    }

    fn download(
        &mut self,
        _tree: &mut Tree,
        id: TransferId,
        request: &Download,
    ) -> Result<TransferStart, Fault> {
        check_transfer_url(&request.url)?;
        let url = request.url.clone();
        let job = match request.file_type.as_str() {
            FIRMWARE_IMAGE => Job::Firmware { id, url },
            CONFIG_FILE => Job::Provisioning { id, url },
            other => return Err(unsupported(other, "downloads FileType 1 and 3")),
        };
        self.jobs.push(job);
        Ok(TransferStart::Queued)
    }

    fn upload(
        &mut self,
        _tree: &mut Tree,
        id: TransferId,
        request: &Upload,
    ) -> Result<TransferStart, Fault> {
        check_transfer_url(&request.url)?;
        if request.file_type != CONFIG_FILE {
            return Err(unsupported(&request.file_type, "uploads FileType 3"));
        }
        self.jobs.push(Job::Backup {
            id,
            url: request.url.clone(),
        });
        Ok(TransferStart::Queued)
    }

    fn diagnostic(&mut self, tree: &mut Tree, object: &str) -> DiagnosticRun {
        let state = match object {
            PING => self.ping(tree),
            DOWNLOAD_TEST => self.download_test(tree),
            UPLOAD_TEST => self.upload_test(tree),
            // TraceRoute is not simulated: the test ends as terminated.
            _ => "None".to_owned(),
        };
        DiagnosticRun::Finished(state)
    }
}

/// Fault 9003 for a FileType the phone does not transfer.
fn unsupported(file_type: &str, what: &str) -> Fault {
    Fault::new(
        codes::INVALID_ARGUMENTS,
        format!("FileType `{file_type}` is not supported: the GXP2140 {what}"),
    )
}

/// The version in a firmware image's first line, `<model> firmware <version>`.
fn image_version<'i>(image: &'i [u8], model: &str) -> Option<&'i str> {
    let first = image.split(|&b| b == b'\n').next()?;
    let line = std::str::from_utf8(first).ok()?;
    let rest = line.strip_prefix(model)?.strip_prefix(" firmware ")?;
    (!rest.is_empty()).then_some(rest)
}

/// The `<Pnnn>value</Pnnn>` items of a `gs_provision` file, in order.
fn provisioning_items(xml: &str) -> Vec<(String, String)> {
    let mut items = Vec::new();
    let mut rest = xml;
    while let Some(open) = rest.find("<P") {
        rest = &rest[open + 1..];
        let Some(end) = rest.find('>') else { break };
        let name = &rest[..end];
        if name.len() < 2 || !name[1..].bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let body = &rest[end + 1..];
        let close = format!("</{name}>");
        let Some(stop) = body.find(&close) else { break };
        items.push((name.to_owned(), body[..stop].to_owned()));
        rest = &body[stop + close.len()..];
    }
    items
}

/// One session of the story, as the ACS saw it.
#[derive(Debug)]
pub struct Scene {
    /// A short name the tests look the scene up by.
    pub name: &'static str,
    /// What happens in it, for the printed transcript.
    pub about: &'static str,
    /// When the phone's main loop asked whether a session was due
    /// (`CpeState::inform_due`) before opening this one, and the answers:
    /// it sleeps until `CpeState::next_wakeup` between two.
    pub checks: Vec<(DateTime, bool)>,
    /// The phone's clock when it opened the session.
    pub opened_at: DateTime,
    /// The Inform that opened it.
    pub inform: Inform,
    /// The TransferCompletes the phone sent before the ACS's turn.
    pub transfer_completes: Vec<TransferComplete>,
    /// The ACS's requests, by label, with the phone's answers.
    pub replies: Vec<(&'static str, Option<Response>)>,
    /// What ran once the session ended (Reboot, FactoryReset).
    pub actions: Vec<Action>,
    /// The session's messages, in order.
    pub messages: Vec<Message>,
    /// The phone's data model as it was once the session and the work that
    /// follows it (tests, transfers, reboots) were done; stored values, so
    /// passwords included.
    pub tree_after: Tree,
}

impl Scene {
    /// The answer to the request labelled `label`.
    pub fn reply(&self, label: &str) -> &Response {
        self.replies
            .iter()
            .find(|(l, _)| *l == label)
            .and_then(|(_, r)| r.as_ref())
            .unwrap_or_else(|| panic!("no answer to `{label}` in scene `{}`", self.name))
    }

    /// The Inform's event codes.
    pub fn events(&self) -> Vec<&str> {
        self.inform.events.iter().map(|e| e.code.as_str()).collect()
    }
}

/// Everything the story leaves behind.
#[derive(Debug)]
pub struct Run {
    /// The ACS, with the transcript of every session.
    pub acs: ScriptedAcs,
    /// The sessions, in order.
    pub scenes: Vec<Scene>,
    /// The phone's data model, voice service included, as it ends.
    pub tree: Tree,
    /// The CWMP state as it ends.
    pub state: CpeState,
    /// The phone as it ends.
    pub phone: Gxp2140,
}

impl Run {
    /// The scene named `name`.
    pub fn scene(&self, name: &str) -> &Scene {
        self.scenes
            .iter()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("no scene `{name}`"))
    }
}

/// The session options of a Grandstream phone.
fn options() -> Options {
    Options {
        methods: Some(METHODS.iter().map(|m| m.to_string()).collect()),
        cancel_after_reset: true,
        ..Options::default()
    }
}

/// The ACS's turn in a session: each request is kept with its label.
struct Turn<'s, 'a> {
    call: Call<'s, 'a, Gxp2140>,
    replies: Vec<(&'static str, Option<Response>)>,
}

impl Turn<'_, '_> {
    fn ask(&mut self, label: &'static str, request: Request) {
        let reply = self.call.send(request);
        self.replies.push((label, reply));
    }
}

/// The phone, its data model and the ACS, between sessions.
struct Lab {
    acs: ScriptedAcs,
    scenes: Vec<Scene>,
    tree: Tree,
    state: CpeState,
    phone: Gxp2140,
}

impl Lab {
    /// Sleeps until the phone has a reason to call the ACS: pending
    /// events, an active notification, or the next periodic or scheduled
    /// Inform.
    fn wait_for_session(&mut self) -> Vec<(DateTime, bool)> {
        let mut checks = Vec::new();
        loop {
            let now = self.phone.now_utc();
            let due = self.state.inform_due(&self.tree, now);
            checks.push((now, due));
            if due {
                return checks;
            }
            let wake = self
                .state
                .next_wakeup()
                .and_then(|t| t.to_unix())
                .expect("the phone has something to wake up for");
            self.phone.clock = wake.max(self.phone.clock + 1);
        }
    }

    /// A session, once one is due; then the phone's main loop carries out
    /// the transfers it queued.
    fn session(&mut self, name: &'static str, about: &'static str, script: impl FnOnce(&mut Turn)) {
        let checks = self.wait_for_session();
        let opened_at = self.phone.now_utc();
        let session =
            Session::with_options(&mut self.tree, &mut self.phone, &mut self.state, options());
        let played = play(&mut self.acs, session, script);
        self.phone.run_jobs(&mut self.tree, &mut self.state);
        let scene = played.into_scene(name, about, checks, opened_at, self.tree.clone());
        self.scenes.push(scene);
    }
}

/// Plays one session: the phone's Inform and TransferCompletes, then
/// `script`, then the end of the session.
fn play(
    acs: &mut ScriptedAcs,
    session: Session<'_, Gxp2140>,
    script: impl FnOnce(&mut Turn),
) -> Played {
    let start = acs.transcript().len();
    let call = acs.open(session);
    let inform = call.inform().clone();
    let transfer_completes = call.transfers().to_vec();
    let mut turn = Turn {
        call,
        replies: Vec::new(),
    };
    script(&mut turn);
    let Turn { call, replies } = turn;
    let actions = call.close();
    Played {
        inform,
        transfer_completes,
        replies,
        actions,
        messages: acs.transcript()[start..].to_vec(),
    }
}

/// What [`play`] saw, for a [`Scene`].
struct Played {
    inform: Inform,
    transfer_completes: Vec<TransferComplete>,
    replies: Vec<(&'static str, Option<Response>)>,
    actions: Vec<Action>,
    messages: Vec<Message>,
}

impl Played {
    fn into_scene(
        self,
        name: &'static str,
        about: &'static str,
        checks: Vec<(DateTime, bool)>,
        opened_at: DateTime,
        tree_after: Tree,
    ) -> Scene {
        Scene {
            name,
            about,
            checks,
            opened_at,
            inform: self.inform,
            transfer_completes: self.transfer_completes,
            replies: self.replies,
            actions: self.actions,
            messages: self.messages,
            tree_after,
        }
    }
}

/// The phone's file on the provisioning server: the admin password (P2)
/// and one other item.
const PROVISIONING_FILE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<gs_provision version="1">
  <config version="1">
    <P2>Pr0v-Adm1n</P2>
    <P30>ntp.example.net</P30>
  </config>
</gs_provision>
"#;

/// The network of the story: the firmware and provisioning servers and a
/// speed-test server.
fn network() -> Network {
    let mut net = Network::default();
    let mut image = format!("GXP2140 firmware {NEW_FIRMWARE}\n").into_bytes();
    image.extend_from_slice(&[0x5a; 4096]);
    net.put(FIRMWARE_URL, image);
    net.put(&provisioning_url(), PROVISIONING_FILE.as_bytes().to_vec());
    net.put(SPEED_TEST_URL, vec![0; 1_000_000]);
    net
}

/// Where the provisioning server keeps this phone's configuration file.
pub fn provisioning_url() -> String {
    format!("http://prov.example.net/{}", Gxp2140::config_file_name(MAC))
}

fn spv(key: &str, list: Vec<ParameterValue>) -> Request {
    Request::SetParameterValues(SetParameterValues {
        list,
        parameter_key: key.into(),
    })
}

fn text(name: &str, value: &str) -> ParameterValue {
    ParameterValue::new(name, value, "string")
}

fn uint(name: &str, value: u32) -> ParameterValue {
    ParameterValue::new(name, value.to_string(), "unsignedInt")
}

fn boolean(name: &str, value: bool) -> ParameterValue {
    ParameterValue::new(name, value.to_string(), "boolean")
}

fn gpv(names: &[&str]) -> Request {
    Request::GetParameterValues(GetParameterValues {
        names: names.iter().map(|n| n.to_string()).collect(),
    })
}

fn add(object: &str, key: &str) -> Request {
    Request::AddObject(AddObject {
        object_name: object.into(),
        parameter_key: key.into(),
    })
}

fn delete(object: &str, key: &str) -> Request {
    Request::DeleteObject(DeleteObject {
        object_name: object.into(),
        parameter_key: key.into(),
    })
}

fn download(key: &str, file_type: &str, url: &str) -> Request {
    Request::Download(Download {
        command_key: key.into(),
        file_type: file_type.into(),
        url: url.into(),
        ..Download::default()
    })
}

fn upload(key: &str, file_type: &str, url: &str) -> Request {
    Request::Upload(Upload {
        command_key: key.into(),
        file_type: file_type.into(),
        url: url.into(),
        ..Upload::default()
    })
}

/// Plays the story: first contact with a SIP account, a ScheduleInform,
/// diagnostics, transfers, a Reboot and a FactoryReset.
pub fn run() -> Run {
    let mut tree = Tree::new(model());
    tree.set_param(device::ManagementServer::URL, &[], &ACS_URL.to_owned())
        .expect("a URL fits the model");
    let phone = Gxp2140::new(&mut tree, network());
    let mut state = CpeState::new();
    state.add_event(EventCode::Bootstrap, "");
    state.add_event(EventCode::Boot, "");
    let mut lab = Lab {
        acs: ScriptedAcs::new(),
        scenes: Vec::new(),
        tree,
        state,
        phone,
    };

    lab.session(
        "first-contact",
        "First contact: methods, settings, passwords, P-values, a SIP account, a ScheduleInform",
        |acs| {
            acs.ask("methods", Request::GetRPCMethods);
            acs.ask(
                "names",
                Request::GetParameterNames(GetParameterNames {
                    parameter_path: "Device.".into(),
                    next_level: true,
                }),
            );
            acs.ask("identity", gpv(&["Device.DeviceInfo."]));
            let config = "Device.X_GRANDSTREAM_Config.";
            acs.ask(
                "settings",
                spv(
                    "first-1",
                    vec![
                        boolean("Device.ManagementServer.PeriodicInformEnable", true),
                        uint("Device.ManagementServer.PeriodicInformInterval", 3600),
                        text("Device.DeviceInfo.ProvisioningCode", "GS-OFFICE-3"),
                        text(&format!("{config}UpgradeVia"), "HTTPS"),
                        text(
                            &format!("{config}FirmwareServerPath"),
                            "fw.example.net/gxp2140",
                        ),
                        text(&format!("{config}AdminPassword"), "Adm1n-0ne"),
                    ],
                ),
            );
            acs.ask(
                "passwords",
                gpv(&[
                    "Device.X_GRANDSTREAM_Config.AdminPassword",
                    "Device.X_GRANDSTREAM_Config.UpgradeVia",
                    "Device.ManagementServer.Password",
                ]),
            );
            acs.ask(
                "notify",
                Request::SetParameterAttributes(SetParameterAttributes {
                    list: vec![SetAttributes {
                        name: format!("{config}FirmwareServerPath"),
                        notification_change: true,
                        notification: Some(2),
                        ..SetAttributes::default()
                    }],
                }),
            );
            acs.ask(
                "attributes",
                Request::GetParameterAttributes(GetParameterAttributes {
                    names: vec![format!("{config}FirmwareServerPath")],
                }),
            );
            let pvalue = "Device.X_GRANDSTREAM_PValue.1.";
            acs.ask(
                "add p-value",
                add("Device.X_GRANDSTREAM_PValue.", "first-2"),
            );
            acs.ask(
                "set p-value",
                spv(
                    "first-3",
                    vec![
                        text(&format!("{pvalue}Name"), ADMIN_PASSWORD_ITEM),
                        text(&format!("{pvalue}Value"), "Adm1n-Tw0"),
                        boolean(&format!("{pvalue}Enable"), true),
                    ],
                ),
            );
            acs.ask("read p-value", gpv(&[pvalue]));
            acs.ask("delete p-value", delete(pvalue, "first-4"));
            let profile = format!("{VOICE_PROFILES}1.");
            let line = format!("{profile}Line.1.");
            acs.ask("add account", add(VOICE_PROFILES, "first-5"));
            acs.ask("add line", add(&format!("{profile}Line."), "first-6"));
            acs.ask(
                "account",
                spv(
                    "first-7",
                    vec![
                        text(&format!("{profile}Enable"), "Enabled"),
                        text(&format!("{profile}SIP.ProxyServer"), "sip.example.net"),
                        text(&format!("{profile}SIP.X_GRANDSTREAM_NATTraversal"), "STUN"),
                        text(&format!("{line}Enable"), "Enabled"),
                        text(&format!("{line}DirectoryNumber"), "2001"),
                        text(&format!("{line}SIP.AuthUserName"), "2001"),
                        text(&format!("{line}SIP.AuthPassword"), "v0ice-Pw"),
                        text(&format!("{line}X_GRANDSTREAM_AccountName"), "Front desk"),
                    ],
                ),
            );
            acs.ask(
                "read account",
                gpv(&[&format!("{line}Status"), &format!("{line}SIP.")]),
            );
            acs.ask("second line", add(&format!("{profile}Line."), "first-8"));
            acs.ask("queued transfers", Request::GetQueuedTransfers);
            acs.ask(
                "schedule",
                Request::ScheduleInform(ScheduleInform {
                    delay_seconds: 600,
                    command_key: "si-1".into(),
                }),
            );
        },
    );

    lab.session(
        "scheduled",
        "The ScheduleInform falls due; the ACS requests three diagnostic tests",
        |acs| {
            acs.ask(
                "ping",
                spv(
                    "diag-1",
                    vec![
                        text(&format!("{PING}Host"), "192.0.2.10"),
                        uint(&format!("{PING}NumberOfRepetitions"), 4),
                        text(&format!("{PING}DiagnosticsState"), "Requested"),
                    ],
                ),
            );
            acs.ask(
                "download test",
                spv(
                    "diag-2",
                    vec![
                        text(&format!("{DOWNLOAD_TEST}DownloadURL"), SPEED_TEST_URL),
                        text(&format!("{DOWNLOAD_TEST}DiagnosticsState"), "Requested"),
                    ],
                ),
            );
            acs.ask(
                "upload test",
                spv(
                    "diag-3",
                    vec![
                        text(&format!("{UPLOAD_TEST}UploadURL"), SPEED_UPLOAD_URL),
                        uint(&format!("{UPLOAD_TEST}TestFileLength"), 524_288),
                        text(&format!("{UPLOAD_TEST}DiagnosticsState"), "Requested"),
                    ],
                ),
            );
            acs.ask("pending", gpv(&[&format!("{PING}DiagnosticsState")]));
        },
    );

    lab.session(
        "diagnostics-complete",
        "8 DIAGNOSTICS COMPLETE: the results; then firmware, provisioning and backup transfers",
        |acs| {
            acs.ask("ping results", gpv(&[PING]));
            acs.ask("download results", gpv(&[DOWNLOAD_TEST]));
            acs.ask("upload results", gpv(&[UPLOAD_TEST]));
            acs.ask("firmware", download("fw-1", FIRMWARE_IMAGE, FIRMWARE_URL));
            acs.ask(
                "provisioning",
                download("cfg-1", CONFIG_FILE, &provisioning_url()),
            );
            let web = "http://fw.example.net/gxp2140/web.tar";
            acs.ask("web content", download("web-1", "2 Web Content", web));
            acs.ask("backup", upload("bak-1", CONFIG_FILE, BACKUP_URL));
            acs.ask("log", upload("log-1", "2 Vendor Log File", BACKUP_URL));
        },
    );

    lab.session(
        "transfers-complete",
        "Back on new firmware: three TransferCompletes; a Reboot, and a request after it",
        |acs| {
            let info = "Device.DeviceInfo.";
            acs.ask(
                "version",
                gpv(&[&format!("{info}SoftwareVersion"), &format!("{info}UpTime")]),
            );
            acs.ask(
                "provisioned",
                gpv(&["Device.X_GRANDSTREAM_Config.AdminPassword"]),
            );
            acs.ask(
                "reboot",
                Request::Reboot(Reboot {
                    command_key: "rb-1".into(),
                }),
            );
            acs.ask("after reboot", gpv(&[&format!("{info}UpTime")]));
        },
    );

    lab.session(
        "rebooted",
        "After the Reboot: a FactoryReset, and a request after it",
        |acs| {
            acs.ask("factory reset", Request::FactoryReset);
            acs.ask(
                "after factory reset",
                spv(
                    "rst-1",
                    vec![text("Device.DeviceInfo.ProvisioningCode", "LOST")],
                ),
            );
        },
    );

    lab.session(
        "factory-fresh",
        "After the FactoryReset: the TR-069 settings and the firmware remain; the SIP account is gone",
        |acs| {
            acs.ask(
                "kept",
                gpv(&[
                    "Device.ManagementServer.URL",
                    "Device.ManagementServer.PeriodicInformEnable",
                    "Device.ManagementServer.PeriodicInformInterval",
                    "Device.DeviceInfo.SoftwareVersion",
                ]),
            );
            acs.ask(
                "reset",
                gpv(&[
                    "Device.DeviceInfo.ProvisioningCode",
                    "Device.X_GRANDSTREAM_Config.UpgradeVia",
                    "Device.X_GRANDSTREAM_PValueNumberOfEntries",
                    "Device.Services.VoiceService.1.VoiceProfileNumberOfEntries",
                ]),
            );
        },
    );

    let Lab {
        acs,
        scenes,
        tree,
        state,
        phone,
    } = lab;
    Run {
        acs,
        scenes,
        tree,
        state,
        phone,
    }
}
