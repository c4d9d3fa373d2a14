//! Short notations for what an item is: `string(64)`, `unsignedInt[1:65535]`,
//! `list(1024) of IPAddress (string(45))`, access, notification rules, defaults.

use crate::ir::{
    ActiveNotify, DefaultKind, Object, ObjectAccess, ParamAccess, Parameter, Range, Size, Syntax,
};

fn size_text(z: &Size) -> Option<String> {
    Some(match (z.min, z.max) {
        (None, Some(b)) => b.to_string(),
        (Some(a), Some(b)) => format!("{a}:{b}"),
        (Some(a), None) => format!("{a}:"),
        (None, None) => return None,
    })
}

fn range_text(r: &Range) -> String {
    let mut s = format!(
        "{}:{}",
        r.min.as_deref().unwrap_or_default(),
        r.max.as_deref().unwrap_or_default()
    );
    if let Some(step) = &r.step {
        s.push_str(" step ");
        s.push_str(step);
    }
    s
}

fn sizes(list: &[Size]) -> String {
    let parts: Vec<String> = list.iter().filter_map(size_text).collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("({})", parts.join(", "))
    }
}

/// The type of a parameter with its facets: `string(64)`, `string(6:6)`,
/// `unsignedInt[1:65535]`, `IPAddress (string(45))`, `list(1024) of string(256)`.
pub(crate) fn type_text(s: &Syntax) -> String {
    let mut item = s.base.as_str().to_string();
    if s.base.is_sized() {
        item.push_str(&sizes(&s.sizes));
    }
    if s.base.is_numeric() && !s.ranges.is_empty() {
        let r: Vec<String> = s.ranges.iter().map(range_text).collect();
        item.push_str(&format!("[{}]", r.join(", ")));
    }
    if let Some(dt) = &s.data_type {
        item = format!("{dt} ({item})");
    }
    let Some(l) = &s.list else { return item };
    let mut out = format!("list{} of {item}", sizes(&l.sizes));
    match (l.min_items, l.max_items) {
        (Some(a), Some(b)) => out.push_str(&format!(", {a} to {b} items")),
        (Some(a), None) if a > 0 => out.push_str(&format!(", at least {a} items")),
        (_, Some(b)) => out.push_str(&format!(", up to {b} items")),
        _ => {}
    }
    out
}

/// What an object is: `object`, `object (optional)`, `table (0..16)`.
pub(crate) fn object_type(o: &Object) -> String {
    let max = o
        .max_entries
        .map_or_else(|| "unbounded".to_string(), |m| m.to_string());
    if o.is_table() {
        format!("table ({}..{max})", o.min_entries)
    } else if o.min_entries == 0 {
        "object (optional)".to_string()
    } else {
        "object".to_string()
    }
}

/// `R`, `R/W`, `W-once`.
pub(crate) fn param_access(a: ParamAccess) -> &'static str {
    match a {
        ParamAccess::ReadOnly => "R",
        ParamAccess::ReadWrite => "R/W",
        ParamAccess::WriteOnceReadOnly => "W-once",
    }
}

/// `R`, or for tables what the ACS may do with instances: `add`, `delete`, `add/delete`.
pub(crate) fn object_access(a: ObjectAccess) -> &'static str {
    match a {
        ObjectAccess::ReadOnly => "R",
        ObjectAccess::Create => "add",
        ObjectAccess::Delete => "delete",
        ObjectAccess::ReadWrite => "add/delete",
    }
}

/// Forced inform and active notification rules, `; `-separated; empty when normal.
pub(crate) fn notification(p: &Parameter) -> String {
    let mut parts = Vec::new();
    if p.forced_inform {
        parts.push("forced inform");
    }
    match p.active_notify {
        ActiveNotify::Normal => {}
        ActiveNotify::ForceEnabled => parts.push("active: forceEnabled"),
        ActiveNotify::ForceDefaultEnabled => parts.push("active: forceDefaultEnabled"),
        ActiveNotify::CanDeny => parts.push("active: canDeny"),
        ActiveNotify::WillDeny => parts.push("active: willDeny"),
    }
    parts.join("; ")
}

/// What the default column says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DefaultCell {
    /// No default.
    None,
    /// The value reads back empty: never shown.
    Hidden,
    /// The value reads back empty to untrusted ACSes: never shown.
    Secured,
    /// A default value, with a note for non-factory kinds.
    Value {
        value: String,
        note: Option<&'static str>,
    },
}

impl DefaultCell {
    pub(crate) fn of(s: &Syntax) -> Self {
        if s.hidden {
            return DefaultCell::Hidden;
        }
        if s.secured {
            return DefaultCell::Secured;
        }
        let Some(d) = &s.default else {
            return DefaultCell::None;
        };
        DefaultCell::Value {
            value: d.value.clone(),
            note: match d.kind {
                DefaultKind::Factory | DefaultKind::Object => None,
                DefaultKind::Implementation => Some("typical"),
                DefaultKind::Parameter => Some("from parameter"),
            },
        }
    }

    /// Plain text (CSV): the value as is, `hidden`, `secured`, or nothing.
    pub(crate) fn plain(&self) -> String {
        match self {
            DefaultCell::None => String::new(),
            DefaultCell::Hidden => "hidden".into(),
            DefaultCell::Secured => "secured".into(),
            DefaultCell::Value { value, note: None } => value.clone(),
            DefaultCell::Value {
                value,
                note: Some(n),
            } => format!("{value} ({n})"),
        }
    }
}

/// The vendor of a path under an `X_<VENDOR>_` segment (`X_EXAMPLE-COM_Foo` -> `EXAMPLE-COM`).
pub(crate) fn vendor(path: &str) -> Option<String> {
    path.split('.').find_map(|seg| {
        let rest = seg.strip_prefix("X_")?;
        Some(rest.split('_').next().unwrap_or(rest).to_string())
    })
}

/// An anchor (HTML `id`) for a path: `{i}` becomes `i`, everything else stays.
pub(crate) fn anchor(path: &str) -> String {
    if path.is_empty() {
        "top-level".into()
    } else {
        path.replace("{i}", "i")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{BaseType, ListFacet};

    #[test]
    fn types_show_their_facets() {
        let mut s = Syntax::of(BaseType::String);
        s.sizes.push(Size {
            min: None,
            max: Some(64),
        });
        assert_eq!(type_text(&s), "string(64)");
        s.sizes[0].min = Some(6);
        s.sizes[0].max = Some(6);
        assert_eq!(type_text(&s), "string(6:6)");
        let mut n = Syntax::of(BaseType::UnsignedInt);
        n.ranges.push(Range {
            min: Some("1".into()),
            max: Some("65535".into()),
            step: None,
        });
        assert_eq!(type_text(&n), "unsignedInt[1:65535]");
        let mut l = Syntax::of(BaseType::String);
        l.sizes.push(Size {
            min: None,
            max: Some(45),
        });
        l.data_type = Some("IPAddress".into());
        l.list = Some(ListFacet {
            max_items: Some(4),
            sizes: vec![Size {
                min: None,
                max: Some(1024),
            }],
            ..ListFacet::default()
        });
        assert_eq!(
            type_text(&l),
            "list(1024) of IPAddress (string(45)), up to 4 items"
        );
        assert_eq!(
            vendor("Device.X_EXAMPLE-COM_Foo.Bar"),
            Some("EXAMPLE-COM".into())
        );
        assert_eq!(vendor("Device.Foo.Bar"), None);
        assert_eq!(anchor("Device.A.{i}.B"), "Device.A.i.B");
    }
}
