//! The `cwmp-model` binary: exit codes, where output goes, diagnostics format.

use std::path::PathBuf;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cwmp-model"))
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../cwmp-model-codegen/tests/fixtures")
}

#[test]
fn check_exits_zero_on_a_good_model_and_one_on_errors() {
    let ok = bin()
        .arg("check")
        .arg(fixtures().join("rules/tr-900-1-1-0.xml"))
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let bad = bin()
        .arg("check")
        .arg(fixtures().join("errors/unknown-ref.xml"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("unknown-ref.xml:4:18: error: unknown component `Nowhere`"),
        "{stderr}"
    );
    assert!(stderr.contains("2 error(s), 0 warning(s)"), "{stderr}");
}

#[test]
fn check_verifies_claimed_profiles() {
    let dt = fixtures().join("rules/dt-900.xml");
    let met = bin()
        .args(["check", "--claim", "Baseline:1"])
        .arg(&dt)
        .output()
        .unwrap();
    assert!(
        met.status.success(),
        "{}",
        String::from_utf8_lossy(&met.stderr)
    );
    let unmet = bin()
        .args(["check", "--claim", "Baseline:2"])
        .arg(&dt)
        .output()
        .unwrap();
    assert_eq!(unmet.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&unmet.stderr);
    assert!(
        stderr.contains("claims profile `Baseline:2`, which requires `createDelete` access"),
        "{stderr}"
    );
}

#[test]
fn lenient_check_turns_vendor_mistakes_into_warnings() {
    let out = bin()
        .args(["check", "--lenient"])
        .arg(fixtures().join("errors/vendor-sloppy.xml"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning: unknown attribute `acess`"));
}

#[test]
fn dump_prints_the_resolved_model() {
    let out = bin()
        .args(["dump", "--model", "Test:1.1"])
        .arg(fixtures().join("rules/tr-900-1-1-0.xml"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("M Test:1.1\nO\tDevice.\taccess=readOnly"),
        "{text}"
    );
    assert!(
        text.contains("P\tDevice.Host.{i}.Enable\tbase=boolean\t"),
        "{text}"
    );
}

#[test]
fn dt_writes_one_document_per_model() {
    let dir = std::env::temp_dir().join(format!("cwmp-model-cli-dt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = bin()
        .arg("dt")
        .arg(fixtures().join("rules/dt-900.xml"))
        .arg("-o")
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.join("test-box-devicetype.xml")).unwrap();
    assert!(text.contains(r#"<model ref="Test:1.1">"#));
    std::fs::remove_dir_all(&dir).ok();
}
