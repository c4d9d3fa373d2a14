//! A simulated Aastra 6737i (6700i series) and the ACS story it plays.
//!
//! The phone is [`Aastra6700i`], with its own clock and an in-memory file
//! server ([`FileServer`]): a [`Device`] over one [`Tree`] of
//! `cwmp_model::models::aastra_6700i::model()`, which is the `Device:1.2`
//! root model with the `VoiceService:1.0` service model mounted at
//! `Device.Services.`. [`run`] plays a scripted ACS against it, session by
//! session, and returns everything a test asserts on.
//!
//! The voice service is part of the device like any other object: the ACS
//! manages `Device.Services.VoiceService.1.` in the same sessions as
//! `Device.Time.` or `Device.ManagementServer.`, one Inform reports value
//! changes of both, and a FactoryReset clears the voice lines with the rest.
//! The phone's code reads and writes the voice settings with the structs
//! and keys of the generated `voice_service` module, on the same tree.
//!
//! The behaviours Aastra documents for its TR-069 support, as this phone
//! simulates them:
//!
//! - `Device.Services.VoiceService.1.` has the global profile
//!   `X_Aastra_GlobalVoiceProfile` and one `VoiceProfile.{i}` per line key,
//!   each with exactly one Line: adding a VoiceProfile creates its line,
//!   deleting it removes the line;
//! - the ACS sets passive or active notification; a setting changed on the
//!   phone's own menu opens a session at once when active, and waits for
//!   the periodic Inform when passive;
//! - Upload FileType "3 Vendor Configuration File" backs up the settings
//!   made on the phone as `<MAC>_local.cfg`; "2 Vendor Log File" uploads
//!   the crash log;
//! - a firmware Download is applied and the phone reboots, unless the image
//!   is the version already running, which it refuses (fault 9010).
//!
//! Transfers are queued during the session and carried out by the phone's
//! main loop once it has ended, against the file server; their
//! TransferCompletes go out in the next session.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use cwmp_model::models::aastra_6700i::{device, model, voice_service};
use cwmp_model::runtime::engine::{Fault, Tree};
use cwmp_model::runtime::rpc::{
    check_transfer_url, Action, Applied, Call, CpeState, Device, EventCode, Message, ParamRead,
    ReadFault, ScriptedAcs, Session, TransferId, TransferOutcome, TransferStart,
};
use cwmp_model::runtime::soap::{
    codes, AddObject, DeleteObject, Download, FaultStruct, GetParameterAttributes,
    GetParameterNames, GetParameterValues, Inform, ParameterValue, Request, Response,
    SetAttributes, SetParameterAttributes, SetParameterValues, TransferComplete, Upload,
};
use cwmp_model::runtime::typed::Param;
use cwmp_model::runtime::value::DateTime;

use voice_service::voice_service::voice_profile;

/// When the story starts: 2027-01-15T08:00:00Z.
pub const T0: i64 = 1_800_000_000;
/// The phone's MAC address (Aastra's OUI 00085D).
pub const MAC: &str = "00:08:5D:1A:2B:3C";
/// The firmware the phone ships with.
pub const FIRMWARE: &str = "3.3.1.4053";
/// The firmware the ACS installs.
pub const NEW_FIRMWARE: &str = "3.3.1.4305";
/// The models the phone supports, in TR-106 notation.
pub const DEVICE_SUMMARY: &str =
    "Device:1.2[](Baseline:1, UDPConnReq:1, Time:1, LAN:1), VoiceService:1.0[1]";

/// Where the ACS keeps firmware and collects uploads.
pub const FILES: &str = "http://files.example.net/aastra/";
/// The firmware image on the file server.
pub const FIRMWARE_URL: &str = "http://files.example.net/aastra/6737i.st";
/// The phone's voice service.
pub const VOICE: &str = "Device.Services.VoiceService.1.";
/// The one line of the first line key's profile.
pub const LINE1: &str = "Device.Services.VoiceService.1.VoiceProfile.1.Line.1.";
/// When the user renames line 1 (active notification) on the phone.
pub const ACTIVE_CHANGE_AT: i64 = T0 + 120;
/// When the user changes the time zone and line 1's second screen name
/// (both passive notification) on the phone.
pub const PASSIVE_CHANGE_AT: i64 = T0 + 300;
/// The periodic Informs fall on whole hours from this reference.
pub const PERIODIC_REFERENCE: &str = "2027-01-15T09:00:00Z";

const FIRMWARE_IMAGE: &str = "1 Firmware Upgrade Image";
const CONFIG_FILE: &str = "3 Vendor Configuration File";
const LOG_FILE: &str = "2 Vendor Log File";
/// The voice profiles table, whose instances are the line keys.
const PROFILES: &str = "Device.Services.VoiceService.1.VoiceProfile.";
/// TR-069's transfer fault for a file that is not what it should be.
const FILE_CORRUPTED: u32 = 9018;
/// TR-069's transfer fault for a file the server does not have.
const FILE_UNAVAILABLE: u32 = 9016;

/// An HTTP file server: files by URL.
#[derive(Clone, Debug, Default)]
pub struct FileServer {
    files: BTreeMap<String, Vec<u8>>,
}

impl FileServer {
    /// The file at `url`, if the server has one.
    pub fn get(&self, url: &str) -> Option<&[u8]> {
        self.files.get(url).map(Vec::as_slice)
    }

    /// Stores `bytes` at `url` (an HTTP PUT).
    pub fn put(&mut self, url: &str, bytes: Vec<u8>) {
        self.files.insert(url.to_owned(), bytes);
    }
}

/// A transfer the ACS asked for, carried out once the session has ended.
#[derive(Clone, Debug)]
enum Job {
    Firmware { id: TransferId, url: String },
    Backup { id: TransferId, url: String },
    CrashLog { id: TransferId, url: String },
}

/// The phone.
#[derive(Debug)]
pub struct Aastra6700i {
    /// The phone's clock, in Unix seconds (simulated).
    pub clock: i64,
    /// When it last booted.
    booted_at: i64,
    /// How many times it has booted.
    pub boots: u32,
    /// The running firmware.
    pub firmware: String,
    /// The line keys that have a VoiceProfile, by profile number.
    pub line_keys: BTreeSet<u32>,
    /// The log of the last crash, kept across reboots.
    pub crash_log: Vec<u8>,
    jobs: Vec<Job>,
    /// The file server the phone reaches.
    pub files: FileServer,
}

impl Aastra6700i {
    /// A phone fresh from the box, reaching `files`, booted into `tree`.
    pub fn new(tree: &mut Tree, files: FileServer) -> Aastra6700i {
        let mut phone = Aastra6700i {
            clock: T0,
            booted_at: T0,
            boots: 0,
            firmware: FIRMWARE.to_owned(),
            line_keys: BTreeSet::new(),
            crash_log: format!(
                "6737i {FIRMWARE} crashed 2027-01-14T17:42:09Z: SIGSEGV in sip_tx at 0x0041b2c8\n"
            )
            .into_bytes(),
            jobs: Vec::new(),
            files,
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

    /// The MAC (`Device.LAN.MACAddress`) as Aastra names files after it:
    /// upper case, no separators.
    fn file_prefix(tree: &Tree) -> String {
        let mac = tree
            .get_param(device::Lan::MAC_ADDRESS, &[])
            .expect("the LAN object exists");
        mac.replace(':', "").to_uppercase()
    }

    /// Comes up: the facts of the hardware and the running firmware.
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
        info.manufacturer = "Aastra".into();
        info.manufacturer_oui = "00085D".into();
        info.model_name = "6737i".into();
        info.description = "SIP phone, 6700i series".into();
        info.product_class = "6737i".into();
        info.serial_number = "23C4A1B2C3".into();
        info.hardware_version = "Revision 1".into();
        info.software_version = self.firmware.clone();
        info.device_status = device::device_info::DeviceStatus::Up;
        info.up_time = 0;
        tree.write(&info, &[]).expect("the identity fits the model");
        let lan = [
            (device::Lan::IP_ADDRESS, "192.0.2.60"),
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
            &"http://192.0.2.60:7547/".to_owned(),
        )
        .expect("a URL fits the model");
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
                Job::Backup { id, url } => {
                    let file = local_cfg(tree).into_bytes();
                    self.send(&url, &Aastra6700i::file_prefix(tree), "local.cfg", file);
                    (id, Ok(()))
                }
                Job::CrashLog { id, url } => {
                    let file = self.crash_log.clone();
                    self.send(&url, &Aastra6700i::file_prefix(tree), "crash.log", file);
                    (id, Ok(()))
                }
            };
            self.clock += 3;
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
            // TR-069 reports the restart with `1 BOOT` alongside the
            // Download's `7 TRANSFER COMPLETE` and `M Download`.
            state.add_event(EventCode::Boot, "");
            self.clock += 45;
            self.boot(tree);
        }
    }

    /// Uploads `file` to `url`, or, when `url` names a directory, as
    /// `<prefix>_<name>` in it.
    fn send(&mut self, url: &str, prefix: &str, name: &str, file: Vec<u8>) {
        let target = if url.ends_with('/') {
            format!("{url}{prefix}_{name}")
        } else {
            url.to_owned()
        };
        self.files.put(&target, file);
    }

    /// Installs the image at `url`, unless it is the running version.
    fn install_firmware(&mut self, url: &str) -> Result<(), FaultStruct> {
        let image = self.files.get(url).ok_or_else(|| FaultStruct {
            code: FILE_UNAVAILABLE,
            string: format!("{url}: 404 Not Found"),
        })?;
        let version = image_version(image, "Aastra 6737i").ok_or_else(|| FaultStruct {
            code: FILE_CORRUPTED,
            string: "not a 6737i firmware image".into(),
        })?;
        if version == self.firmware {
            return Err(FaultStruct {
                code: codes::FILE_TRANSFER_FAILURE,
                string: format!("firmware {version} is already running; the image was not applied"),
            });
        }
        self.firmware = version.to_owned();
        Ok(())
    }
}

impl Device for Aastra6700i {
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

    fn object_added(&mut self, _tree: &mut Tree, path: &str, instance: u32) -> Applied {
        // The tree made the profile's one Line (minEntries 1); the phone
        // puts the line on its key.
        if path == PROFILES {
            self.line_keys.insert(instance);
        }
        Applied::Now
    }

    fn object_deleted(&mut self, _tree: &mut Tree, path: &str) -> Applied {
        let profile = path
            .strip_prefix(PROFILES)
            .and_then(|rest| rest.strip_suffix('.'))
            .and_then(|n| n.parse().ok());
        if let Some(n) = profile {
            self.line_keys.remove(&n);
        }
        Applied::Now
    }

    fn reboot(&mut self, tree: &mut Tree) {
        self.clock += 45;
        self.boot(tree);
    }

    fn factory_reset(&mut self, tree: &mut Tree) {
        // The reset took the voice profiles with the rest of the tree: no
        // line key keeps a line. The phone restarts as it left the box,
        // which is the starting state again, not a change to report.
        self.line_keys.clear();
        self.reboot(tree);
        tree.take_changes_for_inform();
    }

    fn download(
        &mut self,
        _tree: &mut Tree,
        id: TransferId,
        request: &Download,
    ) -> Result<TransferStart, Fault> {
        check_transfer_url(&request.url)?;
        if request.file_type != FIRMWARE_IMAGE {
            return Err(unsupported(
                &request.file_type,
                "downloads firmware (FileType 1)",
            ));
        }
        self.jobs.push(Job::Firmware {
            id,
            url: request.url.clone(),
        });
        Ok(TransferStart::Queued)
    }

    fn upload(
        &mut self,
        _tree: &mut Tree,
        id: TransferId,
        request: &Upload,
    ) -> Result<TransferStart, Fault> {
        check_transfer_url(&request.url)?;
        let url = request.url.clone();
        let job = match request.file_type.as_str() {
            CONFIG_FILE => Job::Backup { id, url },
            LOG_FILE => Job::CrashLog { id, url },
            other => return Err(unsupported(other, "uploads FileType 2 and 3")),
        };
        self.jobs.push(job);
        Ok(TransferStart::Queued)
    }
}

/// Fault 9003 for a FileType the phone does not transfer.
fn unsupported(file_type: &str, what: &str) -> Fault {
    Fault::new(
        codes::INVALID_ARGUMENTS,
        format!("FileType `{file_type}` is not supported: the 6737i {what}"),
    )
}

/// The version in a firmware image's first line, `<model> firmware <version>`.
fn image_version<'i>(image: &'i [u8], model: &str) -> Option<&'i str> {
    let first = image.split(|&b| b == b'\n').next()?;
    let line = std::str::from_utf8(first).ok()?;
    let rest = line.strip_prefix(model)?.strip_prefix(" firmware ")?;
    (!rest.is_empty()).then_some(rest)
}

/// The settings made on the phone, in Aastra's `local.cfg` syntax
/// (`key: value`); passwords stay out of backups.
fn local_cfg(tree: &Tree) -> String {
    let time: device::Time = tree.read(&[]).expect("Time is a single object");
    // The service model's top object is `Device.Services.` in this tree.
    let root: voice_service::Root = tree.read(&[]).expect("the voice service is mounted");
    let mut out = String::new();
    let mut line = |key: &str, value: &str| {
        if !value.is_empty() {
            let _ = writeln!(out, "{key}: {value}");
        }
    };
    line("time server1", &time.ntp_server1);
    line("time zone name", &time.local_time_zone);
    if let Some(service) = root.voice_service.get(1) {
        let global = &service.x_aastra_global_voice_profile.sip;
        line("sip proxy ip", &global.proxy_server);
        line("sip registrar ip", &global.registrar_server);
        for (n, profile) in service.voice_profile.iter() {
            let Some(account) = profile.line.get(1) else {
                continue;
            };
            line(&format!("sip line{n} proxy ip"), &profile.sip.proxy_server);
            line(&format!("sip line{n} user name"), &account.directory_number);
            line(
                &format!("sip line{n} auth name"),
                &account.sip.auth_user_name,
            );
            line(
                &format!("sip line{n} display name"),
                &account.calling_features.caller_id_name,
            );
            line(
                &format!("sip line{n} screen name 2"),
                &account.x_aastra_screen_name2,
            );
        }
    }
    out
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
    /// The phone's data model, root and voice service, once the session
    /// and the work that follows it (transfers, reboots) were done; stored
    /// values, so passwords included.
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
    /// The phone's data model, root and voice service, as it ends.
    pub tree: Tree,
    /// The CWMP state as it ends.
    pub state: CpeState,
    /// The phone as it ends.
    pub phone: Aastra6700i,
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

/// The ACS's turn in a session: each request is kept with its label.
struct Turn<'s, 'a> {
    call: Call<'s, 'a, Aastra6700i>,
    replies: Vec<(&'static str, Option<Response>)>,
}

impl Turn<'_, '_> {
    fn ask(&mut self, label: &'static str, request: Request) {
        let reply = self.call.send(request);
        self.replies.push((label, reply));
    }
}

/// Plays one session: the phone's Inform and TransferCompletes, then
/// `script`, then the end of the session.
fn play(
    acs: &mut ScriptedAcs,
    session: Session<'_, Aastra6700i>,
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

/// The phone, its data model and the ACS, between sessions.
struct Lab {
    acs: ScriptedAcs,
    scenes: Vec<Scene>,
    tree: Tree,
    state: CpeState,
    phone: Aastra6700i,
}

impl Lab {
    /// Sleeps until the phone has a reason to call the ACS: pending
    /// events, an active notification, or the next periodic Inform.
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

    /// The user changes settings on the phone's own menu at `when`, each
    /// given by its key and instance numbers: changes made by the device,
    /// which notify the ACS as the ACS asked, whichever model they are of.
    fn change_on_phone(&mut self, when: i64, settings: &[(Param<String>, &[u32], &str)]) {
        self.phone.clock = when;
        for &(key, instances, value) in settings {
            self.tree
                .set_param(key, instances, &value.to_owned())
                .expect("the menu only offers valid settings");
        }
    }

    /// A session, once one is due; then the phone's main loop carries out
    /// the transfers it queued.
    fn session(&mut self, name: &'static str, about: &'static str, script: impl FnOnce(&mut Turn)) {
        let checks = self.wait_for_session();
        let opened_at = self.phone.now_utc();
        let session = Session::new(&mut self.tree, &mut self.phone, &mut self.state);
        let played = play(&mut self.acs, session, script);
        self.phone.run_jobs(&mut self.tree, &mut self.state);
        let scene = played.into_scene(name, about, checks, opened_at, self.tree.clone());
        self.scenes.push(scene);
    }
}

/// The file server of the story, with the new firmware on it.
fn file_server() -> FileServer {
    let mut files = FileServer::default();
    let mut image = format!("Aastra 6737i firmware {NEW_FIRMWARE}\n").into_bytes();
    image.extend_from_slice(&[0xa5; 4096]);
    files.put(FIRMWARE_URL, image);
    files
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

fn date_time(name: &str, value: &str) -> ParameterValue {
    ParameterValue::new(name, value, "dateTime")
}

fn gpv(names: &[&str]) -> Request {
    Request::GetParameterValues(GetParameterValues {
        names: names.iter().map(|n| n.to_string()).collect(),
    })
}

fn notify(name: &str, notification: u8) -> SetAttributes {
    SetAttributes {
        name: name.into(),
        notification_change: true,
        notification: Some(notification),
        ..SetAttributes::default()
    }
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

fn firmware(key: &str) -> Request {
    Request::Download(Download {
        command_key: key.into(),
        file_type: FIRMWARE_IMAGE.into(),
        url: FIRMWARE_URL.into(),
        ..Download::default()
    })
}

fn upload(key: &str, file_type: &str) -> Request {
    Request::Upload(Upload {
        command_key: key.into(),
        file_type: file_type.into(),
        url: FILES.into(),
        ..Upload::default()
    })
}

/// Plays the story: first contact, which sets up the voice lines, a line
/// setting changed on the phone with active notification, then a time and a
/// line setting with passive notification, backups, and two firmware
/// downloads, the second of the version already running.
pub fn run() -> Run {
    let mut tree = Tree::new(model());
    tree.set_param(
        device::ManagementServer::URL,
        &[],
        &"https://acs.example.net/cwmp".to_owned(),
    )
    .expect("a URL fits the model");
    let phone = Aastra6700i::new(&mut tree, file_server());
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
        "First contact: hourly periodic Informs, the voice lines, notification on time and line settings",
        |acs| {
            acs.ask(
                "identity",
                gpv(&["Device.DeviceInfo.SoftwareVersion", "Device.LAN.MACAddress"]),
            );
            let server = "Device.ManagementServer.";
            acs.ask(
                "periodic",
                spv(
                    "first-1",
                    vec![
                        boolean(&format!("{server}PeriodicInformEnable"), true),
                        uint(&format!("{server}PeriodicInformInterval"), 3600),
                        date_time(&format!("{server}PeriodicInformTime"), PERIODIC_REFERENCE),
                    ],
                ),
            );
            voice_lines(acs);
            acs.ask(
                "notify",
                Request::SetParameterAttributes(SetParameterAttributes {
                    list: vec![
                        notify("Device.Time.LocalTimeZone", 1),
                        notify(&format!("{LINE1}CallingFeatures.CallerIDName"), 2),
                        notify(&format!("{LINE1}X_Aastra_ScreenName2"), 1),
                    ],
                }),
            );
            acs.ask(
                "attributes",
                Request::GetParameterAttributes(GetParameterAttributes {
                    names: vec![
                        "Device.Time.".into(),
                        format!("{LINE1}CallingFeatures."),
                        format!("{LINE1}X_Aastra_ScreenName2"),
                    ],
                }),
            );
        },
    );

    // VoiceService.1, VoiceProfile.1, Line.1, for the voice model's keys.
    let line1: &[u32] = &[1, 1, 1];

    // The user renames line 1 on the phone's menu: active notification, so
    // the phone calls the ACS at once.
    let display_name = voice_profile::line::CallingFeatures::CALLER_ID_NAME;
    lab.change_on_phone(ACTIVE_CHANGE_AT, &[(display_name, line1, "Front Desk")]);
    lab.session(
        "active-change",
        "Line 1 renamed on the phone (active notification): an Inform at once",
        |acs| acs.ask("line 1", gpv(&[&format!("{LINE1}CallingFeatures.")])),
    );

    // Then the time zone and the line's second screen name: passive
    // notification, so both wait for the periodic Inform at the next whole
    // hour.
    let zone = "CET-1CEST,M3.5.0,M10.5.0/3";
    let screen_name2 = voice_profile::Line::X_AASTRA_SCREEN_NAME2;
    lab.change_on_phone(
        PASSIVE_CHANGE_AT,
        &[
            (device::Time::LOCAL_TIME_ZONE, &[], zone),
            (screen_name2, line1, "Mon-Fri 8-18"),
        ],
    );
    lab.session(
        "periodic",
        "The periodic Inform carries a time and a line setting changed on the phone (passive); backups",
        |acs| {
            acs.ask("backup", upload("bak-1", CONFIG_FILE));
            acs.ask("crash log", upload("crash-1", LOG_FILE));
            acs.ask("other file type", upload("log-2", "4 Vendor Log File 1"));
        },
    );

    lab.session(
        "uploaded",
        "Two TransferCompletes for the uploads; a firmware Download",
        |acs| acs.ask("firmware", firmware("fw-1")),
    );

    lab.session(
        "new-firmware",
        "Rebooted on the new firmware: its TransferComplete; the same image again",
        |acs| acs.ask("same firmware", firmware("fw-2")),
    );

    lab.session(
        "refused",
        "The same version is refused: TransferComplete with fault 9010, no reboot",
        |acs| {
            acs.ask(
                "version",
                gpv(&[
                    "Device.DeviceInfo.SoftwareVersion",
                    "Device.DeviceInfo.UpTime",
                ]),
            )
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

/// The ACS's part of first contact that sets up the voice service: the
/// global profile, then line keys added and deleted.
fn voice_lines(acs: &mut Turn) {
    let global = format!("{VOICE}X_Aastra_GlobalVoiceProfile.SIP.");
    acs.ask(
        "global",
        spv(
            "voice-1",
            vec![
                text(&format!("{global}ProxyServer"), "sip.example.net"),
                text(&format!("{global}RegistrarServer"), "sip.example.net"),
            ],
        ),
    );
    let profile = format!("{PROFILES}1.");
    acs.ask("add profile", add(PROFILES, "voice-2"));
    acs.ask(
        "lines of profile 1",
        Request::GetParameterNames(GetParameterNames {
            parameter_path: format!("{profile}Line."),
            next_level: true,
        }),
    );
    acs.ask(
        "line 1",
        spv(
            "voice-3",
            vec![
                text(&format!("{profile}Enable"), "Enabled"),
                text(&format!("{profile}SIP.ProxyServer"), "sip.example.net"),
                text(&format!("{LINE1}Enable"), "Enabled"),
                text(&format!("{LINE1}DirectoryNumber"), "3001"),
                text(&format!("{LINE1}SIP.AuthUserName"), "3001"),
                text(&format!("{LINE1}SIP.AuthPassword"), "l1ne-Pw"),
                text(&format!("{LINE1}CallingFeatures.CallerIDName"), "Reception"),
            ],
        ),
    );
    acs.ask("password", gpv(&[&format!("{LINE1}SIP.AuthPassword")]));
    let second = format!("{PROFILES}2.");
    acs.ask("add profile 2", add(PROFILES, "voice-4"));
    acs.ask("line 2", gpv(&[&format!("{second}Line.1.DirectoryNumber")]));
    acs.ask("add line", add(&format!("{profile}Line."), "voice-5"));
    acs.ask("delete profile 2", delete(&second, "voice-6"));
    acs.ask(
        "line 2 gone",
        gpv(&[&format!("{second}Line.1.DirectoryNumber")]),
    );
}
