//! Bytes to a small element tree: character decoding, then quick-xml events
//! folded into [`Element`]s with namespaces resolved, all under [`Limits`].
//!
//! A tree (rather than streaming straight into typed structs) keeps the
//! message parsers simple and order-independent, which is what sloppy ACSes
//! need; the limits keep its size proportional to a bounded input.

use std::borrow::Cow;
use std::collections::HashMap;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event as XmlEvent};
use quick_xml::reader::Reader;
use quick_xml::XmlVersion;

use super::error::{clip, Limits, ParseErrorKind, MAX_DEPTH_CEILING};

/// One XML element with its text and child elements.
#[derive(Debug, Default)]
pub(crate) struct Element {
    /// Local name (prefix removed).
    pub local: String,
    /// Resolved namespace URI; `None` when unqualified or the prefix is unbound.
    pub ns: Option<String>,
    /// Attributes, keyed by local name.
    pub attrs: Vec<Attr>,
    /// Namespace declarations made on this element (`prefix`, URI).
    pub ns_decls: Vec<(Option<String>, String)>,
    /// Child elements in document order.
    pub children: Vec<Element>,
    /// All character data directly inside (text, CDATA, references), concatenated.
    pub text: String,
}

/// One attribute, its value already unescaped.
#[derive(Debug)]
pub(crate) struct Attr {
    /// Local name (prefix removed).
    pub local: String,
    /// Normalized value.
    pub value: String,
}

impl Element {
    /// The first child with this local name; an ASCII case-insensitive match
    /// is accepted when no exact one exists (some ACSes miscapitalize).
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.local == name).or_else(|| {
            self.children
                .iter()
                .find(|c| c.local.eq_ignore_ascii_case(name))
        })
    }

    /// The first child with exactly this local name (for names that differ
    /// from a sibling's only by case, like SOAP `faultcode` and CWMP `FaultCode`).
    pub fn child_exact(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.local == name)
    }

    /// The value of the attribute with this local name, whatever its prefix.
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.local == local)
            .map(|a| a.value.as_str())
    }
}

/// The encodings recognised, from the BOM or the XML declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Charset {
    Utf8,
    Latin1,
    Latin9,
    Windows1252,
}

/// Decodes the raw envelope to UTF-8.
///
/// Order: a BOM wins (UTF-8, UTF-16LE/BE); else the XML declaration's
/// `encoding` (UTF-8, US-ASCII, ISO-8859-1, ISO-8859-15, windows-1252;
/// others are an error); else UTF-8. Two sender mistakes are repaired:
/// bytes that are not valid UTF-8 under a UTF-8 (or absent, or ASCII) label
/// are read as ISO-8859-1 (every byte sequence is valid Latin-1), and
/// non-ASCII valid UTF-8 under a single-byte label is read as UTF-8.
pub(crate) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, ParseErrorKind> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(utf8_or_latin1(rest));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes).map(Cow::Owned);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes).map(Cow::Owned);
    }
    let charset = match declared_encoding(bytes) {
        None => Charset::Utf8,
        Some(label) => charset_for(&label)?,
    };
    Ok(match charset {
        Charset::Utf8 => utf8_or_latin1(bytes),
        // Labelled single-byte but valid UTF-8 with non-ASCII bytes: the
        // label is wrong (a template declaration over UTF-8 output). Genuine
        // Latin-1 text is practically never valid multi-byte UTF-8 (it would
        // need pairs like "Ã©"), so trusting the bytes is the safe guess.
        _ if !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() => utf8_or_latin1(bytes),
        other => Cow::Owned(bytes.iter().map(|&b| single_byte(other, b)).collect()),
    })
}

fn utf8_or_latin1(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect()),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, ParseErrorKind> {
    if bytes.len() % 2 != 0 {
        return Err(ParseErrorKind::Encoding(
            "odd number of bytes in UTF-16".into(),
        ));
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|e| ParseErrorKind::Encoding(format!("invalid UTF-16: {e}")))
}

/// The `encoding` pseudo-attribute of a leading XML declaration, if any.
/// Scans bytes directly because the declaration decides how to decode them.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let decl = bytes.get(start..)?.strip_prefix(b"<?xml")?;
    let end = decl.windows(2).take(512).position(|w| w == b"?>")?;
    let decl = &decl[..end];
    let at = decl.windows(8).position(|w| w == b"encoding")?;
    let mut rest = decl[at + 8..].trim_ascii_start();
    rest = rest.strip_prefix(b"=")?.trim_ascii_start();
    let quote = *rest.first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let rest = &rest[1..];
    let len = rest.iter().position(|&b| b == quote)?;
    Some(
        String::from_utf8_lossy(&rest[..len])
            .trim()
            .to_ascii_lowercase(),
    )
}

fn charset_for(label: &str) -> Result<Charset, ParseErrorKind> {
    Ok(match label {
        // UTF-16 named in a declaration that was itself readable as ASCII
        // cannot be UTF-16: the sender mislabelled UTF-8.
        "utf-8" | "utf8" | "us-ascii" | "ascii" | "utf-16" | "utf16" => Charset::Utf8,
        "iso-8859-1" | "iso8859-1" | "iso_8859-1" | "latin1" | "latin-1" | "l1" | "cp819"
        | "iso-ir-100" => Charset::Latin1,
        "iso-8859-15" | "iso8859-15" | "iso_8859-15" | "latin9" | "latin-9" => Charset::Latin9,
        "windows-1252" | "cp1252" | "x-cp1252" => Charset::Windows1252,
        other => {
            return Err(ParseErrorKind::Encoding(format!(
                "unsupported encoding \"{}\"",
                clip(other)
            )))
        }
    })
}

/// One byte of a single-byte charset as a char.
fn single_byte(charset: Charset, b: u8) -> char {
    const CP1252_80: [u16; 32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ];
    let code = match (charset, b) {
        (Charset::Windows1252, 0x80..=0x9F) => u32::from(CP1252_80[usize::from(b - 0x80)]),
        (Charset::Latin9, 0xA4) => 0x20AC,
        (Charset::Latin9, 0xA6) => 0x0160,
        (Charset::Latin9, 0xA8) => 0x0161,
        (Charset::Latin9, 0xB4) => 0x017D,
        (Charset::Latin9, 0xB8) => 0x017E,
        (Charset::Latin9, 0xBC) => 0x0152,
        (Charset::Latin9, 0xBD) => 0x0153,
        (Charset::Latin9, 0xBE) => 0x0178,
        _ => u32::from(b),
    };
    char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// In-scope namespace bindings. A map from prefix to a stack of URIs keeps
/// resolution O(1) however many declarations a hostile document makes
/// (a scan of all scopes would be quadratic). The default namespace is
/// keyed by `""`, which no real prefix can be.
#[derive(Default)]
struct Namespaces {
    bound: HashMap<String, Vec<String>>,
    /// The prefixes each open element declared, to unbind on its end.
    declared: Vec<Vec<String>>,
}

impl Namespaces {
    fn push(&mut self, decls: &[(Option<String>, String)]) {
        let mut prefixes = Vec::with_capacity(decls.len());
        for (prefix, uri) in decls {
            let key = prefix.clone().unwrap_or_default();
            self.bound.entry(key.clone()).or_default().push(uri.clone());
            prefixes.push(key);
        }
        self.declared.push(prefixes);
    }

    fn pop(&mut self) {
        for key in self.declared.pop().unwrap_or_default() {
            if let Some(uris) = self.bound.get_mut(&key) {
                uris.pop();
            }
        }
    }

    fn resolve(&self, prefix: Option<&str>) -> Option<String> {
        match prefix {
            Some("xml") => return Some("http://www.w3.org/XML/1998/namespace".into()),
            Some("xmlns") => return None,
            _ => {}
        }
        self.bound
            .get(prefix.unwrap_or(""))
            .and_then(|uris| uris.last())
            // `xmlns=""` undeclares the default namespace.
            .filter(|uri| !uri.is_empty())
            .cloned()
    }
}

/// An error reported by quick-xml, at the position it gives.
fn xml_error(reader: &Reader<&[u8]>, message: impl ToString) -> ParseErrorKind {
    ParseErrorKind::Xml {
        position: reader.error_position(),
        message: bounded(message.to_string()),
    }
}

/// An error found by this module, at the current read position.
fn own_error(reader: &Reader<&[u8]>, message: impl ToString) -> ParseErrorKind {
    ParseErrorKind::Xml {
        position: reader.buffer_position(),
        message: bounded(message.to_string()),
    }
}

/// Parser messages quote tag names, which the input controls: keep them short.
fn bounded(message: String) -> String {
    if message.chars().nth(200).is_none() {
        return message;
    }
    let mut short: String = message.chars().take(200).collect();
    short.push_str("...");
    short
}

/// Reads a start tag: attributes, namespace declarations, resolved name.
/// Pushes the element's namespace declarations onto `ns`.
fn open(
    reader: &Reader<&[u8]>,
    start: &BytesStart<'_>,
    ns: &mut Namespaces,
) -> Result<Element, ParseErrorKind> {
    let mut el = Element::default();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| xml_error(reader, e))?;
        let value = attr
            .normalized_value_with(XmlVersion::Implicit1_0, 1, resolve_predefined_entity)
            .map_err(|e| xml_error(reader, e))?
            .into_owned();
        let key = attr.key;
        let (local, prefix) = key.decompose();
        match (prefix.map(|p| p.into_inner()), local.into_inner()) {
            (None, "xmlns") => el.ns_decls.push((None, value)),
            (Some("xmlns"), name) => el.ns_decls.push((Some(name.to_owned()), value)),
            (_, name) => {
                el.attrs.push(Attr {
                    local: name.to_owned(),
                    value,
                });
            }
        }
    }
    ns.push(&el.ns_decls);
    let name = start.name();
    let (local, prefix) = name.decompose();
    el.local = local.into_inner().to_owned();
    el.ns = ns.resolve(prefix.map(|p| p.into_inner()));
    Ok(el)
}

/// Adds a finished element to its parent (or makes it the root).
fn attach(
    stack: &mut [Element],
    root: &mut Option<Element>,
    el: Element,
    limits: &Limits,
) -> Result<(), ParseErrorKind> {
    match stack.last_mut() {
        Some(parent) => {
            if parent.children.len() >= limits.max_array_len {
                return Err(ParseErrorKind::LimitExceeded {
                    what: "number of child elements",
                    limit: limits.max_array_len,
                });
            }
            parent.children.push(el);
        }
        None => *root = Some(el),
    }
    Ok(())
}

/// Parses decoded XML into the root element. Content after the root element
/// closes is ignored (it cannot change the message).
pub(crate) fn build(text: &str, limits: &Limits) -> Result<Element, ParseErrorKind> {
    let max_depth = limits.max_depth.min(MAX_DEPTH_CEILING);
    let mut reader = Reader::from_str(text);
    // A bare `&` in a URL value is a common ACS mistake; keep it as text.
    reader.config_mut().allow_dangling_amp = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut ns = Namespaces::default();
    let mut root: Option<Element> = None;
    let mut elements = 0usize;
    while root.is_none() {
        let event = reader.read_event().map_err(|e| xml_error(&reader, e))?;
        match event {
            XmlEvent::Start(ref start) | XmlEvent::Empty(ref start) => {
                elements += 1;
                if elements > limits.max_elements {
                    return Err(ParseErrorKind::LimitExceeded {
                        what: "number of elements",
                        limit: limits.max_elements,
                    });
                }
                if stack.len() >= max_depth {
                    return Err(ParseErrorKind::LimitExceeded {
                        what: "element depth",
                        limit: max_depth,
                    });
                }
                let el = open(&reader, start, &mut ns)?;
                if matches!(event, XmlEvent::Start(_)) {
                    stack.push(el);
                } else {
                    ns.pop();
                    attach(&mut stack, &mut root, el, limits)?;
                }
            }
            XmlEvent::End(_) => {
                ns.pop();
                let el = stack
                    .pop()
                    .ok_or_else(|| own_error(&reader, "end tag without start tag"))?;
                attach(&mut stack, &mut root, el, limits)?;
            }
            XmlEvent::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            XmlEvent::CData(c) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&c.xml10_content());
                }
            }
            XmlEvent::GeneralRef(r) => {
                let Some(top) = stack.last_mut() else {
                    continue;
                };
                if r.is_char_ref() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => top.text.push(c),
                        _ => {
                            return Err(xml_error(
                                &reader,
                                format!("bad character reference &{};", clip(&r)),
                            ))
                        }
                    }
                } else if let Some(s) = resolve_predefined_entity(&r) {
                    top.text.push_str(s);
                } else {
                    // No DTD can define entities (DOCTYPE is rejected), so an
                    // unknown one is a sloppy unescaped `&`: keep it literally.
                    top.text.push('&');
                    top.text.push_str(&r);
                    top.text.push(';');
                }
            }
            XmlEvent::DocType(_) => {
                return Err(xml_error(
                    &reader,
                    "DOCTYPE is not allowed in a SOAP message",
                ));
            }
            XmlEvent::Eof => {
                return Err(match stack.last() {
                    Some(open) => {
                        own_error(&reader, format!("unclosed element <{}>", clip(&open.local)))
                    }
                    None => own_error(&reader, "no root element"),
                });
            }
            XmlEvent::Decl(_) | XmlEvent::PI(_) | XmlEvent::Comment(_) => {}
        }
    }
    root.ok_or_else(|| own_error(&reader, "no root element"))
}
