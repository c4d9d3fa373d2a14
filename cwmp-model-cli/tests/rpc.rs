//! `cwmp-model rpc`, the CPE simulator, through the binary: a scripted
//! session against the Aastra 6700i (root model and its VoiceService),
//! state carried between runs by the state file, and every envelope
//! written validated against the BBF schemas (`validate-envelope`, looked
//! up in `$CWMP_SHARED_DIR/xsd`, else `shared/xsd` beside an ancestor of
//! the crate; skipped with a note when absent).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

fn models() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../models")
}

/// A fresh directory for one test's state and request files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cwmp-model-rpc-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An ACS envelope (cwmp-1-0) around `body`, with `cwmp:ID` `id`.
fn envelope(id: &str, body: &str) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?>"#,
            r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" "#,
            r#"xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" "#,
            r#"xmlns:xsd="http://www.w3.org/2001/XMLSchema" "#,
            r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" "#,
            r#"xmlns:cwmp="urn:dslforum-org:cwmp-1-0">"#,
            r#"<soap:Header><cwmp:ID soap:mustUnderstand="1">{}</cwmp:ID></soap:Header>"#,
            r#"<soap:Body>{}</soap:Body></soap:Envelope>"#
        ),
        id, body
    )
}

fn gpn(path: &str, next_level: bool) -> String {
    format!(
        "<cwmp:GetParameterNames><ParameterPath>{path}</ParameterPath>\
         <NextLevel>{next_level}</NextLevel></cwmp:GetParameterNames>"
    )
}

fn gpv(names: &[&str]) -> String {
    let items: String = names
        .iter()
        .map(|n| format!("<string>{n}</string>"))
        .collect();
    format!(
        r#"<cwmp:GetParameterValues><ParameterNames soapenc:arrayType="xsd:string[{}]">{items}</ParameterNames></cwmp:GetParameterValues>"#,
        names.len()
    )
}

fn spv(name: &str, value: &str, key: &str) -> String {
    format!(
        r#"<cwmp:SetParameterValues><ParameterList soapenc:arrayType="cwmp:ParameterValueStruct[1]"><ParameterValueStruct><Name>{name}</Name><Value xsi:type="xsd:string">{value}</Value></ParameterValueStruct></ParameterList><ParameterKey>{key}</ParameterKey></cwmp:SetParameterValues>"#
    )
}

fn add_object(name: &str, key: &str) -> String {
    format!(
        "<cwmp:AddObject><ObjectName>{name}</ObjectName>\
         <ParameterKey>{key}</ParameterKey></cwmp:AddObject>"
    )
}

const INFORM_RESPONSE: &str =
    "<cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse>";

/// One simulated device: its model arguments and state file, and every
/// envelope it wrote, validated when the test ends.
struct Cpe {
    dir: PathBuf,
    model: Option<&'static str>,
    state: PathBuf,
    written: Vec<(String, String)>,
    requests: usize,
}

impl Cpe {
    fn new(dir: &Path, model: Option<&'static str>, state: &str) -> Cpe {
        Cpe {
            dir: dir.to_owned(),
            model,
            state: dir.join(state),
            written: Vec::new(),
            requests: 0,
        }
    }

    /// `cwmp-model rpc -I models [--model M] models/aastra-6700i.xml --state S` + `extra`.
    fn run(&self, extra: &[&std::ffi::OsStr]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cwmp-model"));
        cmd.arg("rpc").arg("-I").arg(models());
        if let Some(m) = self.model {
            cmd.args(["--model", m]);
        }
        cmd.arg(models().join("aastra-6700i.xml"))
            .arg("--state")
            .arg(&self.state)
            .args(extra);
        cmd.output().expect("run cwmp-model")
    }

    /// Sends one request body in its own run; returns stdout (the reply),
    /// which must come with success.
    fn send(&mut self, label: &str, body: &str) -> String {
        self.requests += 1;
        let request = self.dir.join(format!("{:02}-{label}.xml", self.requests));
        let id = format!("acs-{}", self.requests);
        std::fs::write(&request, envelope(&id, body)).unwrap();
        let out = self.run(&[request.as_os_str()]);
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            out.status.success(),
            "{label}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if !stdout.is_empty() {
            assert!(
                stdout.contains(&format!(">{id}</cwmp:ID>")),
                "{label} echoes the ID: {stdout}"
            );
            self.written.push((label.to_owned(), stdout.clone()));
        }
        stdout
    }

    /// `--inform EVENTS...`; returns the Inform.
    fn inform(&mut self, events: &[&str]) -> String {
        let mut args: Vec<&std::ffi::OsStr> = vec!["--inform".as_ref()];
        args.extend(events.iter().map(std::ffi::OsStr::new));
        let out = self.run(&args);
        assert!(
            out.status.success(),
            "inform: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8(out.stdout).unwrap();
        self.written.push(("inform".into(), stdout.clone()));
        stdout
    }
}

impl Drop for Cpe {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            validate_all(&self.written);
        }
    }
}

/// The text between `<tag>` and `</tag>`, each occurrence.
fn all_of<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    xml.split(&open)
        .skip(1)
        .filter_map(|rest| rest.split(&close).next())
        .collect()
}

fn events(inform: &str) -> Vec<&str> {
    all_of(inform, "EventCode")
}

#[test]
fn a_session_against_the_root_model_keeps_its_state_between_runs() {
    let dir = scratch("root");
    let mut cpe = Cpe::new(&dir, None, "aastra.json");

    let names = cpe.send("gpn", &gpn("Device.", true));
    assert!(
        names.contains("<cwmp:GetParameterNamesResponse>"),
        "{names}"
    );
    let listed = all_of(&names, "Name");
    assert!(listed.contains(&"Device.DeviceInfo."), "{listed:?}");
    assert!(listed.contains(&"Device.ManagementServer."), "{listed:?}");
    // Next level only: nothing two levels down.
    assert!(!listed
        .iter()
        .any(|n| n.starts_with("Device.DeviceInfo.") && *n != "Device.DeviceInfo."));
    assert!(cpe.state.is_file(), "the first run creates the state file");

    let code = "Device.DeviceInfo.ProvisioningCode";
    let key = "Device.ManagementServer.ParameterKey";
    let values = cpe.send("gpv-before", &gpv(&[code, key]));
    assert!(
        values.contains(&format!(
            r#"<Name>{code}</Name><Value xsi:type="xsd:string"></Value>"#
        )),
        "{values}"
    );

    let set = cpe.send("spv", &spv(code, "lab-1", "key-1"));
    assert!(set.contains("<Status>0</Status>"), "{set}");

    // A new process: the value comes back from the state file.
    let values = cpe.send("gpv-after", &gpv(&[code, key]));
    assert!(
        values.contains(&format!(
            r#"<Name>{code}</Name><Value xsi:type="xsd:string">lab-1</Value>"#
        )),
        "{values}"
    );
    assert!(
        values.contains(&format!(
            r#"<Name>{key}</Name><Value xsi:type="xsd:string">key-1</Value>"#
        )),
        "{values}"
    );
    let state = std::fs::read_to_string(&cpe.state).unwrap();
    assert!(state.contains(r#""Device.DeviceInfo.ProvisioningCode": "lab-1""#));

    // Unknown names are fault 9005, and change nothing.
    let fault = cpe.send("fault-9005", &gpv(&["Device.NoSuchThing"]));
    assert_eq!(all_of(&fault, "FaultCode"), ["9005"], "{fault}");
    let fault = cpe.send("spv-fault", &spv("Device.NoSuchThing", "x", "key-2"));
    assert!(fault.contains("<FaultCode>9003</FaultCode>"), "{fault}");
    assert!(fault.contains("<FaultCode>9005</FaultCode>"), "{fault}");
    let values = cpe.send("gpv-unchanged", &gpv(&[key]));
    assert!(values.contains(">key-1</Value>"), "{values}");

    // The root model has no table the ACS may add to.
    let fault = cpe.send("add-refused", &add_object("Device.LAN.", "key-3"));
    assert!(fault.contains("<cwmp:Fault>"), "{fault}");

    // A new device's first Inform: BOOTSTRAP and BOOT, plus what was asked.
    let inform = cpe.inform(&["2 PERIODIC"]);
    assert_eq!(events(&inform), ["0 BOOTSTRAP", "1 BOOT", "2 PERIODIC"]);
    assert!(inform.contains("<RetryCount>0</RetryCount>"), "{inform}");
    assert!(inform.contains(">lab-1</Value>"), "{inform}");
    // Not acknowledged: the next Inform is a retry of the same events.
    let retry = cpe.inform(&[]);
    assert_eq!(events(&retry), ["0 BOOTSTRAP", "1 BOOT", "2 PERIODIC"]);
    assert!(retry.contains("<RetryCount>1</RetryCount>"), "{retry}");
    // The InformResponse has no answer and retires the events.
    assert_eq!(cpe.send("inform-response", INFORM_RESPONSE), "");
    let next = cpe.inform(&["6 CONNECTION REQUEST"]);
    assert_eq!(events(&next), ["6 CONNECTION REQUEST"]);
    assert!(next.contains("<RetryCount>0</RetryCount>"), "{next}");

    // Reboot takes effect when the run's session ends.
    let reboot = cpe.send(
        "reboot",
        "<cwmp:Reboot><CommandKey>rb-1</CommandKey></cwmp:Reboot>",
    );
    assert!(reboot.contains("<cwmp:RebootResponse"), "{reboot}");
    let after = cpe.inform(&[]);
    assert_eq!(
        events(&after),
        ["6 CONNECTION REQUEST", "M Reboot", "1 BOOT"]
    );
    assert!(after.contains("<CommandKey>rb-1</CommandKey>"), "{after}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn model_picks_the_voice_service_whose_tables_the_acs_may_add_to() {
    let dir = scratch("voice");
    let mut cpe = Cpe::new(&dir, Some("VoiceService:1.0"), "voice.json");
    let table = "VoiceService.1.VoiceProfile.";
    let first = cpe.send("add-1", &add_object(table, "v-1"));
    assert_eq!(all_of(&first, "InstanceNumber"), ["1"], "{first}");
    let second = cpe.send("add-2", &add_object(table, "v-2"));
    assert_eq!(all_of(&second, "InstanceNumber"), ["2"], "{second}");
    let names = cpe.send("gpn", &gpn(table, true));
    assert_eq!(
        all_of(&names, "Name"),
        [
            "VoiceService.1.VoiceProfile.1.",
            "VoiceService.1.VoiceProfile.2."
        ]
    );
    // A root-model path names nothing in the service model.
    let fault = cpe.send("fault", &gpv(&["Device.DeviceSummary"]));
    assert_eq!(all_of(&fault, "FaultCode"), ["9005"], "{fault}");

    // The state is of this model: the root model refuses it.
    let root = Cpe::new(&dir, None, "voice.json");
    let out = root.run(&["--inform".as_ref()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("holds a device of model `VoiceService:1.0`"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn without_model_the_whole_device_is_simulated() {
    let dir = scratch("whole");
    let mut cpe = Cpe::new(&dir, None, "s.json");
    let inform = cpe.inform(&["1 BOOT"]);
    assert!(inform.contains("Device.DeviceSummary"), "{inform}");
    cpe.send("inform-response", INFORM_RESPONSE);
    let services = cpe.send("gpn", &gpn("Device.Services.", true));
    assert_eq!(
        all_of(&services, "Name"),
        [
            "Device.Services.VoiceServiceNumberOfEntries",
            "Device.Services.VoiceService."
        ],
        "{services}"
    );
    let table = "Device.Services.VoiceService.1.VoiceProfile.";
    let added = cpe.send("add", &add_object(table, "v-1"));
    assert_eq!(all_of(&added, "InstanceNumber"), ["1"], "{added}");
    let read = cpe.send(
        "gpv",
        &gpv(&[
            "Device.Services.VoiceService.1.VoiceProfileNumberOfEntries",
            "Device.ManagementServer.ParameterKey",
        ]),
    );
    assert!(
        read.contains(r#"<Value xsi:type="xsd:unsignedInt">1</Value>"#)
            && read.contains(r#"<Value xsi:type="xsd:string">v-1</Value>"#),
        "{read}"
    );
    let out = cpe.run(&["--inform".as_ref(), "2 PERIODIC".as_ref()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "no note, nothing is left out: {stderr}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_input_is_an_error_message_and_exit_code_not_a_panic() {
    let dir = scratch("errors");
    let cpe = Cpe::new(&dir, None, "s.json");
    let check = |out: Output, expected: &str| {
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(out.stdout.is_empty());
        assert!(stderr.contains(expected), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    };

    let broken = dir.join("broken.xml");
    std::fs::write(&broken, "<soap:Envelope><soap:Body>").unwrap();
    check(
        cpe.run(&[broken.as_os_str()]),
        "broken.xml` is not a SOAP envelope: malformed XML",
    );
    let not_soap = dir.join("not-soap.xml");
    std::fs::write(&not_soap, "<html/>").unwrap();
    check(
        cpe.run(&[not_soap.as_os_str()]),
        "is not a SOAP envelope: root element is <html>",
    );
    check(
        cpe.run(&[dir.join("absent.xml").as_os_str()]),
        "cannot read `",
    );
    // Nothing was answered, so no state was written.
    assert!(!cpe.state.exists());

    check(
        cpe.run(&["--inform".as_ref(), "1 boot".as_ref()]),
        "`1 boot` is not an Inform event code",
    );

    let request = dir.join("gpv.xml");
    std::fs::write(&request, envelope("1", &gpv(&["Device."]))).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_cwmp-model"))
        .arg("rpc")
        .arg(models().join("no-such-device.xml"))
        .arg("--state")
        .arg(&cpe.state)
        .arg(&request)
        .output()
        .unwrap();
    check(out, "no-such-device.xml");

    let corrupt = dir.join("corrupt.json");
    std::fs::write(&corrupt, "{").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_cwmp-model"))
        .args(["rpc", "-I"])
        .arg(models())
        .arg(models().join("aastra-6700i.xml"))
        .arg("--state")
        .arg(&corrupt)
        .arg(&request)
        .output()
        .unwrap();
    check(out, "is not a state file of `cwmp-model rpc`");

    let out = cpe.run(&[]);
    check(out, "then the request envelope");
    std::fs::remove_dir_all(&dir).ok();
}

/// The `validate-envelope` script of the shared BBF schemas:
/// `$CWMP_SHARED_DIR/xsd`, else `shared/xsd` beside an ancestor of the
/// crate; `None` without it or without xmllint.
fn validator() -> Option<PathBuf> {
    let from_env = std::env::var_os("CWMP_SHARED_DIR").map(PathBuf::from);
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let script = from_env
        .into_iter()
        .chain(manifest.ancestors().map(|a| a.join("shared")))
        .map(|dir| dir.join("xsd").join("validate-envelope"))
        .find(|p| p.is_file())?;
    let xmllint = Command::new("xmllint").arg("--version").output();
    matches!(xmllint, Ok(out) if out.status.success()).then_some(script)
}

/// Validates envelopes against the BBF schema of their namespace.
fn validate_all(docs: &[(String, String)]) {
    if docs.is_empty() {
        return;
    }
    let Some(script) = validator() else {
        eprintln!("NOTE: validate-envelope or xmllint not found; schema validation skipped");
        return;
    };
    static RUN: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "cwmp-model-rpc-validate-{}-{}",
        std::process::id(),
        RUN.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let files: Vec<PathBuf> = docs
        .iter()
        .enumerate()
        .map(|(i, (label, xml))| {
            let path = dir.join(format!("{i:03}-{label}.xml"));
            std::fs::write(&path, xml).unwrap();
            path
        })
        .collect();
    let out = Command::new(&script)
        .args(&files)
        .output()
        .expect("run validate-envelope");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let failed: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.ends_with(" validates"))
        .collect();
    assert!(
        out.status.success() && failed.is_empty(),
        "schema validation failed:\n{}",
        failed.join("\n")
    );
    std::fs::remove_dir_all(&dir).ok();
}
