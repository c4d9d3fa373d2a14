//! Conformance on the official BBF corpus. CI runs these with `CWMP_MODEL_BBF`
//! pointing at `../shared/bbf` (see `.ci/run`); without it they say so and stop,
//! so that `cargo test --workspace` stays fast where the corpus is absent.

mod common;

use cwmp_model_codegen::dump::dump;
use cwmp_model_codegen::{Session, Settings};
use std::path::{Path, PathBuf};

fn errors(s: &Session) -> Vec<String> {
    s.diagnostics()
        .iter()
        .filter(|d| d.severity == cwmp_model_codegen::diag::Severity::Error)
        .map(|d| d.headline(s.sources()))
        .collect()
}

fn dump_file(path: &Path) -> (String, Vec<String>) {
    let mut s = Session::new(&Settings::default());
    let mut out = String::new();
    if let Some(doc) = s.load(path) {
        for m in s.models(doc, None) {
            out.push_str(&dump(&m));
        }
    }
    (out, errors(&s))
}

#[test]
fn every_bbf_file_checks_without_error() {
    let Some(dir) = common::corpus() else { return };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with("tr-") && n.ends_with(".xml")
        })
        .collect();
    files.sort();
    assert!(files.len() > 400, "only {} files", files.len());
    let mut failures = Vec::new();
    let mut models = 0;
    for f in &files {
        let mut s = Session::new(&Settings::default());
        if let Some(doc) = s.load(f) {
            models += s.check(doc).len();
        }
        let errs = errors(&s);
        if !errs.is_empty() {
            failures.push(format!("{}:\n  {}", f.display(), errs.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} files fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(models > 150, "only {models} models resolved");
}

#[test]
fn modular_files_equal_their_full_twins() {
    let Some(dir) = common::corpus() else { return };
    let mut pairs = 0;
    let mut mismatches = Vec::new();
    let mut fulls: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with("-full.xml"))
        .collect();
    fulls.sort();
    for full in fulls {
        let modular = PathBuf::from(full.to_string_lossy().replace("-full.xml", ".xml"));
        let (a, ea) = dump_file(&modular);
        let (b, eb) = dump_file(&full);
        assert!(ea.is_empty() && eb.is_empty(), "errors: {ea:?} {eb:?}");
        assert!(
            a.lines().count() > 50,
            "{} dumps almost nothing",
            modular.display()
        );
        pairs += 1;
        if a != b {
            let diff: Vec<String> = a
                .lines()
                .zip(b.lines())
                .filter(|(x, y)| x != y)
                .take(3)
                .map(|(x, y)| format!("  modular: {x}\n  full:    {y}"))
                .collect();
            mismatches.push(format!(
                "{} ({} vs {} lines)\n{}",
                modular.display(),
                a.lines().count(),
                b.lines().count(),
                diff.join("\n")
            ));
        }
    }
    assert_eq!(pairs, 23, "expected the 23 pairs the issue lists");
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn tr181_2_17_has_the_published_size() {
    let Some(dir) = common::corpus() else { return };
    let mut s = Session::new(&Settings::default());
    let doc = s.load(&dir.join("tr-181-2-17-0-cwmp.xml")).unwrap();
    let models = s.models(doc, None);
    assert_eq!(errors(&s), Vec::<String>::new());
    assert_eq!(models.len(), 1);
    let m = &models[0];
    assert_eq!(m.name, "Device:2.17");
    assert_eq!(m.objects.len(), 790);
    assert_eq!(m.parameter_count(), 6483);
    // Spot checks of inherited attributes.
    let di = m.object("Device.DeviceInfo.").unwrap();
    assert_eq!(di.version.to_string(), "2.0");
    let rdmv = m
        .object("Device.")
        .unwrap()
        .params
        .iter()
        .find(|p| p.name == "RootDataModelVersion")
        .unwrap();
    assert!(rdmv.forced_inform);
    assert_eq!(rdmv.version.to_string(), "2.4");
    let alias = m
        .object("Device.ATM.Link.{i}.")
        .unwrap()
        .params
        .iter()
        .find(|p| p.name == "Alias")
        .unwrap();
    assert_eq!(alias.syntax.data_type.as_deref(), Some("Alias"));
}
