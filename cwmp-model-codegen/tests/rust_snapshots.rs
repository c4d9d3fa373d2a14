//! Generated Rust for small fixture models, as snapshots (insta): a root
//! model with tables, enums, lists and defaults, a service model, and a
//! device-type narrowing. `cargo insta review` after an intended change.

use cwmp_model_codegen::rust::{to_source, RustSettings, Serde};
use cwmp_model_codegen::{compile, Options};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(name)
}

fn generate(file: &str, model: Option<&str>, rust: RustSettings) -> String {
    let options = Options {
        model: model.map(str::to_string),
        rust,
        ..Options::default()
    };
    let out = compile(&[fixture(file)], &options).unwrap_or_else(|f| panic!("{f}"));
    to_source(&out.tokens, file).unwrap()
}

#[test]
fn root_model() {
    insta::assert_snapshot!(generate("tr-900-1-0-0.xml", None, RustSettings::default()));
}

#[test]
fn service_model_with_serde_behind_a_feature() {
    let rust = RustSettings {
        serde: Serde::Feature("serde".into()),
        docs: false,
        ..RustSettings::default()
    };
    insta::assert_snapshot!(generate("tr-901-1-0-0.xml", None, rust));
}

#[test]
fn device_type_narrowing() {
    let rust = RustSettings {
        runtime: "crate::rt".into(),
        docs: false,
        ..RustSettings::default()
    };
    insta::assert_snapshot!(generate("dt-900.xml", None, rust));
}
