//! The documentation of our devices in `docs/` is generated from `models/`; this
//! fails when a checked-in file differs from what the models give today.
//! `CWMP_MODEL_BLESS=1` rewrites the files.

use cwmp_model_codegen::docs::markup::Definitions;
use cwmp_model_codegen::docs::{self, Format};
use cwmp_model_codegen::select::Selection;
use cwmp_model_codegen::{Session, Settings};
use std::path::{Path, PathBuf};

/// Each device: the name of its docs and the files that describe it, in `models/`.
const DEVICES: &[(&str, &[&str])] = &[
    (
        "aastra-6700i",
        &["aastra-6700i.xml", "aastra-6700i-voice.xml"],
    ),
    (
        "grandstream-gxp2140",
        &["grandstream-gxp2140.xml", "grandstream-gxp2140-voice.xml"],
    ),
    ("sangoma-vega", &["sangoma-vega.xml"]),
    ("rdk-gateway", &["rdk-gateway.xml"]),
    ("dimark-client", &["dimark-client.xml"]),
];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The command that writes one file, as a user would type it at the workspace root.
fn command(name: &str, files: &[&str], format: Format) -> String {
    let inputs: Vec<String> = files.iter().map(|f| format!("models/{f}")).collect();
    format!(
        "cargo run -p cwmp-model-cli -- docs {} --format {} -o docs/{name}.{}",
        inputs.join(" "),
        format.extension(),
        format.extension()
    )
}

#[test]
fn checked_in_docs_match_the_models() {
    let bless = std::env::var_os("CWMP_MODEL_BLESS").is_some_and(|v| v != "0");
    let root = workspace();
    let mut stale = Vec::new();
    for (name, files) in DEVICES {
        let mut s = Session::new(&Settings::default());
        let ids: Vec<_> = files
            .iter()
            .map(|f| {
                s.load(&root.join("models").join(f))
                    .unwrap_or_else(|| panic!("{}", s.render_diagnostics().join("\n")))
            })
            .collect();
        let device = s
            .device(&ids, None, &Selection::default(), &[])
            .unwrap_or_else(|| panic!("{}", s.render_diagnostics().join("\n")));
        let definitions = Definitions::from_sources(s.sources());
        for format in Format::ALL {
            let text = docs::render_with(&device, format, &definitions);
            let rel = format!("docs/{name}.{}", format.extension());
            let path = root.join(&rel);
            if bless {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &text).unwrap();
                continue;
            }
            if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                stale.push(format!("  {rel}: {}", command(name, files, format)));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "generated docs are stale; regenerate all with\n  \
         CWMP_MODEL_BLESS=1 cargo test -p cwmp-model-codegen --test docs_fresh\n\
         or each with:\n{}",
        stale.join("\n")
    );
}
