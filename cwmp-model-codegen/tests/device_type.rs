//! The device-type documents we write validate against the BBF DT schema and,
//! read back, give the same selection.

use cwmp_model_codegen::dt::device_type_documents;
use cwmp_model_codegen::dump::dump;
use cwmp_model_codegen::select::Selection;
use cwmp_model_codegen::{Session, Settings};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn device(files: &[PathBuf], search: &[PathBuf]) -> cwmp_model_codegen::ir::Device {
    let mut s = Session::new(&Settings {
        search_path: search.to_vec(),
        lenient: false,
    });
    let docs: Vec<_> = files.iter().map(|f| s.load(f).expect("loads")).collect();
    let d = s.device(&docs, None, &Selection::default(), &[]);
    d.unwrap_or_else(|| panic!("{}", s.render_diagnostics().join("\n")))
}

/// Writes the device's DT documents, reads them back (finding the models they
/// import through `search`), and compares the dumps; returns the files written.
fn round_trip(files: &[PathBuf], search: &[PathBuf], tag: &str) -> Vec<PathBuf> {
    let original = device(files, search);
    let dir = std::env::temp_dir().join(format!("cwmp-model-dt-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let written: Vec<PathBuf> = device_type_documents(&original)
        .into_iter()
        .map(|(name, text)| {
            let p = dir.join(name);
            std::fs::write(&p, text).unwrap();
            p
        })
        .collect();
    assert_eq!(written.len(), original.models.len());
    let again = device(&written, search);
    for (a, b) in original.models.iter().zip(&again.models) {
        assert_eq!(
            dump(a),
            dump(b),
            "round trip of {} changed the selection",
            a.name
        );
    }
    assert_eq!(original.name, again.name);
    assert_eq!(
        original.profiles, again.profiles,
        "claims survive the round trip"
    );
    written
}

fn validate(files: &[PathBuf]) {
    let script = root().join("../../shared/xsd/validate-model");
    let have_xmlschema = Command::new("python3")
        .args(["-c", "import xmlschema"])
        .status()
        .is_ok_and(|s| s.success());
    if !script.is_file() || !have_xmlschema {
        eprintln!("DT schema validation not run: needs ../shared/xsd/validate-model and python3 xmlschema");
        return;
    }
    let out = Command::new(&script).args(files).output().unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn fixture_device_type_round_trips() {
    let rules = root().join("tests/fixtures/rules");
    let written = round_trip(
        &[rules.join("dt-900.xml")],
        std::slice::from_ref(&rules),
        "fixture",
    );
    let text = std::fs::read_to_string(&written[0]).unwrap();
    assert!(
        text.contains(
            r#"<object ref="Device.Host.{i}." access="create" minEntries="0" maxEntries="4">"#
        ),
        "{text}"
    );
    assert!(
        text.contains(r#"<parameter ref="Name" access="readOnly" activeNotify="willDeny"/>"#),
        "{text}"
    );
    assert!(text.contains(r#"<enumeration value="A"/>"#), "{text}");
    assert!(!text.contains(r#"<enumeration value="B"/>"#), "{text}");
    validate(&written);
}

#[test]
fn our_device_descriptions_round_trip_and_validate() {
    let models = root().join("../models");
    let devices: [(&str, &[&str]); 5] = [
        ("aastra", &["aastra-6700i.xml", "aastra-6700i-voice.xml"]),
        (
            "grandstream",
            &["grandstream-gxp2140.xml", "grandstream-gxp2140-voice.xml"],
        ),
        ("vega", &["sangoma-vega.xml"]),
        ("rdk", &["rdk-gateway.xml"]),
        ("dimark", &["dimark-client.xml"]),
    ];
    for (tag, files) in devices {
        let files: Vec<PathBuf> = files.iter().map(|f| models.join(f)).collect();
        let written = round_trip(&files, std::slice::from_ref(&models), tag);
        validate(&written);
    }
}

#[test]
fn a_plain_model_file_is_a_device_of_the_whole_model() {
    let rules = root().join("tests/fixtures/rules");
    let written = round_trip(
        &[rules.join("tr-900-1-1-0.xml")],
        std::slice::from_ref(&rules),
        "whole",
    );
    assert_eq!(
        written[0].file_name().unwrap(),
        Path::new("tr-900-1-1-0-devicetype.xml")
    );
    validate(&written);
}
