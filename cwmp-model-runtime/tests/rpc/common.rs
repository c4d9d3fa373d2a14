//! The test ACS: request envelopes, a transcript of every envelope the CPE
//! wrote (validated against the BBF schemas when the transcript is
//! dropped), and shorthands for reading responses.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use cwmp_model_runtime::rpc::{Device, Session};
use cwmp_model_runtime::soap::*;

pub const NS0: &str = "urn:dslforum-org:cwmp-1-0";
pub const NS1: &str = "urn:dslforum-org:cwmp-1-1";
pub const NS2: &str = "urn:dslforum-org:cwmp-1-2";

/// XML-escapes text.
pub fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An ACS envelope around `body` in namespace `ns` with `cwmp:ID` `id`.
pub fn envelope(ns: &str, id: &str, body: &str) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?>"#,
            r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" "#,
            r#"xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" "#,
            r#"xmlns:xsd="http://www.w3.org/2001/XMLSchema" "#,
            r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cwmp="{}">"#,
            r#"<soap:Header><cwmp:ID soap:mustUnderstand="1">{}</cwmp:ID></soap:Header>"#,
            r#"<soap:Body>{}</soap:Body></soap:Envelope>"#
        ),
        ns,
        esc(id),
        body
    )
}

fn strings(names: &[&str]) -> String {
    let items: String = names
        .iter()
        .map(|n| format!("<string>{}</string>", esc(n)))
        .collect();
    format!(
        r#"<ParameterNames soapenc:arrayType="xsd:string[{}]">{items}</ParameterNames>"#,
        names.len()
    )
}

pub fn gpn(path: &str, next_level: bool) -> String {
    format!(
        "<cwmp:GetParameterNames><ParameterPath>{}</ParameterPath><NextLevel>{}</NextLevel></cwmp:GetParameterNames>",
        esc(path),
        next_level
    )
}

pub fn gpv(names: &[&str]) -> String {
    format!(
        "<cwmp:GetParameterValues>{}</cwmp:GetParameterValues>",
        strings(names)
    )
}

pub fn gpa(names: &[&str]) -> String {
    format!(
        "<cwmp:GetParameterAttributes>{}</cwmp:GetParameterAttributes>",
        strings(names)
    )
}

/// SetParameterValues of `(name, value, xsi type)` entries.
pub fn spv(entries: &[(&str, &str, &str)], key: &str) -> String {
    let items: String = entries
        .iter()
        .map(|(n, v, t)| {
            format!(
                r#"<ParameterValueStruct><Name>{}</Name><Value xsi:type="xsd:{t}">{}</Value></ParameterValueStruct>"#,
                esc(n),
                esc(v)
            )
        })
        .collect();
    format!(
        r#"<cwmp:SetParameterValues><ParameterList soapenc:arrayType="cwmp:ParameterValueStruct[{}]">{items}</ParameterList><ParameterKey>{}</ParameterKey></cwmp:SetParameterValues>"#,
        entries.len(),
        esc(key)
    )
}

/// SetParameterAttributes of `(name, notification, access list)` entries;
/// `None` leaves that attribute unchanged.
/// One SetParameterAttributesStruct: name, Notification, AccessList.
pub type Attr<'a> = (&'a str, Option<u8>, Option<&'a [&'a str]>);

pub fn spa(entries: &[Attr<'_>]) -> String {
    let items: String = entries
        .iter()
        .map(|(n, notification, access)| {
            let list: String = access
                .unwrap_or(&[])
                .iter()
                .map(|a| format!("<string>{a}</string>"))
                .collect();
            format!(
                "<SetParameterAttributesStruct><Name>{}</Name><NotificationChange>{}</NotificationChange><Notification>{}</Notification><AccessListChange>{}</AccessListChange><AccessList>{list}</AccessList></SetParameterAttributesStruct>",
                esc(n),
                notification.is_some(),
                notification.unwrap_or(0),
                access.is_some()
            )
        })
        .collect();
    format!("<cwmp:SetParameterAttributes><ParameterList>{items}</ParameterList></cwmp:SetParameterAttributes>")
}

pub fn add(object: &str, key: &str) -> String {
    format!("<cwmp:AddObject><ObjectName>{object}</ObjectName><ParameterKey>{key}</ParameterKey></cwmp:AddObject>")
}

pub fn delete(object: &str, key: &str) -> String {
    format!("<cwmp:DeleteObject><ObjectName>{object}</ObjectName><ParameterKey>{key}</ParameterKey></cwmp:DeleteObject>")
}

pub fn download(key: &str, file_type: &str, url: &str) -> String {
    format!(
        "<cwmp:Download><CommandKey>{}</CommandKey><FileType>{}</FileType><URL>{}</URL><Username/><Password/><FileSize>1024</FileSize><TargetFileName>fw.bin</TargetFileName><DelaySeconds>0</DelaySeconds><SuccessURL/><FailureURL/></cwmp:Download>",
        esc(key),
        esc(file_type),
        esc(url)
    )
}

/// The body of a response, or the fault code and string.
pub fn fault_of(response: &Response) -> Option<(u32, &str)> {
    match response {
        Response::Fault(f) => Some((f.code, f.string.as_str())),
        _ => None,
    }
}

/// The names and values of a GetParameterValuesResponse.
pub fn values(response: &Response) -> Vec<(String, String, String)> {
    match response {
        Response::GetParameterValuesResponse { list } => list
            .iter()
            .map(|p| {
                let ty = p.xsi_type.as_deref().unwrap_or_default().to_owned();
                (p.name.clone(), p.value.clone(), ty)
            })
            .collect(),
        other => panic!("not a GetParameterValuesResponse: {other:?}"),
    }
}

/// The value of one parameter in a GetParameterValuesResponse.
pub fn value_of(response: &Response, name: &str) -> String {
    values(response)
        .into_iter()
        .find(|(n, _, _)| n == name)
        .map(|(_, v, _)| v)
        .unwrap_or_else(|| panic!("{name} not in {response:?}"))
}

/// Every envelope the CPE wrote in a test, validated when dropped.
pub struct Transcript {
    docs: Vec<(String, String)>,
    next_id: u32,
}

impl Transcript {
    pub fn new() -> Transcript {
        Transcript {
            docs: Vec::new(),
            next_id: 0,
        }
    }

    /// Sends a request in namespace `ns`; checks that the reply echoes its
    /// ID and namespace, records it and returns its body.
    pub fn ask<D: Device + ?Sized>(
        &mut self,
        s: &mut Session<'_, D>,
        ns: &str,
        body: &str,
    ) -> Response {
        self.next_id += 1;
        let id = format!("acs-{}", self.next_id);
        let xml = envelope(ns, &id, body);
        let env = parse_request(xml.as_bytes(), &Limits::default())
            .unwrap_or_else(|e| panic!("test request does not parse: {e}\n{xml}"));
        let reply = s
            .handle_envelope(&env)
            .unwrap_or_else(|| panic!("no reply to {xml}"));
        assert_eq!(reply.header.id.as_deref(), Some(id.as_str()));
        assert_eq!(reply.header.cwmp_ns.uri(), ns);
        self.record(&reply);
        reply.body
    }

    /// Sends an ACS response (InformResponse, ...), which gets no reply.
    pub fn tell<D: Device + ?Sized>(&mut self, s: &mut Session<'_, D>, ns: &str, body: &str) {
        let xml = envelope(ns, "acs-r", body);
        assert_eq!(s.handle(xml.as_bytes()), None, "{body} was answered");
    }

    /// Sends raw bytes; records and returns the reply text, if any.
    pub fn raw<D: Device + ?Sized>(
        &mut self,
        s: &mut Session<'_, D>,
        bytes: &[u8],
    ) -> Option<String> {
        let reply = s.handle(bytes)?;
        self.docs
            .push((format!("raw-{}", self.docs.len()), reply.clone()));
        Some(reply)
    }

    /// Records an envelope the CPE wrote.
    pub fn record(&mut self, env: &Envelope<Response>) {
        let xml = write_response(env, &WriteOptions::default());
        self.docs.push((env.body.method_name().to_owned(), xml));
    }

    /// How many envelopes were recorded.
    pub fn len(&self) -> usize {
        self.docs.len()
    }
}

impl Drop for Transcript {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            validate_all(&self.docs);
        }
    }
}

/// The `validate-envelope` script of the shared BBF schemas:
/// `$CWMP_SHARED_DIR/xsd`, else `shared/xsd` beside an ancestor of the
/// crate; `None` (validation skipped, with a note) without it or xmllint.
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
pub fn validate_all(docs: &[(String, String)]) {
    if docs.is_empty() {
        return;
    }
    let Some(script) = validator() else {
        eprintln!("NOTE: validate-envelope or xmllint not found; schema validation skipped");
        return;
    };
    static RUN: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "cwmp-rpc-validate-{}-{}",
        std::process::id(),
        RUN.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let files: Vec<PathBuf> = docs
        .iter()
        .enumerate()
        .map(|(i, (label, xml))| {
            let path = dir.join(format!("{i:03}-{label}.xml"));
            std::fs::write(&path, xml).expect("write temp envelope");
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
    if !out.status.success() || !failed.is_empty() {
        let shown: Vec<String> = files
            .iter()
            .filter(|f| failed.iter().any(|l| l.contains(&*f.to_string_lossy())))
            .filter_map(|f| std::fs::read_to_string(f).ok())
            .take(3)
            .collect();
        panic!(
            "schema validation failed:\n{}\n---\n{}",
            failed.join("\n"),
            shown.join("\n---\n")
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
