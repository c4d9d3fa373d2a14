//! Tests of the SOAP codec: fixtures in `fixtures/`, shared helpers here.

mod parse_tests;
mod robustness;
mod write_request_tests;
mod write_tests;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::*;

/// Reads a fixture from `fixtures/` (embedded so tests need no working dir).
fn fixture(name: &str) -> &'static [u8] {
    FIXTURES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, b)| *b)
        .unwrap_or_else(|| panic!("no fixture {name}"))
}

/// Every fixture, for the robustness tests.
const FIXTURES: &[(&str, &[u8])] = &[
    (
        "genieacs_gpv.xml",
        include_bytes!("fixtures/genieacs_gpv.xml"),
    ),
    (
        "genieacs_spv.xml",
        include_bytes!("fixtures/genieacs_spv.xml"),
    ),
    ("axiros_spa.xml", include_bytes!("fixtures/axiros_spa.xml")),
    (
        "freeacs_download.xml",
        include_bytes!("fixtures/freeacs_download.xml"),
    ),
    (
        "axis_ns1_spv.xml",
        include_bytes!("fixtures/axis_ns1_spv.xml"),
    ),
    (
        "unprefixed_default_ns.xml",
        include_bytes!("fixtures/unprefixed_default_ns.xml"),
    ),
    (
        "no_namespace_unbound_prefix.xml",
        include_bytes!("fixtures/no_namespace_unbound_prefix.xml"),
    ),
    ("latin1_spv.xml", include_bytes!("fixtures/latin1_spv.xml")),
];

/// Wraps a body element in a typical ACS envelope (cwmp-1-2, ID "t1").
fn envelope(body: &str) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?>"#,
            r#"<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" "#,
            r#"xmlns:soap-enc="http://schemas.xmlsoap.org/soap/encoding/" "#,
            r#"xmlns:xsd="http://www.w3.org/2001/XMLSchema" "#,
            r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" "#,
            r#"xmlns:cwmp="urn:dslforum-org:cwmp-1-2">"#,
            r#"<soap-env:Header><cwmp:ID soap-env:mustUnderstand="1">t1</cwmp:ID></soap-env:Header>"#,
            r#"<soap-env:Body>{}</soap-env:Body></soap-env:Envelope>"#
        ),
        body
    )
}

/// Parses with default limits, panicking with the error on failure.
fn parse_ok(bytes: &[u8]) -> Envelope<Request> {
    match parse_request(bytes, &Limits::default()) {
        Ok(env) => env,
        Err(e) => panic!("parse failed: {e}\n{}", String::from_utf8_lossy(bytes)),
    }
}

/// Parses a body wrapped by [`envelope`] and returns the request.
fn parse_body(body: &str) -> Request {
    parse_ok(envelope(body).as_bytes()).body
}

/// Parses a body wrapped by [`envelope`], expecting an error.
fn parse_err(body: &str) -> ParseError {
    match parse_request(envelope(body).as_bytes(), &Limits::default()) {
        Ok(env) => panic!("expected an error, got {:?}", env.body),
        Err(e) => e,
    }
}

/// The `validate-envelope` script of the shared BBF schemas, looked up as
/// `shared/xsd/validate-envelope` next to any ancestor of the crate (the
/// project keeps them in `../shared`), or in `$CWMP_SHARED_DIR/xsd`.
fn validator() -> Option<PathBuf> {
    let from_env = std::env::var_os("CWMP_SHARED_DIR").map(PathBuf::from);
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let candidates = from_env
        .into_iter()
        .chain(manifest.ancestors().map(|a| a.join("shared")));
    let script = candidates
        .map(|dir| dir.join("xsd").join("validate-envelope"))
        .find(|p| p.is_file())?;
    // The script needs xmllint; without it the schema check is skipped.
    let xmllint = Command::new("xmllint").arg("--version").output();
    match xmllint {
        Ok(out) if out.status.success() => Some(script),
        _ => None,
    }
}

/// Validates envelopes against the BBF schemas. `docs` are (label, xml);
/// `cwmp` forces a schema version ("1-3", "1-4"), else the script picks it
/// from the namespace. Prints a note and returns when the validator or
/// xmllint is unavailable.
fn validate_all(docs: &[(String, String)], cwmp: Option<&str>) {
    let Some(script) = validator() else {
        eprintln!("NOTE: validate-envelope or xmllint not found; schema validation skipped");
        return;
    };
    static RUN: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "cwmp-soap-validate-{}-{}",
        std::process::id(),
        RUN.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut files = Vec::new();
    for (i, (label, xml)) in docs.iter().enumerate() {
        let safe: String = label
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let path = dir.join(format!("{i:03}-{safe}.xml"));
        std::fs::write(&path, xml).expect("write temp envelope");
        files.push(path);
    }
    let mut cmd = Command::new(&script);
    if let Some(v) = cwmp {
        cmd.arg("--cwmp").arg(v);
    }
    let out = cmd.args(&files).output().expect("run validate-envelope");
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
            "schema validation failed ({}):\n{}\n---\n{}",
            cwmp.unwrap_or("auto"),
            failed.join("\n"),
            shown.join("\n---\n")
        );
    }
    let _ = std::fs::remove_dir_all(Path::new(&dir));
}

/// Checks that every `SOAP-ENC:arrayType="T[n]"` in `xml` announces exactly
/// the `n` items (`<T>` elements, prefix dropped) inside its array element;
/// returns how many arrays there were.
fn assert_array_types_exact(xml: &str) -> usize {
    let mut pos = 0;
    let mut seen = 0;
    while let Some(at) = xml[pos..].find("SOAP-ENC:arrayType=\"") {
        let attr_at = pos + at;
        let tag_start = xml[..attr_at].rfind('<').unwrap();
        let name = xml[tag_start + 1..attr_at].trim();
        let value_start = attr_at + "SOAP-ENC:arrayType=\"".len();
        let value_end = value_start + xml[value_start..].find('"').unwrap();
        let decl = &xml[value_start..value_end];
        let (ty, n) = decl.split_once('[').unwrap();
        let n: usize = n.trim_end_matches(']').parse().unwrap();
        let item = ty.trim_start_matches("cwmp:").trim_start_matches("xsd:");
        let tag_end = value_end + xml[value_end..].find('>').unwrap();
        let count = if xml[..tag_end].ends_with('/') {
            0
        } else {
            let close = tag_end + xml[tag_end..].find(&format!("</{name}>")).unwrap();
            xml[tag_end..close].matches(&format!("<{item}>")).count()
        };
        assert_eq!(count, n, "{decl} in {xml}");
        pos = value_end;
        seen += 1;
    }
    seen
}
