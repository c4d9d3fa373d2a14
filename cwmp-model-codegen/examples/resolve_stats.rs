//! Loads and resolves one model file and prints how long each phase took.
//! Used for the peak-memory figure in BENCHMARKS.md:
//! `/usr/bin/time -f '%M KiB' target/release/examples/resolve_stats FILE`.

use cwmp_model_codegen::{Session, Settings};
use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: resolve_stats FILE.xml");
        std::process::exit(2);
    };
    let start = Instant::now();
    let mut session = Session::new(&Settings::default());
    let Some(doc) = session.load(path.as_ref()) else {
        eprintln!("{}", session.render_diagnostics().join("\n"));
        std::process::exit(1);
    };
    let loaded = start.elapsed();
    let models = session.models(doc, None);
    let resolved = start.elapsed() - loaded;
    for m in &models {
        println!(
            "{}: {} objects, {} parameters",
            m.name,
            m.objects.len(),
            m.parameter_count()
        );
    }
    println!(
        "load {:.1} ms, resolve {:.1} ms, {} files",
        loaded.as_secs_f64() * 1e3,
        resolved.as_secs_f64() * 1e3,
        session.sources().paths().count()
    );
}
