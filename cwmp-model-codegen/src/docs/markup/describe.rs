//! Templates that describe the item itself from its syntax and its object:
//! `{{enum}}`, `{{pattern}}`, `{{list}}`, `{{reference}}`, `{{keys}}`,
//! `{{numentries}}`, `{{units}}`, `{{null}}`, `{{maxval}}`, `{{range}}`.

use super::build::Kind;
use super::parse::{self, Node};
use super::templates::{Renderer, Target};
use crate::ir::{BaseType, PathRef, Range, Status, Syntax};

/// The smallest and largest values of a numeric base type.
fn type_bounds(base: BaseType) -> (Option<&'static str>, Option<&'static str>) {
    match base {
        BaseType::UnsignedInt => (Some("0"), Some("4294967295")),
        BaseType::Int => (Some("-2147483648"), Some("2147483647")),
        BaseType::UnsignedLong => (Some("0"), Some("18446744073709551615")),
        BaseType::Long => (Some("-9223372036854775808"), Some("9223372036854775807")),
        _ => (None, None),
    }
}

/// Plural noun for list items of a base type.
fn plural(base: BaseType) -> &'static str {
    match base {
        BaseType::String => "strings",
        BaseType::UnsignedInt => "unsigned integers",
        BaseType::Int => "integers",
        BaseType::UnsignedLong => "unsigned long integers",
        BaseType::Long => "long integers",
        BaseType::Boolean => "booleans",
        BaseType::DateTime => "date-times",
        BaseType::Base64 => "base64 values",
        BaseType::HexBinary => "hexBinary values",
        BaseType::Decimal => "decimals",
    }
}

fn range_phrase(r: &Range, base: BaseType) -> String {
    let (lo, hi) = type_bounds(base);
    let min = r.min.as_deref().or(lo).unwrap_or("-∞");
    let max = r.max.as_deref().or(hi).unwrap_or("∞");
    let mut s = format!("{min} to {max}");
    if let Some(step) = &r.step {
        s.push_str(&format!(" in steps of {step}"));
    }
    s
}

fn join_or(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

impl<'a> Renderer<'_, 'a> {
    fn syntax(&self) -> Option<&'a Syntax> {
        self.ctx.parameter.map(|p| &p.syntax)
    }

    /// A description rendered inline (an enumeration value's or a pattern's).
    fn value_description(&mut self, description: &str) {
        if description.trim().is_empty() {
            return;
        }
        self.b.text(": ");
        let was = std::mem::replace(&mut self.in_value, true);
        self.nodes(&parse::parse(description));
        self.in_value = was;
    }

    pub(super) fn enum_list(&mut self) {
        let Some(s) = self.syntax() else {
            self.b.text("the enumerated values");
            return;
        };
        if s.enumerations.is_empty() {
            if let Some(er) = &s.enumeration_ref {
                self.b.text("one of the values of ");
                let t = self.resolve(&er.target_param);
                self.param_link(&t, true);
            }
            return;
        }
        self.b.start(Kind::Paragraph);
        self.b.text("Enumeration of:");
        for e in &s.enumerations {
            self.b.start(Kind::Item {
                ordered: false,
                level: 1,
            });
            self.b.code(&e.value);
            let mut flags = Vec::new();
            if e.read_only {
                flags.push("read-only".to_string());
            }
            if e.optional {
                flags.push("optional".to_string());
            }
            if e.status != Status::Current {
                flags.push(e.status.as_str().to_ascii_uppercase());
            }
            if !flags.is_empty() {
                self.b.text(&format!(" ({})", flags.join(", ")));
            }
            self.value_description(&e.description);
        }
        self.b.start(Kind::Paragraph);
    }

    pub(super) fn pattern_list(&mut self) {
        let Some(s) = self.syntax().filter(|s| !s.patterns.is_empty()) else {
            return;
        };
        self.b.start(Kind::Paragraph);
        self.b.text("Possible patterns:");
        for p in &s.patterns {
            self.b.start(Kind::Item {
                ordered: false,
                level: 1,
            });
            if p.value.is_empty() {
                self.b.text("an empty string");
            } else {
                self.b.code(&p.value);
            }
            self.value_description(&p.description);
        }
        self.b.start(Kind::Paragraph);
    }

    pub(super) fn null(&mut self) {
        let Some(s) = self.syntax() else {
            self.b.text("null");
            return;
        };
        if s.list.is_some() {
            self.b.text("an empty string");
            return;
        }
        match s.base {
            BaseType::String | BaseType::Base64 | BaseType::HexBinary => {
                self.b.text("an empty string")
            }
            BaseType::Boolean => self.b.code("false"),
            BaseType::DateTime => self.b.code("0001-01-01T00:00:00Z"),
            _ => self.b.code("0"),
        }
    }

    pub(super) fn units(&mut self) {
        if let Some(u) = self.syntax().and_then(|s| s.units.as_deref()) {
            self.b.text(u);
        }
    }

    pub(super) fn numentries(&mut self) {
        let model = self.ctx.model;
        let table = match (self.ctx.parameter, self.ctx.object) {
            (Some(p), Some(o)) => model
                .objects
                .iter()
                .find(|t| {
                    t.num_entries_param.as_deref() == Some(p.name.as_str())
                        && t.parent.map(|i| model.objects[i].path.as_str()) == Some(&o.path)
                })
                .map(|t| Target {
                    path: t.path.clone(),
                    in_model: true,
                })
                .or_else(|| {
                    p.name
                        .strip_suffix("NumberOfEntries")
                        .map(|n| self.object_target(n))
                }),
            _ => None,
        };
        self.b.text("The number of entries in the ");
        match table {
            Some(t) => self.object_link(&t, true),
            None => self.b.text("corresponding"),
        }
        self.b.text(" table.");
    }

    pub(super) fn list(&mut self, rest: &[Vec<Node>]) {
        let mut s = String::from("Comma-separated list");
        let mut item = "strings".to_string();
        if let Some(sx) = self.syntax() {
            let mut details = Vec::new();
            if let Some(l) = &sx.list {
                match (l.min_items, l.max_items) {
                    (Some(a), Some(b)) => details.push(format!("{a} to {b} items")),
                    (Some(a), None) if a > 0 => details.push(format!("at least {a} items")),
                    (_, Some(b)) => details.push(format!("up to {b} items")),
                    _ => {}
                }
                if let Some(max) = l.sizes.iter().filter_map(|z| z.max).max() {
                    details.push(format!("maximum length {max}"));
                }
            }
            if !details.is_empty() {
                s.push_str(&format!(" ({})", details.join(", ")));
            }
            item = match &sx.data_type {
                Some(dt) => format!("{dt} values"),
                None => plural(sx.base).to_string(),
            };
            let mut facets = Vec::new();
            if sx.base.is_sized() {
                for z in &sx.sizes {
                    match (z.min, z.max) {
                        (Some(a), Some(b)) if a == b => facets.push(format!("length {a}")),
                        (Some(a), Some(b)) => facets.push(format!("length {a} to {b}")),
                        (None, Some(b)) => facets.push(format!("maximum length {b}")),
                        (Some(a), None) => facets.push(format!("minimum length {a}")),
                        (None, None) => {}
                    }
                }
            }
            if sx.base.is_numeric() && !sx.ranges.is_empty() {
                let r: Vec<String> = sx.ranges.iter().map(|r| range_phrase(r, sx.base)).collect();
                facets.push(format!("range {}", join_or(&r)));
            }
            if !facets.is_empty() {
                item.push_str(&format!(" ({} each)", facets.join(", ")));
            }
        }
        s.push_str(" of ");
        s.push_str(&item);
        self.b.text(&s);
        if let Some(a) = rest.first().filter(|a| !a.is_empty()) {
            self.b.text(", ");
            self.nodes(a);
        }
        if !matches!(self.b.last_char(), Some('.' | '!' | '?')) {
            self.b.text(".");
        }
    }

    /// Links to the objects a space-separated `targetParent` names, joined by "or".
    fn targets(&mut self, parents: &str) {
        let targets: Vec<Target> = parents
            .split_whitespace()
            .map(|p| self.object_target(p))
            .collect();
        for (i, t) in targets.iter().enumerate() {
            if i > 0 {
                self.b
                    .text(if i + 1 == targets.len() { " or " } else { ", " });
            }
            self.object_link(t, true);
        }
    }

    fn path_target(&mut self, pr: &PathRef) {
        let parents = pr.target_parent.as_deref().unwrap_or_default().trim();
        let kind = pr.target_type.as_deref().unwrap_or("any");
        if kind == "row" {
            if parents.is_empty() {
                self.b.text("a table row");
            } else {
                self.b.text("a row in the ");
                self.targets(parents);
                self.b.text(" table");
            }
            return;
        }
        self.b.text(match kind {
            "object" => "an object",
            "single" => "a single-instance object",
            "table" => "a table",
            "parameter" => "a parameter",
            _ => "a parameter or object",
        });
        if !parents.is_empty() {
            self.b.text(" within ");
            self.targets(parents);
        }
    }

    pub(super) fn reference(&mut self, rest: &[Vec<Node>]) {
        let Some(s) = self.syntax() else {
            self.b.text("a reference");
            return;
        };
        let is_list = s.list.is_some();
        let custom = rest.first().filter(|a| !a.is_empty());
        let delete = rest.get(1).is_some_and(|a| self.plain(a) == "delete");
        let subject = if is_list {
            "Each list item MUST be "
        } else {
            "The value MUST be "
        };
        let deleted = |what: &str, zero: &str| {
            if delete {
                format!(" If the referenced {what} is deleted, this object MUST also be deleted.")
            } else if is_list {
                format!(" If the referenced {what} is deleted, the corresponding item MUST be removed from the list.")
            } else {
                format!(" If the referenced {what} is deleted, the parameter value MUST be set to {zero}.")
            }
        };
        if let Some(pr) = &s.path_ref {
            self.b.text(subject);
            self.b.text("the Path Name of ");
            match custom {
                Some(a) => self.nodes(a),
                None => self.path_target(pr),
            }
            self.end_sentence();
            if delete || pr.ref_type.as_deref() == Some("strong") {
                self.b.text(&deleted("object", "an empty string"));
            }
        } else if let Some(ir) = &s.instance_ref {
            self.b.text(subject);
            self.b.text("the instance number of a row in the ");
            let t = self.object_target(&ir.target_parent);
            self.object_link(&t, true);
            self.b.text(" table");
            if !is_list {
                self.b
                    .text(", or else be 0 if no row is currently referenced");
            }
            self.b.text(".");
            if delete || ir.ref_type.as_deref() == Some("strong") {
                self.b.text(&deleted("row", "0"));
            }
        } else if let Some(er) = &s.enumeration_ref {
            self.b.text(subject);
            self.b.text("a member of the list reported by the ");
            let t = self.resolve(&er.target_param);
            self.param_link(&t, true);
            self.b.text(" parameter");
            match er.null_value.as_deref() {
                Some("") => self.b.text(", or else be an empty string"),
                Some(v) => self.b.text(&format!(", or else be \"{v}\"")),
                None => {}
            }
            self.b.text(".");
        } else {
            self.b.text(subject);
            self.b.text("the Path Name of ");
            match custom {
                Some(a) => self.nodes(a),
                None => self.b.text("an object"),
            }
            self.end_sentence();
        }
    }

    fn end_sentence(&mut self) {
        if !matches!(self.b.last_char(), Some('.' | '!' | '?')) {
            self.b.text(".");
        }
    }

    fn key_phrase(&mut self, table: &str, params: &[String]) {
        let targets: Vec<Target> = params
            .iter()
            .map(|p| Target {
                path: format!("{table}{p}"),
                in_model: true,
            })
            .collect();
        if targets.len() == 1 {
            self.b.text("a given value for ");
        } else {
            self.b.text("the same values for all of ");
        }
        for (i, t) in targets.iter().enumerate() {
            if i > 0 {
                self.b.text(if i + 1 == targets.len() {
                    " and "
                } else {
                    ", "
                });
            }
            self.param_link(t, true);
        }
    }

    pub(super) fn keys(&mut self) {
        let Some(o) = self.table() else { return };
        if o.unique_keys.is_empty() {
            return;
        }
        let enable = o.enable_param.is_some();
        let groups: Vec<(&str, Vec<&crate::ir::UniqueKey>)> = if enable {
            vec![
                (
                    "At most one entry in this table (regardless of whether or not it is enabled) can exist with ",
                    o.unique_keys.iter().filter(|k| !k.functional).collect(),
                ),
                (
                    "At most one enabled entry in this table can exist with ",
                    o.unique_keys.iter().filter(|k| k.functional).collect(),
                ),
            ]
        } else {
            vec![(
                "At most one entry in this table can exist with ",
                o.unique_keys.iter().collect(),
            )]
        };
        let mut first = true;
        for (lead, keys) in groups {
            if keys.is_empty() {
                continue;
            }
            if !first {
                self.b.text(" ");
            }
            first = false;
            self.b.text(lead);
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    self.b.text(", or with ");
                }
                self.key_phrase(&o.path, &k.params);
            }
            self.b.text(".");
        }
    }

    pub(super) fn bound(&mut self, max: bool) {
        let Some(s) = self.syntax() else {
            self.b.text(if max {
                "the maximum value"
            } else {
                "the minimum value"
            });
            return;
        };
        let written: Vec<&str> = s
            .ranges
            .iter()
            .filter_map(|r| {
                if max {
                    r.max.as_deref()
                } else {
                    r.min.as_deref()
                }
            })
            .collect();
        let pick = written.iter().copied().reduce(|a, b| {
            let (x, y) = (a.parse::<f64>(), b.parse::<f64>());
            match (x, y) {
                (Ok(x), Ok(y)) if (max && y > x) || (!max && y < x) => b,
                _ => a,
            }
        });
        let (lo, hi) = type_bounds(s.base);
        match pick.or(if max { hi } else { lo }) {
            Some(v) => self.b.code(v),
            None => self.b.text(if max {
                "the maximum value"
            } else {
                "the minimum value"
            }),
        }
    }

    pub(super) fn range(&mut self) {
        let Some(s) = self.syntax() else {
            self.b.text("the range of values");
            return;
        };
        let parts: Vec<String> = if s.ranges.is_empty() {
            match type_bounds(s.base) {
                (Some(lo), Some(hi)) => vec![format!("{lo} to {hi}")],
                _ => Vec::new(),
            }
        } else {
            s.ranges.iter().map(|r| range_phrase(r, s.base)).collect()
        };
        if parts.is_empty() {
            self.b.text("any value");
        } else {
            self.b.text(&join_or(&parts));
        }
    }
}
