//! The documentation generator: golden files of the three formats for the fixture
//! device (`tests/fixtures/docs`; `CWMP_MODEL_BLESS=1` rewrites them), properties
//! every output must have (links resolve, CSV parses back, secrets stay secret),
//! and, with `CWMP_MODEL_BBF` set, the BBF corpus rendered with no template left.

mod common;

use cwmp_model_codegen::docs::markup::{self, Definitions};
use cwmp_model_codegen::docs::{self, Format};
use cwmp_model_codegen::ir::Device;
use cwmp_model_codegen::select::Selection;
use cwmp_model_codegen::{Session, Settings};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docs")
}

/// Resolves the files as one device, as `cwmp-model docs` does.
fn device(files: &[PathBuf], search: &[PathBuf]) -> (Device, Definitions) {
    let mut s = Session::new(&Settings {
        search_path: search.to_vec(),
        lenient: false,
    });
    let docs: Vec<_> = files
        .iter()
        .map(|f| s.load(f).unwrap_or_else(|| panic!("{} loads", f.display())))
        .collect();
    let d = s
        .device(&docs, None, &Selection::default(), &[])
        .unwrap_or_else(|| panic!("{}", s.render_diagnostics().join("\n")));
    (d, Definitions::from_sources(s.sources()))
}

fn fixture_device() -> (Device, Definitions) {
    let f = fixtures();
    device(
        &[f.join("tr-950-1-0-0.xml"), f.join("tr-951-1-0-0.xml")],
        &[],
    )
}

fn bless() -> bool {
    std::env::var_os("CWMP_MODEL_BLESS").is_some_and(|v| v != "0")
}

/// The first line where two texts differ, for a readable failure.
fn first_difference(want: &str, got: &str) -> String {
    for (i, (w, g)) in want.lines().zip(got.lines()).enumerate() {
        if w != g {
            return format!("line {}:\n  expected: {w}\n  got:      {g}", i + 1);
        }
    }
    format!(
        "lengths differ: expected {} lines, got {}",
        want.lines().count(),
        got.lines().count()
    )
}

#[test]
fn golden_files_of_the_fixture_device() {
    let (d, defs) = fixture_device();
    let mut stale = Vec::new();
    for format in Format::ALL {
        let got = docs::render_with(&d, format, &defs);
        let path = fixtures().join(format!("expected.{}", format.extension()));
        if bless() {
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if want != got {
            stale.push(format!(
                "{} differs ({})",
                path.display(),
                first_difference(&want, &got)
            ));
        }
    }
    assert!(
        stale.is_empty(),
        "{}\nregenerate with: CWMP_MODEL_BLESS=1 cargo test -p cwmp-model-codegen --test docs",
        stale.join("\n")
    );
}

/// Parses RFC 4180 CSV strictly: CRLF record ends, quoted fields with doubled quotes.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    quoted = false;
                    assert!(
                        matches!(chars.peek(), None | Some(',' | '\r')),
                        "text after a closing quote"
                    );
                }
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            '"' => panic!("quote inside an unquoted field: {field}"),
            ',' => {
                record.push(std::mem::take(&mut field));
                at_start = true;
            }
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                at_start = true;
            }
            '\n' => panic!("bare LF outside quotes"),
            c => {
                field.push(c);
                at_start = false;
            }
        }
    }
    assert!(!quoted, "unterminated quoted field");
    assert!(
        record.is_empty() && field.is_empty(),
        "last record lacks CRLF"
    );
    records
}

#[test]
fn csv_parses_back_with_one_record_per_item() {
    let (d, defs) = fixture_device();
    let csv = docs::render_with(&d, Format::Csv, &defs);
    let records = parse_csv(&csv);
    let header = &records[0];
    assert_eq!(header[0], "Path");
    assert!(records.iter().all(|r| r.len() == header.len()));
    let items: usize = d
        .models
        .iter()
        .map(|m| m.objects.iter().filter(|o| !o.path.is_empty()).count() + m.parameter_count())
        .sum();
    assert_eq!(records.len(), items + 1);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let notes = records
        .iter()
        .find(|r| r[0] == "Device.Info.Notes")
        .expect("Notes row");
    assert_eq!(notes[col("Default")], "a, \"b\"");
    assert!(notes[col("Description")].starts_with(
        "Free text: commas, \"quotes\", a pipe | and <tag> & *stars* _under_ `ticks`."
    ));
    assert!(
        notes[col("Description")].contains("\n* one item\n  * a nested item\n1. a numbered item")
    );
    let service = records
        .iter()
        .find(|r| r[0] == "Device.Services.FixService.{i}.Level")
        .expect("service parameter mounted under Device.Services.");
    assert_eq!(service[col("Units")], "dB");
    assert_eq!(service[col("Model")], "FixService:1.0");
    let vendor = records
        .iter()
        .find(|r| r[0] == "Device.X_EXAMPLE-COM_Debug.LogLevel")
        .unwrap();
    assert_eq!(vendor[col("Vendor")], "EXAMPLE-COM");
}

#[test]
fn hidden_and_secured_values_are_never_shown() {
    let (d, defs) = fixture_device();
    for format in Format::ALL {
        let out = docs::render_with(&d, format, &defs);
        assert!(!out.contains("never-shown"), "{format:?} shows a secret");
        assert!(out.contains("hidden") && out.contains("secured"));
    }
}

/// Anchors are unique, and every `#anchor` link of a Markdown or HTML output
/// names one of them.
fn check_links(out: &str, link: &str, anchor: &str) {
    let mut ids = HashSet::new();
    for id in out
        .split(anchor)
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
    {
        assert!(ids.insert(id), "anchor {id} appears twice");
    }
    assert!(!ids.is_empty());
    for part in out.split(link).skip(1) {
        let end = part.find([')', '"']).unwrap();
        let target = &part[..end];
        assert!(ids.contains(target), "dangling link #{target}");
    }
}

#[test]
fn links_resolve_and_html_is_self_contained() {
    let (d, defs) = fixture_device();
    let md = docs::render_with(&d, Format::Markdown, &defs);
    check_links(&md, "](#", "<a id=\"");
    let html = docs::render_with(&d, Format::Html, &defs);
    check_links(&html, "href=\"#", " id=\"");
    for fetch in ["src=", "http://", "https://", "@import", "url("] {
        assert!(
            !html.contains(fetch),
            "HTML refers to an outside resource: {fetch}"
        );
    }
    assert_eq!(html.matches("<script>").count(), 1);
    assert!(!html.contains("<tag>") && html.contains("&lt;tag&gt; &amp; *stars*"));
    assert!(html.contains("@media print"));
    assert!(html.contains("id=\"filter\""));
    // Every path has its anchor.
    for m in &d.models {
        for o in m.objects.iter().filter(|o| !o.path.is_empty()) {
            let mount = if m.is_service { "Device.Services." } else { "" };
            let id = format!("id=\"{mount}{}\"", o.path.replace("{i}", "i"));
            assert!(html.contains(&id), "no {id}");
        }
    }
}

#[test]
fn formats_parse_from_names() {
    assert_eq!(Format::parse("md"), Some(Format::Markdown));
    assert_eq!(Format::parse("HTML"), Some(Format::Html));
    assert_eq!(Format::parse("csv"), Some(Format::Csv));
    assert_eq!(Format::parse("pdf"), None);
    // `render` works without definitions: templates show their names.
    let (d, _) = fixture_device();
    let md = docs::render(&d, Format::Markdown);
    assert!(md.contains("`FIX-NOTE`"));
    assert!(!md.contains("{{"));
}

#[test]
fn bbf_models_render_with_no_template_left() {
    let Some(dir) = common::corpus() else { return };
    for file in [
        "tr-181-2-17-0-cwmp.xml",
        "tr-104-2-0-2-cwmp.xml",
        "tr-106-1-2-0.xml",
    ] {
        let (d, defs) = device(&[dir.join(file)], std::slice::from_ref(&dir));
        for format in Format::ALL {
            let start = Instant::now();
            let out = docs::render_with(&d, format, &defs);
            eprintln!(
                "{file} {format:?}: {} bytes in {:?}",
                out.len(),
                start.elapsed()
            );
            match format {
                Format::Markdown => check_links(&out, "](#", "<a id=\""),
                Format::Html => check_links(&out, "href=\"#", " id=\""),
                Format::Csv => {}
            }
            if let Some(at) = out.find("{{") {
                let from = out[..at]
                    .char_indices()
                    .rev()
                    .nth(120)
                    .map_or(0, |(i, _)| i);
                let to = (at + 120).min(out.len());
                let to = (to..out.len())
                    .find(|&i| out.is_char_boundary(i))
                    .unwrap_or(out.len());
                panic!("{file} {format:?} leaves a template: …{}…", &out[from..to]);
            }
        }
    }
}

#[test]
fn every_template_the_corpus_uses_is_known() {
    let Some(dir) = common::corpus() else { return };
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().and_then(|e| e.to_str()) != Some("xml") {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        for part in text.split("{{").skip(1) {
            let name: String = part.chars().take_while(char::is_ascii_alphabetic).collect();
            *used.entry(name).or_default() += 1;
        }
    }
    let unknown: Vec<String> = used
        .iter()
        .filter(|(n, _)| !markup::KNOWN_TEMPLATES.contains(&n.as_str()))
        .map(|(n, c)| format!("{{{{{n}}}}} ({c} uses)"))
        .collect();
    eprintln!("templates used by the corpus: {used:?}");
    assert!(
        unknown.is_empty(),
        "templates rendered only by the generic rule: {}",
        unknown.join(", ")
    );
}
