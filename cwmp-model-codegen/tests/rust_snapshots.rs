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

/// The code of a device of several files.
fn generate_device(files: &[&str]) -> Result<String, String> {
    let paths: Vec<PathBuf> = files.iter().map(|f| fixture(f)).collect();
    let out = compile(&paths, &Options::default()).map_err(|f| f.to_string())?;
    Ok(to_source(&out.tokens, files[0]).unwrap())
}

#[test]
fn a_root_and_a_service_model_get_a_mounted_model() {
    let source = generate_device(&["tr-902-1-0-0.xml", "tr-901-1-0-0.xml"]).unwrap();
    let at = source
        .find("/// The whole device as one model")
        .expect("a model() function");
    insta::assert_snapshot!(&source[at..]);
}

#[test]
fn a_service_model_without_a_place_to_mount_is_an_error() {
    let err = generate_device(&["tr-900-1-0-0.xml", "tr-901-1-0-0.xml"]).unwrap_err();
    assert!(
        err.contains("tr-900-1-0-0.xml:12:3")
            && err.contains(
                "cannot mount the service models: `Device.Services.` is not an object of Test:1.0"
            ),
        "{err}"
    );
}

#[test]
fn a_model_alone_gets_no_mounted_model() {
    for file in ["tr-900-1-0-0.xml", "tr-901-1-0-0.xml"] {
        let source = generate_device(&[file]).unwrap();
        assert!(!source.contains("pub fn model()"), "{file}");
    }
}
