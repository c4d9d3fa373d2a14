//! Generates the corpus models with the build-script API.

use std::path::PathBuf;

use cwmp_model_codegen::Config;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let bbf = std::env::var_os("CWMP_MODEL_BBF")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../../shared/bbf"));
    println!("cargo:rerun-if-env-changed=CWMP_MODEL_BBF");
    let models = [
        ("tr-106-1-0-0.xml", "Device:1.0"),
        ("tr-104-1-1-0.xml", "VoiceService:1.1"),
        ("tr-181-2-17-0-cwmp.xml", "Device:2.17"),
    ];
    for (file, model) in models {
        let mut config = Config::new();
        config.search_path(&bbf).model(model);
        if let Err(e) = config.compile(bbf.join(file)) {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
