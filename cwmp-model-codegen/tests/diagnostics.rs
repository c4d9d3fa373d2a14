//! Broken inputs give errors with a message and a `file:line:col`, never a panic;
//! every error of a pass is reported.

use cwmp_model_codegen::diag::Severity;
use cwmp_model_codegen::{Session, Settings};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/errors")
        .join(name)
}

/// Checks a fixture and returns `(line:col, severity, message)` per diagnostic.
fn check_with(name: &str, lenient: bool) -> Vec<(String, Severity, String)> {
    let mut s = Session::new(&Settings {
        search_path: Vec::new(),
        lenient,
    });
    if let Some(doc) = s.load(&fixture(name)) {
        s.check(doc);
    }
    s.diagnostics()
        .iter()
        .map(|d| {
            let head = d.headline(s.sources());
            let pos = d.span.map(|sp| {
                let f = s.sources().file(sp.file);
                let lc = f.line_col(sp.offset);
                let fname = f.path.file_name().unwrap().to_string_lossy().into_owned();
                format!("{fname}:{}:{}", lc.line, lc.col)
            });
            assert!(
                head.contains(&format!(": {}: ", d.severity)),
                "not in file:line:col: severity: form: {head}"
            );
            (pos.unwrap_or_default(), d.severity, d.message.clone())
        })
        .collect()
}

fn check(name: &str) -> Vec<(String, Severity, String)> {
    check_with(name, false)
}

fn has(diags: &[(String, Severity, String)], pos: &str, severity: Severity, needle: &str) {
    assert!(
        diags
            .iter()
            .any(|(p, s, m)| p == pos && *s == severity && m.contains(needle)),
        "expected {severity} at {pos} containing {needle:?}; got {diags:#?}"
    );
}

#[test]
fn unknown_references() {
    let d = check("unknown-ref.xml");
    has(
        &d,
        "unknown-ref.xml:4:18",
        Severity::Error,
        "unknown component `Nowhere`",
    );
    has(
        &d,
        "unknown-ref.xml:6:17",
        Severity::Error,
        "unknown data type `NoSuchType`",
    );
    assert_eq!(d.len(), 2, "{d:#?}");
}

#[test]
fn duplicate_names_are_all_reported() {
    let d = check("duplicate.xml");
    has(
        &d,
        "duplicate.xml:9:3",
        Severity::Error,
        "duplicate model `X:1.0`",
    );
    has(
        &d,
        "duplicate.xml:5:7",
        Severity::Error,
        "parameter `Device.P` is already defined",
    );
    has(
        &d,
        "duplicate.xml:7:5",
        Severity::Error,
        "object `Device.` is already defined",
    );
}

#[test]
fn import_cycles() {
    let d = check("cycle-a.xml");
    has(
        &d,
        "cycle-b.xml:2:3",
        Severity::Error,
        "import cycle: cycle-a.xml -> cycle-b.xml -> cycle-a.xml",
    );
}

#[test]
fn missing_import_file() {
    let d = check("missing-file.xml");
    has(
        &d,
        "missing-file.xml:2:3",
        Severity::Error,
        "imported file `tr-999-1-0.xml` not found",
    );
    has(
        &d,
        "missing-file.xml:5:23",
        Severity::Error,
        "unknown base model `Y:1.0`",
    );
}

#[test]
fn missing_root_file() {
    let mut s = Session::new(&Settings::default());
    assert!(s.load(&fixture("no-such-file.xml")).is_none());
    let d: Vec<_> = s.diagnostics().iter().collect();
    assert_eq!(d.len(), 1);
    assert!(d[0].message.contains("cannot read"), "{}", d[0].message);
}

#[test]
fn bad_facets() {
    let d = check("bad-facet.xml");
    has(
        &d,
        "bad-facet.xml:5:30",
        Severity::Error,
        "minInclusive 10 greater than maxInclusive 2",
    );
    has(
        &d,
        "bad-facet.xml:8:31",
        Severity::Error,
        "`maxLength` must be a whole number, not `lots`",
    );
}

#[test]
fn malformed_xml() {
    let d = check("malformed.xml");
    has(&d, "malformed.xml:4:3", Severity::Error, "malformed XML");
    assert!(d[0].2.contains("</object>"), "{d:#?}");
}

#[test]
fn external_entities_are_refused() {
    let d = check("external-entity.xml");
    has(
        &d,
        "external-entity.xml:2:1",
        Severity::Error,
        "external entity `secret` refused",
    );
}

#[test]
fn not_a_bbf_document() {
    let d = check("not-bbf.xml");
    has(
        &d,
        "not-bbf.xml:1:1",
        Severity::Error,
        "not a BBF data-model or device-type document",
    );
}

#[test]
fn vendor_mistakes_are_errors_unless_lenient() {
    let strict = check("vendor-sloppy.xml");
    has(
        &strict,
        "vendor-sloppy.xml:4:27",
        Severity::Error,
        "unknown attribute `acess` on `<parameter>`",
    );
    has(
        &strict,
        "vendor-sloppy.xml:8:17",
        Severity::Error,
        "unknown syntax element `<ipAddress>`",
    );
    let lenient = check_with("vendor-sloppy.xml", true);
    has(
        &lenient,
        "vendor-sloppy.xml:4:27",
        Severity::Warning,
        "unknown attribute `acess`",
    );
    has(
        &lenient,
        "vendor-sloppy.xml:8:17",
        Severity::Warning,
        "unknown syntax element `<ipAddress>`",
    );
    assert!(lenient.iter().all(|(_, s, _)| *s == Severity::Warning));
}

#[test]
fn rendering_shows_the_source_line_and_a_caret() {
    let mut s = Session::new(&Settings::default());
    let doc = s.load(&fixture("unknown-ref.xml")).unwrap();
    s.check(doc);
    let text = s.render_diagnostics().join("\n");
    assert!(
        text.contains("unknown-ref.xml:4:18: error: unknown component `Nowhere`"),
        "{text}"
    );
    assert!(
        text.contains("4 |       <component ref=\"Nowhere\"/>"),
        "{text}"
    );
    assert!(text.contains("  |                  ^"), "{text}");
}

/// Hostile and truncated inputs: each gives an error, none panics.
#[test]
fn hostile_inputs_give_errors() {
    let dir = std::env::temp_dir().join(format!("cwmp-model-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = std::fs::read_to_string(fixture("../rules/tr-900-1-0-0.xml")).unwrap();
    let ns = r#"<dm:document xmlns:dm="urn:broadband-forum-org:cwmp:datamodel-1-10">"#;
    let mut cases: Vec<(String, String)> = vec![
        (
            "deep".into(),
            format!(
                "{ns}{}{}</dm:document>",
                "<x>".repeat(10_000),
                "</x>".repeat(10_000)
            ),
        ),
        (
            "huge-attr".into(),
            format!(
                "{ns}<model name=\"{}\"/></dm:document>",
                "a".repeat(2 << 20)
            ),
        ),
        (
            "binary".into(),
            String::from_utf8_lossy(&[0xff, 0xfe, 0, 1, 2, b'<', 0x80]).into_owned(),
        ),
        ("empty".into(), String::new()),
    ];
    for cut in [10, 200, 1000, good.len() / 2, good.len() - 3] {
        cases.push((format!("truncated-{cut}"), good[..cut].to_string()));
    }
    for (name, text) in cases {
        let path = dir.join(format!("{name}.xml"));
        std::fs::write(&path, text).unwrap();
        let mut s = Session::new(&Settings::default());
        if let Some(doc) = s.load(&path) {
            s.check(doc);
        }
        assert!(s.diagnostics().has_errors(), "{name} gave no error");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn names_that_collide_in_rust_are_errors() {
    let d = check("name-collision.xml");
    has(
        &d,
        "name-collision.xml:5:7",
        Severity::Error,
        "`IPv6Enable` and `Ipv6Enable` both map to the Rust identifier `ipv6_enable`",
    );
}
