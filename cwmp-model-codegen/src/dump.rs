//! The flat dump: one line per object and parameter, sorted by path, for tests
//! and for comparing two ways of writing one model.

use crate::ir::{DefaultKind, Model, Object, Parameter};
use std::fmt::Write;

/// Escapes a value so that it stays on one line.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

fn opt(s: &Option<String>) -> String {
    s.as_deref().map_or_else(|| "-".to_string(), escape)
}

fn object_line(o: &Object) -> String {
    let keys = if o.unique_keys.is_empty() {
        "-".to_string()
    } else {
        o.unique_keys
            .iter()
            .map(|k| {
                format!(
                    "{}{}",
                    if k.functional { "" } else { "nf:" },
                    k.params.join(",")
                )
            })
            .collect::<Vec<_>>()
            .join(";")
    };
    format!(
        "O\t{}\taccess={}\tmin={}\tmax={}\tnumEntries={}\tenable={}\tuniqueKeys={}\tversion={}\tstatus={}",
        escape(&o.path),
        o.access.as_str(),
        o.min_entries,
        o.max_entries.map_or_else(|| "unbounded".to_string(), |m| m.to_string()),
        opt(&o.num_entries_param),
        opt(&o.enable_param),
        escape(&keys),
        o.version,
        o.status.as_str(),
    )
}

fn param_line(o: &Object, p: &Parameter) -> String {
    let s = &p.syntax;
    let default = match &s.default {
        Some(d) if matches!(d.kind, DefaultKind::Object | DefaultKind::Factory) => {
            format!("{}:{}", d.kind.as_str(), escape(&d.value))
        }
        _ => "-".to_string(),
    };
    format!(
        "P\t{}{}\tbase={}\tdataType={}\tlist={}\taccess={}\tactiveNotify={}\tforcedInform={}\thidden={}\tsecured={}\tversion={}\tstatus={}\tdefault={}",
        escape(&o.path),
        escape(&p.name),
        s.base.as_str(),
        opt(&s.data_type),
        u8::from(s.list.is_some()),
        p.access.as_str(),
        p.active_notify.as_str(),
        p.forced_inform,
        s.hidden,
        s.secured,
        p.version,
        p.status.as_str(),
        default,
    )
}

/// Dumps one model: `M <name>`, then its objects and parameters sorted by path.
pub fn dump(model: &Model) -> String {
    let mut lines: Vec<(String, String)> =
        Vec::with_capacity(model.objects.len() + model.parameter_count());
    for o in &model.objects {
        if !o.path.is_empty() {
            lines.push((o.path.clone(), object_line(o)));
        }
        for p in &o.params {
            lines.push((format!("{}{}", o.path, p.name), param_line(o, p)));
        }
    }
    lines.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut out = String::new();
    let _ = writeln!(out, "M {}", model.name);
    for (_, l) in lines {
        out.push_str(&l);
        out.push('\n');
    }
    out
}
