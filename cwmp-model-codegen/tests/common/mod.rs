//! What the corpus-based test files share.

use std::path::{Path, PathBuf};

/// The BBF corpus named by `CWMP_MODEL_BBF` (CI sets it; see `.ci/run`); `None`,
/// after saying so, when it is unset. A relative path is taken from the workspace
/// root, where `cargo test` is typed.
pub fn corpus() -> Option<PathBuf> {
    let Some(given) = std::env::var_os("CWMP_MODEL_BBF").map(PathBuf::from) else {
        eprintln!("BBF corpus tests not run: set CWMP_MODEL_BBF=../shared/bbf (as .ci/run does)");
        return None;
    };
    let dir = if given.is_relative() {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(&given)
    } else {
        given
    };
    assert!(
        dir.join("tr-181-2-17-0-cwmp.xml").is_file(),
        "CWMP_MODEL_BBF={} does not hold the BBF corpus",
        dir.display()
    );
    Some(dir)
}
