//! Markdown: a summary, then one section per object (its facts and description)
//! with a table of its parameters. A table per object keeps a 6,000-parameter
//! model readable and lets GitHub render each part.

use super::markup::emit::{code_span, escape_md};
use super::{Doc, Row, Section};
use std::fmt::Write;

fn code(s: &str) -> String {
    let mut out = String::new();
    code_span(s, true, &mut out);
    out
}

fn text(s: &str) -> String {
    let mut out = String::new();
    escape_md(s, &mut out);
    out
}

/// The Type cell: the type, then values, patterns, units and notes on lines of their own.
fn type_cell(r: &Row) -> String {
    let mut parts = vec![code(&r.type_text)];
    if !r.enumerations.is_empty() {
        let v: Vec<String> = r.enumerations.iter().map(|e| code(e)).collect();
        parts.push(format!("values: {}", v.join(", ")));
    }
    if !r.patterns.is_empty() {
        let v: Vec<String> = r.patterns.iter().map(|p| code(p)).collect();
        parts.push(format!("pattern: {}", v.join(", ")));
    }
    if let Some(u) = &r.units {
        parts.push(format!("units: {}", text(u)));
    }
    for n in &r.notes {
        parts.push(text(n));
    }
    parts.join("<br>")
}

fn default_cell(r: &Row) -> String {
    use super::facets::DefaultCell;
    match &r.default {
        DefaultCell::None => String::new(),
        DefaultCell::Hidden => "*hidden*".into(),
        DefaultCell::Secured => "*secured*".into(),
        DefaultCell::Value { value, note } => {
            let v = if value.is_empty() {
                "empty string".to_string()
            } else {
                code(value)
            };
            match note {
                Some(n) => format!("{v} ({n})"),
                None => v,
            }
        }
    }
}

/// Marks under a name: status and vendor.
fn marks(r: &Row) -> String {
    let mut s = String::new();
    if let Some(st) = r.status {
        let _ = write!(s, "<br>*{}*", st.to_ascii_uppercase());
    }
    if let Some(v) = &r.vendor {
        let _ = write!(s, "<br>*vendor extension: {}*", text(v));
    }
    s
}

/// A message with `backtick` spans set as code.
fn ticks(s: &str) -> String {
    s.split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { code(part) } else { text(part) })
        .collect()
}

fn summary(doc: &Doc, out: &mut String) {
    let _ = writeln!(out, "## Summary\n");
    let _ = writeln!(out, "| | |\n| --- | --- |");
    let _ = writeln!(out, "| Device | {} |", code(&doc.device));
    let models: Vec<String> = doc
        .models
        .iter()
        .map(|m| {
            if m.service && !m.mount.is_empty() {
                format!("{} (service, at {})", code(&m.name), code(&m.mount))
            } else if m.service {
                format!("{} (service)", code(&m.name))
            } else {
                format!("{} (root)", code(&m.name))
            }
        })
        .collect();
    let _ = writeln!(out, "| Models | {} |", models.join(", "));
    let _ = writeln!(
        out,
        "| Objects | {} ({} vendor extensions) |",
        doc.objects, doc.vendor_objects
    );
    let _ = writeln!(
        out,
        "| Parameters | {} ({} vendor extensions) |",
        doc.params, doc.vendor_params
    );
    let claimed = if doc.claimed.is_empty() {
        "none".to_string()
    } else {
        doc.claimed
            .iter()
            .map(|c| code(c))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(out, "| Profiles claimed | {claimed} |");
    for c in doc.undefined_claims() {
        let _ = writeln!(
            out,
            "| Undefined claim | {} is defined by no model |",
            code(c)
        );
    }
    let _ = writeln!(out, "\n### Models\n");
    let _ = writeln!(
        out,
        "| Model | Version | Kind | Objects | Parameters |\n| --- | --- | --- | --- | --- |"
    );
    for m in &doc.models {
        let version = crate::ir::Version::of_model_name(&m.name)
            .map(|v| v.to_string())
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "| {} | {version} | {} | {} | {} |",
            code(&m.name),
            if m.service { "service" } else { "root" },
            m.objects,
            m.params
        );
    }
    if doc.profiles.is_empty() {
        return;
    }
    let satisfied = doc
        .profiles
        .iter()
        .filter(|p| p.problems.is_empty())
        .count();
    let _ = writeln!(
        out,
        "\n### Profiles\n\n{satisfied} of the {} profiles the models define are satisfied by what the device supports.\n",
        doc.profiles.len()
    );
    let _ = writeln!(
        out,
        "| Model | Profile | Claimed | Satisfied |\n| --- | --- | --- | --- |"
    );
    for p in &doc.profiles {
        let ok = match p.problems.as_slice() {
            [] => "yes".to_string(),
            [one] => format!("no: {}", ticks(one)),
            [first, more @ ..] => format!("no: {} (and {} more)", ticks(first), more.len()),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {ok} |",
            code(&p.model),
            code(&p.name),
            if p.claimed { "yes" } else { "" }
        );
    }
}

fn section(s: &Section, out: &mut String) {
    let title = if s.path.is_empty() {
        "Top-level parameters".to_string()
    } else {
        code(&s.path)
    };
    let _ = writeln!(out, "\n### <a id=\"{}\"></a>{title}\n", s.anchor);
    if let Some(o) = &s.object {
        let mut facts = vec![
            format!("Access: {}", o.access),
            format!("Type: {}", text(&o.type_text)),
            format!("Version: {}", o.version),
        ];
        if let Some(st) = o.status {
            facts.push(format!("Status: {}", st.to_ascii_uppercase()));
        }
        if let Some(v) = &o.vendor {
            facts.push(format!("Vendor extension: {}", text(v)));
        }
        facts.extend(o.notes.iter().map(|n| text(n)));
        let _ = writeln!(out, "{}\n", facts.join(" · "));
        if !o.description.is_empty() {
            let _ = writeln!(out, "{}\n", o.description.markdown());
        }
    }
    if s.params.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "| Parameter | Access | Type | Default | Notification | Version | Description |"
    );
    let _ = writeln!(out, "| --- | --- | --- | --- | --- | --- | --- |");
    for r in &s.params {
        let _ = writeln!(
            out,
            "| <a id=\"{}\"></a>{}{} | {} | {} | {} | {} | {} | {} |",
            r.anchor,
            code(&r.name),
            marks(r),
            r.access,
            type_cell(r),
            default_cell(r),
            text(&r.notification),
            r.version,
            r.description.markdown_cell(),
        );
    }
}

/// What the columns' abbreviations mean.
pub(crate) const LEGEND: &str =
    "Access: R read-only, R/W read-write, W-once writable once then read-only; \
    for tables, add/delete says whether the ACS may add or delete instances. `{i}` stands for \
    an instance number. Notification: forced inform = always sent in Inform; active \
    notification forceEnabled = always on, forceDefaultEnabled = on by default, canDeny = the \
    device may refuse it, willDeny = the device refuses it.";

pub(crate) fn write(doc: &Doc) -> String {
    let mut out = String::with_capacity(1024 * (doc.objects + doc.params + 1));
    let _ = writeln!(
        out,
        "# Supported TR-069 data model: {}\n",
        text(&doc.device)
    );
    let _ = writeln!(
        out,
        "<!-- @generated by `cwmp-model docs`; edit the model files, not this file. -->\n"
    );
    summary(doc, &mut out);
    let _ = writeln!(out, "\n## Objects and parameters\n");
    let _ = writeln!(out, "{LEGEND}");
    for s in &doc.sections {
        section(s, &mut out);
    }
    out
}
