//! Compiles the reference devices of `models/` into `cwmp_model::models::*`
//! (see src/lib.rs), with the same build-script API device crates use.

use std::path::PathBuf;

use cwmp_model_codegen::rust::Serde;
use cwmp_model_codegen::Config;

/// The device descriptions compiled, and their module names.
const DEVICES: &[&str] = &[
    "aastra-6700i.xml",
    "grandstream-gxp2140.xml",
    "sangoma-vega.xml",
    "rdk-gateway.xml",
    "dimark-client.xml",
];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut config = Config::new();
    config
        .search_path("models")
        .runtime_path("::cwmp_model_runtime")
        .serde(Serde::Feature("serde".into()))
        .out_dir(out.join("models"));
    if let Err(e) = std::fs::create_dir_all(out.join("models")) {
        panic!("cannot create {}: {e}", out.join("models").display());
    }
    for device in DEVICES {
        if let Err(e) = config.compile(PathBuf::from("models").join(device)) {
            // A build script reports by failing; cargo shows this text.
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
}
