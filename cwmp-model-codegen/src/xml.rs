//! The raw syntax tree: an XML document read into elements that keep their byte
//! offsets, with the internal DTD entities of BBF files expanded and every hostile
//! construct (external entities, entity bombs, deep nesting, huge values) refused.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;

/// Largest input file we read (the largest BBF file is under 3 MiB).
pub const MAX_FILE_BYTES: usize = 64 << 20;
/// Deepest element nesting accepted (BBF documents nest fewer than 12 levels).
pub const MAX_DEPTH: usize = 128;
/// Longest attribute value or text run accepted, after expansion.
pub const MAX_VALUE_BYTES: usize = 1 << 20;
/// Total bytes that entity expansion may add to one document.
const MAX_EXPANSION_BYTES: usize = 4 << 20;
/// How deeply entity definitions may refer to one another.
const MAX_ENTITY_NESTING: usize = 8;

/// An attribute. Its position is found again in the source text when a message
/// needs it ([`Element::attr_offset`]), which keeps large documents small in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    /// Qualified name as written (`xsi:schemaLocation`, `name`).
    pub name: Box<str>,
    /// Value with references expanded and white space normalized as XML requires.
    pub value: Box<str>,
}

/// An element with its children and its text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Element {
    /// Qualified name as written.
    pub qname: Box<str>,
    /// Attributes in document order.
    pub attrs: Vec<Attr>,
    /// Child elements in document order.
    pub children: Vec<Element>,
    /// Character data directly inside this element, concatenated, entities expanded.
    pub text: String,
    /// Byte offset of the `<` that opens the element.
    pub offset: u32,
}

impl Element {
    /// The name without its namespace prefix: BBF readers match on this.
    pub fn local_name(&self) -> &str {
        local(&self.qname)
    }

    /// The prefix of the element name, if any.
    pub fn prefix(&self) -> Option<&str> {
        self.qname.split_once(':').map(|(p, _)| p)
    }

    /// An attribute by its exact (unprefixed) name.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| &*a.name == name)
            .map(|a| &*a.value)
    }

    /// An attribute that names something, with stray surrounding white space removed
    /// (some BBF files write `name="Queueing "`).
    pub fn name_attr(&self, name: &str) -> Option<&str> {
        self.attr(name).map(str::trim)
    }

    /// Byte offset of an attribute's name in `source` (the text this element was
    /// parsed from); the element's own offset when the attribute is absent.
    pub fn attr_offset(&self, name: &str, source: &str) -> u32 {
        let start = self.offset as usize;
        let tag = source.get(start..).unwrap_or_default();
        let tag = &tag[..tag.find('>').map_or(tag.len(), |e| e + 1)];
        let mut from = 0;
        while let Some(i) = tag[from..].find(name) {
            let at = from + i;
            let before_ok = tag[..at].ends_with(|c: char| c.is_whitespace());
            let after = tag[at + name.len()..].trim_start();
            if before_ok && after.starts_with('=') {
                return (start + at) as u32;
            }
            from = at + name.len();
        }
        self.offset
    }

    /// Child elements with a given local name.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.local_name() == name)
    }

    /// The first child with a given local name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.local_name() == name)
    }

    /// The namespace URI bound to this element's prefix by its own attributes.
    pub fn own_namespace(&self) -> Option<&str> {
        let want = match self.prefix() {
            Some(p) => format!("xmlns:{p}"),
            None => "xmlns".to_string(),
        };
        self.attr(&want)
    }
}

/// A processing instruction directly inside the root element
/// (`<?cwmp-model claims="Baseline:1"?>`): the one channel for our own
/// statements that the BBF schemas leave valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    /// The target (`cwmp-model`).
    pub target: Box<str>,
    /// Everything after the target, trimmed.
    pub content: Box<str>,
    /// Byte offset of the `<?`.
    pub offset: u32,
}

impl Instruction {
    /// The content read as pseudo-attributes (`name="value"`, as in
    /// `xml-stylesheet`), in order; `None` when it is not of that form.
    pub fn pseudo_attrs(&self) -> Option<Vec<(&str, &str)>> {
        let mut out = Vec::new();
        let mut rest = self.content.trim_start();
        while !rest.is_empty() {
            let (name, after) = rest.split_once('=')?;
            let after = after.trim_start();
            let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
            let (value, tail) = after[1..].split_once(quote)?;
            out.push((name.trim(), value));
            rest = tail.trim_start();
        }
        Some(out)
    }
}

/// A parsed document: its root element and the processing instructions
/// directly inside it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// The root element.
    pub root: Element,
    /// Processing instructions that are children of the root, in order.
    pub instructions: Vec<Instruction>,
}

/// The local part of a qualified name.
pub fn local(qname: &str) -> &str {
    qname.rsplit_once(':').map_or(qname, |(_, l)| l)
}

/// Why a document could not be read, with the byte offset where it went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct XmlError {
    /// What went wrong.
    pub message: String,
    /// Where.
    pub offset: u32,
}

fn err(offset: usize, message: impl Into<String>) -> XmlError {
    XmlError {
        message: message.into(),
        offset: offset as u32,
    }
}

/// Parses a whole document and returns its root element.
pub fn parse(text: &str) -> Result<Element, XmlError> {
    parse_document(text).map(|d| d.root)
}

/// Parses a whole document: its root element and the processing
/// instructions directly inside the root.
pub fn parse_document(text: &str) -> Result<Document, XmlError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(err(
            0,
            format!("file is larger than {MAX_FILE_BYTES} bytes"),
        ));
    }
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.expand_empty_elements = false;
    config.trim_text(false);

    let mut entities = Entities::default();
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut instructions = Vec::new();
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            let at = reader.error_position() as usize;
            err(at, format!("malformed XML: {e}"))
        })?;
        match event {
            Event::Start(start) | Event::Empty(start) if root.is_some() && stack.is_empty() => {
                let _ = start;
                return Err(err(before, "a document has only one root element"));
            }
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(err(
                        before,
                        format!("elements nest deeper than {MAX_DEPTH} levels"),
                    ));
                }
                stack.push(element(&start, before, &mut entities)?);
            }
            Event::Empty(start) => {
                let el = element(&start, before, &mut entities)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::End(_) => {
                let mut el = stack
                    .pop()
                    .ok_or_else(|| err(before, "unexpected closing tag"))?;
                // Indentation between child elements is not content; dropping it halves
                // the memory a large model takes.
                if !el.children.is_empty() && el.text.trim().is_empty() {
                    el.text = String::new();
                }
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::Text(t) => {
                let raw = t.xml10_content();
                append_text(&mut stack, &raw, before, &mut entities)?;
            }
            Event::CData(c) => {
                let raw = c.xml10_content();
                if let Some(top) = stack.last_mut() {
                    push_bounded(&mut top.text, &raw, before)?;
                }
            }
            Event::GeneralRef(r) => {
                let name = r.xml10_content();
                let expanded = entities.resolve(&name, before)?;
                if let Some(top) = stack.last_mut() {
                    push_bounded(&mut top.text, &expanded, before)?;
                }
            }
            Event::DocType(d) => {
                if root.is_some() || !stack.is_empty() {
                    return Err(err(before, "DOCTYPE after the root element"));
                }
                entities = Entities::from_doctype(&d.xml10_content(), before)?;
            }
            Event::PI(pi) if stack.len() == 1 => {
                instructions.push(Instruction {
                    target: pi.target().into(),
                    content: pi.content().trim().into(),
                    offset: before as u32,
                });
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(open) = stack.last() {
        return Err(err(
            text.len(),
            format!("unexpected end of file: <{}> is not closed", open.qname),
        ));
    }
    let root = root.ok_or_else(|| err(0, "no root element: the file holds no XML document"))?;
    Ok(Document { root, instructions })
}

fn append_text(
    stack: &mut [Element],
    raw: &str,
    at: usize,
    entities: &mut Entities,
) -> Result<(), XmlError> {
    match stack.last_mut() {
        Some(top) if !raw.contains('&') => push_bounded(&mut top.text, raw, at),
        Some(top) => {
            let expanded = entities.expand(raw, at)?;
            push_bounded(&mut top.text, &expanded, at)
        }
        None if raw.trim().is_empty() => Ok(()),
        None => Err(err(at, "text outside the root element")),
    }
}

fn push_bounded(buf: &mut String, more: &str, at: usize) -> Result<(), XmlError> {
    if buf.len() + more.len() > MAX_VALUE_BYTES {
        return Err(err(at, format!("text longer than {MAX_VALUE_BYTES} bytes")));
    }
    buf.push_str(more);
    Ok(())
}

fn element(
    start: &BytesStart<'_>,
    offset: usize,
    entities: &mut Entities,
) -> Result<Element, XmlError> {
    let qname: Box<str> = start.name().as_ref().into();
    let mut attrs = Vec::new();
    for a in start.attributes().with_checks(true) {
        let a = a.map_err(|e| err(offset, format!("malformed attribute: {e}")))?;
        let name: Box<str> = a.key.as_ref().into();
        if a.value.len() > MAX_VALUE_BYTES {
            return Err(err(
                offset,
                format!("attribute `{name}` is longer than {MAX_VALUE_BYTES} bytes"),
            ));
        }
        let value = entities.expand(&a.value, offset)?.into_boxed_str();
        attrs.push(Attr { name, value });
    }
    Ok(Element {
        qname,
        attrs,
        children: Vec::new(),
        text: String::new(),
        offset: offset as u32,
    })
}

/// The general entities a document declares in its internal DTD subset, already
/// expanded, and the expansion budget left.
struct Entities {
    defs: HashMap<String, String>,
    budget: usize,
}

impl Default for Entities {
    fn default() -> Self {
        Entities {
            defs: HashMap::new(),
            budget: MAX_EXPANSION_BYTES,
        }
    }
}

impl Entities {
    fn from_doctype(doctype: &str, at: usize) -> Result<Self, XmlError> {
        let mut out = Entities::default();
        let Some(open) = doctype.find('[') else {
            if doctype.contains("SYSTEM") || doctype.contains("PUBLIC") {
                return Err(err(at, "external DTDs are not supported"));
            }
            return Ok(out);
        };
        let head = &doctype[..open];
        if head.contains("SYSTEM") || head.contains("PUBLIC") {
            return Err(err(at, "external DTDs are not supported"));
        }
        let subset = strip_comments(&doctype[open + 1..]);
        let mut rest = subset.as_str();
        while let Some(i) = rest.find("<!") {
            rest = &rest[i + 2..];
            let end =
                decl_end(rest).ok_or_else(|| err(at, "unterminated declaration in DOCTYPE"))?;
            let decl = &rest[..end];
            rest = &rest[end + 1..];
            let Some(body) = decl.strip_prefix("ENTITY") else {
                // ELEMENT / ATTLIST declarations carry no values we need.
                continue;
            };
            let body = body.trim_start();
            if body.starts_with('%') {
                return Err(err(at, "parameter entities are not supported"));
            }
            let (name, def) = body
                .split_once(char::is_whitespace)
                .ok_or_else(|| err(at, format!("malformed entity declaration `<!{decl}>`")))?;
            let def = def.trim();
            let quote = def.chars().next().filter(|c| *c == '"' || *c == '\'');
            let Some(q) = quote else {
                return Err(err(
                    at,
                    format!(
                        "external entity `{name}` refused: only internal entities are expanded"
                    ),
                ));
            };
            let value = def[1..]
                .split_once(q)
                .map(|(v, _)| v)
                .ok_or_else(|| err(at, format!("unterminated value of entity `{name}`")))?;
            let expanded = out.expand_nested(value, at, 0)?;
            // The first declaration of an entity wins (XML 1.0 section 4.2).
            out.defs.entry(name.to_string()).or_insert(expanded);
        }
        Ok(out)
    }

    fn charge(&mut self, n: usize, at: usize) -> Result<(), XmlError> {
        self.budget = self.budget.checked_sub(n).ok_or_else(|| {
            err(
                at,
                "entity expansion exceeds its limit (a billion-laughs document?)",
            )
        })?;
        Ok(())
    }

    fn resolve(&mut self, name: &str, at: usize) -> Result<String, XmlError> {
        if let Some(c) = name.strip_prefix('#') {
            let code = match c.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => c.parse::<u32>().ok(),
            };
            return code
                .and_then(char::from_u32)
                .map(String::from)
                .ok_or_else(|| err(at, format!("invalid character reference `&{name};`")));
        }
        let predefined = match name {
            "lt" => Some("<"),
            "gt" => Some(">"),
            "amp" => Some("&"),
            "apos" => Some("'"),
            "quot" => Some("\""),
            _ => None,
        };
        if let Some(p) = predefined {
            return Ok(p.to_string());
        }
        let value = self
            .defs
            .get(name)
            .cloned()
            .ok_or_else(|| err(at, format!("undefined entity `&{name};`")))?;
        self.charge(value.len(), at)?;
        Ok(value)
    }

    /// Expands references in an entity value while the DTD is read.
    fn expand_nested(&mut self, raw: &str, at: usize, depth: usize) -> Result<String, XmlError> {
        if depth > MAX_ENTITY_NESTING {
            return Err(err(at, "entities nest too deeply"));
        }
        let mut out = String::new();
        let mut rest = raw;
        while let Some(i) = rest.find('&') {
            out.push_str(&rest[..i]);
            let end = rest[i..]
                .find(';')
                .ok_or_else(|| err(at, "`&` without `;` in an entity value"))?;
            let name = &rest[i + 1..i + end];
            match name {
                "lt" | "gt" | "amp" | "apos" | "quot" => {
                    // Predefined references in entity values stay escaped until use.
                    out.push_str(&rest[i..i + end + 1]);
                }
                _ if name.starts_with('#') => out.push_str(&self.resolve(name, at)?),
                _ => {
                    let v = self.resolve(name, at)?;
                    out.push_str(&self.expand_nested(&v, at, depth + 1)?);
                }
            }
            rest = &rest[i + end + 1..];
        }
        out.push_str(rest);
        self.charge(out.len(), at)?;
        Ok(out)
    }

    /// Expands every reference in text or an attribute value.
    ///
    fn expand(&mut self, raw: &str, at: usize) -> Result<String, XmlError> {
        // Attribute values keep literal white space: XML would turn a literal CR LF
        // into a space, but the BBF's flattened `-full.xml` files write the value
        // "\r\n" (CSV RowSeparator defaults) as literal characters where the modular
        // files write `&#13;&#10;`, and both must read as the same default.
        if !raw.contains('&') {
            return Ok(raw.to_string());
        }
        let mut out = String::with_capacity(raw.len());
        let mut rest = raw;
        loop {
            let Some(i) = rest.find('&') else {
                out.push_str(rest);
                break;
            };
            out.push_str(&rest[..i]);
            let end = rest[i..]
                .find(';')
                .filter(|&e| e <= 64)
                .ok_or_else(|| err(at, "`&` that starts no reference (write `&amp;`)"))?;
            let name = &rest[i + 1..i + end];
            let value = self.resolve(name, at)?;
            // Replacement text of entities may itself hold predefined references.
            let custom =
                !matches!(name, "lt" | "gt" | "amp" | "apos" | "quot") && !name.starts_with('#');
            if custom && value.contains('&') {
                out.push_str(
                    &quick_xml::escape::unescape(&value).map_err(|e| err(at, e.to_string()))?,
                );
            } else {
                out.push_str(&value);
            }
            if out.len() > MAX_VALUE_BYTES {
                return Err(err(
                    at,
                    format!("value longer than {MAX_VALUE_BYTES} bytes after expansion"),
                ));
            }
            rest = &rest[i + end + 1..];
        }
        Ok(out)
    }
}

fn strip_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        match rest[i..].find("-->") {
            Some(e) => rest = &rest[i + e + 3..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// Index of the `>` that ends a markup declaration, skipping quoted values.
fn decl_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_elements_attributes_and_text() {
        let doc = parse(r#"<?xml version="1.0"?><dm:document xmlns:dm="urn:x" a="1 &amp;&#9;2	x"><b>x &lt; y</b><c/></dm:document>"#).unwrap();
        assert_eq!(doc.local_name(), "document");
        assert_eq!(doc.prefix(), Some("dm"));
        assert_eq!(doc.own_namespace(), Some("urn:x"));
        assert_eq!(doc.attr("a"), Some("1 &\t2\tx"));
        assert_eq!(doc.child("b").unwrap().text, "x < y");
        assert_eq!(doc.children.len(), 2);
        assert_eq!(doc.child("c").unwrap().offset, 85);
        let src = "<r>\n <p  version = \"1\" name=\"x\"/></r>";
        let p = parse(src).unwrap().children.remove(0);
        assert_eq!(p.attr_offset("name", src), 23);
        assert_eq!(p.attr_offset("version", src), 9);
        assert_eq!(p.attr_offset("missing", src), 5);
    }

    #[test]
    fn expands_internal_entities_in_text_and_attributes() {
        let doc = parse(
            "<!DOCTYPE d [\n <!ENTITY octet \"(25[0-5]|[01]?\\d?\\d)\"> <!-- c -->\n <!ENTITY dot \"\\.\">\n <!ENTITY ip \"&octet;&dot;&octet;\">\n]>\n<d><p value=\"&ip;\"/>&dot;</d>",
        )
        .unwrap();
        assert_eq!(
            doc.child("p").unwrap().attr("value"),
            Some("(25[0-5]|[01]?\\d?\\d)\\.(25[0-5]|[01]?\\d?\\d)")
        );
        assert_eq!(doc.text, "\\.");
    }

    #[test]
    fn refuses_external_entities() {
        let e = parse("<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><d>&x;</d>")
            .unwrap_err();
        assert!(e.message.contains("external entity `x` refused"), "{e}");
        let e = parse("<!DOCTYPE d SYSTEM \"http://example.com/x.dtd\"><d/>").unwrap_err();
        assert!(e.message.contains("external DTD"), "{e}");
    }

    #[test]
    fn bounds_entity_expansion() {
        let mut dtd = String::from("<!DOCTYPE d [<!ENTITY l0 \"lollollollollollollollollollol\">");
        for i in 1..10 {
            let p = i - 1;
            dtd.push_str(&format!(
                "<!ENTITY l{i} \"&l{p};&l{p};&l{p};&l{p};&l{p};&l{p};&l{p};&l{p};&l{p};&l{p};\">"
            ));
        }
        dtd.push_str("]><d>&l9;</d>");
        let e = parse(&dtd).unwrap_err();
        assert!(e.message.contains("entit"), "{e}");
    }

    #[test]
    fn rejects_malformed_input() {
        for bad in [
            "",
            "<a>",
            "<a></b>",
            "<a x=\"1\" x=\"2\"/>",
            "<a>&undefined;</a>",
            "<a/><b/>",
            "<a>&#xFFFFFFFF;</a>",
            "<a b=\"1\"",
            "text",
        ] {
            assert!(parse(bad).is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn bounds_nesting_depth() {
        let deep = "<a>".repeat(MAX_DEPTH + 1) + &"</a>".repeat(MAX_DEPTH + 1);
        assert!(parse(&deep).unwrap_err().message.contains("nest deeper"));
        let ok = "<a>".repeat(MAX_DEPTH) + &"</a>".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn never_panics_on_truncations() {
        let doc = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY e \"v\">]><d a=\"&e;\"><x y='1'>t&amp;&e;</x><![CDATA[c]]></d>";
        for end in 0..doc.len() {
            if doc.is_char_boundary(end) {
                let _ = parse(&doc[..end]);
            }
        }
    }
}
