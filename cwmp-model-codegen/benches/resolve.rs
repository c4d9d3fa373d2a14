//! Resolving TR-181 2.17 with all its imports, against reading the same files
//! as plain XML (the floor any resolver pays), measured in the same run.

use criterion::{criterion_group, criterion_main, Criterion};
use cwmp_model_codegen::{Session, Settings};
use std::path::PathBuf;

fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("CWMP_MODEL_BBF")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/bbf"));
    dir.join("tr-181-2-17-0-cwmp.xml").is_file().then_some(dir)
}

fn bench(c: &mut Criterion) {
    let Some(dir) = corpus() else {
        eprintln!("resolve benchmark: BBF corpus not found; set CWMP_MODEL_BBF");
        return;
    };
    let root = dir.join("tr-181-2-17-0-cwmp.xml");
    let mut probe = Session::new(&Settings::default());
    let doc = probe.load(&root).expect("corpus file loads");
    let models = probe.models(doc, None);
    assert_eq!(models[0].objects.len(), 790);
    let files: Vec<PathBuf> = probe.sources().paths().map(PathBuf::from).collect();
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();

    let mut group = c.benchmark_group("tr-181-2.17");
    group.sample_size(20);
    group.bench_function("baseline: parse the same files to element trees", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| cwmp_model_codegen::xml::parse(t).unwrap().children.len())
                .sum::<usize>()
        })
    });
    group.bench_function("resolve Device:2.17 with all imports", |b| {
        b.iter(|| {
            let mut s = Session::new(&Settings::default());
            let doc = s.load(&root).unwrap();
            s.models(doc, None).len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
