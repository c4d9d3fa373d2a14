//! Text that descriptions refer to but items do not carry: `<template>` bodies
//! and `<dataType>` descriptions, read from the documents a session loaded.

use crate::source::{FileId, SourceMap};
use std::collections::HashMap;

/// Text defined outside items that descriptions refer to: `<template id>` bodies
/// (for `{{template|ID}}`) and data type descriptions (for `{{datatype|expand}}`).
#[derive(Debug, Clone, Default)]
pub struct Definitions {
    templates: HashMap<String, String>,
    data_types: HashMap<String, DataTypeText>,
}

/// What a `<dataType>` element says about its description.
#[derive(Debug, Clone, Default)]
struct DataTypeText {
    base: Option<String>,
    description: Option<String>,
    /// `replace` (default), `append` or `prefix` to the base type's description.
    action: Option<String>,
}

impl Definitions {
    /// No definitions: `{{template|ID}}` renders its ID, `{{datatype|expand}}` the name.
    pub fn new() -> Self {
        Self::default()
    }

    /// Collects the definitions of every file a session read. Files are visited in
    /// load order (the file named on the command line first), and the first
    /// definition of a name wins, as the nearest one does in the BBF tools.
    pub fn from_sources(sources: &SourceMap) -> Self {
        let mut d = Self::new();
        let n = sources.paths().count();
        for i in 0..n {
            d.add_document(&sources.file(FileId(i as u32)).text);
        }
        d
    }

    /// Adds the definitions of one document's text (names already known are kept).
    pub fn add_document(&mut self, xml: &str) {
        for (id, body) in scan_elements(xml, "template", "id") {
            self.templates
                .entry(id)
                .or_insert_with(|| crate::syntax::dedent(&unescape(&body)));
        }
        for (tag, body) in scan_elements_tag(xml, "dataType") {
            let Some(name) = attr_value(&tag, "name") else {
                continue;
            };
            let (description, action) = match leading_description(&body) {
                Some((d, a)) => (Some(d), a),
                None => (None, None),
            };
            // An import names a type (`ref` renames it); only what says something counts.
            let base = attr_value(&tag, "base").or_else(|| attr_value(&tag, "ref"));
            if description.is_none() && base.is_none() {
                continue;
            }
            self.data_types.entry(name).or_insert(DataTypeText {
                base,
                description,
                action,
            });
        }
    }

    /// Defines or replaces a template body.
    pub fn insert_template(&mut self, id: &str, body: &str) {
        self.templates.insert(id.to_string(), body.to_string());
    }

    /// Defines or replaces a data type's description.
    pub fn insert_data_type(&mut self, name: &str, description: &str) {
        self.data_types.insert(
            name.to_string(),
            DataTypeText {
                description: Some(description.to_string()),
                ..DataTypeText::default()
            },
        );
    }

    /// A template body.
    pub fn template(&self, id: &str) -> Option<&str> {
        self.templates.get(id).map(String::as_str)
    }

    /// A data type's description: its own, or built on (`append`, `prefix`) or
    /// inherited from its base type's.
    pub fn data_type(&self, name: &str) -> Option<String> {
        self.data_type_at(name, 0)
    }

    fn data_type_at(&self, name: &str, depth: usize) -> Option<String> {
        let d = self.data_types.get(name)?;
        let base = || {
            d.base
                .as_deref()
                .filter(|_| depth < 16)
                .and_then(|b| self.data_type_at(b, depth + 1))
        };
        match (&d.description, d.action.as_deref()) {
            (None, _) => base(),
            (Some(own), Some("append")) => Some(match base() {
                Some(b) => format!("{b}\n\n{own}"),
                None => own.clone(),
            }),
            (Some(own), Some("prefix")) => Some(match base() {
                Some(b) => format!("{own}\n\n{b}"),
                None => own.clone(),
            }),
            (Some(own), _) => Some(own.clone()),
        }
    }
}

fn unescape(s: &str) -> String {
    quick_xml::escape::unescape(s).map_or_else(|_| s.to_string(), |c| c.into_owned())
}

/// `(attribute value, inner text)` of each `<tag attr="...">...</tag>` in a document.
fn scan_elements(xml: &str, tag: &str, attr: &str) -> Vec<(String, String)> {
    scan_elements_tag(xml, tag)
        .into_iter()
        .filter_map(|(t, body)| Some((attr_value(&t, attr)?, body)))
        .collect()
}

/// `(start tag text, inner text)` of each `<tag ...>...</tag>` in a document, found
/// by a plain text scan (the documents were already parsed and checked).
fn scan_elements_tag(xml: &str, tag: &str) -> Vec<(String, String)> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = xml[from..].find(&open) {
        let start = from + at;
        from = start + open.len();
        if !xml[from..].starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/') {
            continue;
        }
        let Some(end) = xml[from..].find('>') else {
            break;
        };
        let tag_text = &xml[from..from + end];
        from += end + 1;
        if tag_text.trim_end().ends_with('/') {
            out.push((tag_text.to_string(), String::new()));
            continue;
        }
        let Some(stop) = xml[from..].find(&close) else {
            break;
        };
        out.push((tag_text.to_string(), xml[from..from + stop].to_string()));
        from += stop + close.len();
    }
    out
}

fn attr_value(tag: &str, attr: &str) -> Option<String> {
    let mut rest = tag;
    while let Some(i) = rest.find(attr) {
        let before_ok = rest[..i].ends_with(char::is_whitespace);
        let after = rest[i + attr.len()..].trim_start();
        rest = &rest[i + attr.len()..];
        if !before_ok {
            continue;
        }
        let Some(after) = after.strip_prefix('=') else {
            continue;
        };
        let after = after.trim_start();
        let quote = after.chars().next()?;
        if quote != '"' && quote != '\'' {
            continue;
        }
        let value = &after[1..];
        let end = value.find(quote)?;
        return Some(unescape(&value[..end]));
    }
    None
}

/// The text and `action` of a `<description>` that is the first child of an
/// element's content.
fn leading_description(body: &str) -> Option<(String, Option<String>)> {
    let mut rest = body.trim_start();
    while let Some(r) = rest.strip_prefix("<!--") {
        rest = r[r.find("-->")? + 3..].trim_start();
    }
    let r = rest.strip_prefix("<description")?;
    let close = r.find('>')?;
    let action = attr_value(&r[..close], "action");
    let r = &r[close + 1..];
    let end = r.find("</description>")?;
    Some((crate::syntax::dedent(&unescape(&r[..end])), action))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_are_scanned_from_documents() {
        let mut d = Definitions::new();
        d.add_document(
            r#"<dm:document>
  <template id="A">
    First &amp; only.
  </template>
  <template id='Empty'/>
  <dataType name="IPAddress" base="x">
    <!-- note -->
    <description>An IP address {{bibref|RFC791}}.</description>
    <string><size maxLength="45"/></string>
  </dataType>
  <dataType name="NoDesc"><string><pattern value="x"><description>p</description></pattern></string></dataType>
  <templates id="B">not a template</templates>
</dm:document>"#,
        );
        d.add_document(r#"<template id="A">second</template>"#);
        assert_eq!(d.template("A"), Some("First & only."));
        assert_eq!(d.template("Empty"), Some(""));
        assert_eq!(d.template("B"), None);
        assert_eq!(
            d.data_type("IPAddress").as_deref(),
            Some("An IP address {{bibref|RFC791}}.")
        );
        assert_eq!(d.data_type("NoDesc"), None);
        d.add_document(
            r#"<import file="x.xml"><dataType name="Alias"/><dataType name="Renamed" ref="_A"/></import>
<dataType name="Alias" base="_A"/>
<dataType name="_A" base="_C"><description action="replace">A.</description></dataType>
<dataType name="More" base="_A"><description action="append">More.</description></dataType>
<dataType name="Loop" base="Loop"/>"#,
        );
        assert_eq!(d.data_type("Alias").as_deref(), Some("A."));
        assert_eq!(d.data_type("Renamed").as_deref(), Some("A."));
        assert_eq!(d.data_type("More").as_deref(), Some("A.\n\nMore."));
        assert_eq!(d.data_type("Loop"), None);
        // Truncated documents do not panic.
        d.add_document("<template id=\"X\">never closed");
        d.add_document("<template id=");
        d.add_document("<dataType name=\"Y\"><description>open");
    }
}
