//! Helpers shared by the facade's integration tests.

use std::path::PathBuf;
use std::process::Command;

/// Validates envelopes against the BBF CWMP schemas with
/// `../shared/xsd/validate-envelope` (xmllint); skipped with a note where
/// the tool is missing.
pub fn validate(name: &str, envelopes: &[String]) {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/xsd/validate-envelope");
    let has_xmllint = Command::new("xmllint").arg("--version").output().is_ok();
    if !script.exists() || !has_xmllint {
        eprintln!("NOTE: validate-envelope or xmllint not found; schema validation skipped");
        return;
    }
    let dir = std::env::temp_dir().join(format!("cwmp-model-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let files: Vec<PathBuf> = envelopes
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let f = dir.join(format!("{i}.xml"));
            std::fs::write(&f, e).unwrap();
            f
        })
        .collect();
    let out = Command::new(&script).args(&files).output().unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
