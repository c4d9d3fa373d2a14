//! The XML text writer both directions share: the envelope frame, the CWMP
//! header, element helpers, SOAP arrays and escaping.
//!
//! Written by hand rather than through quick-xml's writer: the output is a
//! fixed shape, and owning the escaping lets the codec guarantee well-formed
//! XML 1.0 for any Rust string (see [`write_response`](super::write_response)).

use std::borrow::Cow;

use super::types::{Header, SOAP_ENC_NS, SOAP_ENV_NS, VALUE_TYPES, XSD_NS, XSI_NS};
use super::write::{BoolStyle, WriteOptions};

/// Writes a whole envelope: the XML declaration, `SOAP-ENV:Envelope`
/// declaring the `SOAP-ENV`, `SOAP-ENC`, `xsd`, `xsi` and `cwmp` prefixes
/// (`cwmp` bound to `header.cwmp_ns`), the header, and a Body whose content
/// `body` writes. A Body left without content is written as an empty element.
/// `size_hint` is what the body's text is expected to take, so that a large
/// answer is not copied as its buffer grows.
pub(super) fn envelope(
    header: &Header,
    opts: &WriteOptions,
    size_hint: usize,
    body: impl FnOnce(&mut Out),
) -> String {
    let mut w = Out {
        buf: String::with_capacity(size_hint.saturating_add(1024)),
        opts: *opts,
        depth: 0,
    };
    w.buf.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    w.open(
        "SOAP-ENV:Envelope",
        &[
            ("xmlns:SOAP-ENV", SOAP_ENV_NS),
            ("xmlns:SOAP-ENC", SOAP_ENC_NS),
            ("xmlns:xsd", XSD_NS),
            ("xmlns:xsi", XSI_NS),
            ("xmlns:cwmp", header.cwmp_ns.uri()),
        ],
    );
    write_header(&mut w, header);
    let before_body = w.buf.len();
    w.open("SOAP-ENV:Body", &[]);
    let body_start = w.buf.len();
    body(&mut w);
    if w.buf.len() == body_start {
        // Nothing written (an ACS's empty message): `<SOAP-ENV:Body/>` rather
        // than an open/close pair with only indentation between them.
        w.buf.truncate(before_body);
        w.depth -= 1;
        w.empty("SOAP-ENV:Body", &[]);
    } else {
        w.close("SOAP-ENV:Body");
    }
    w.close("SOAP-ENV:Envelope");
    if w.opts.pretty {
        w.buf.push('\n');
    }
    w.buf
}

/// The CWMP header: one element per `Some` field, none at all when every
/// field is `None`.
fn write_header(w: &mut Out, h: &Header) {
    let any = h.id.is_some()
        || h.hold_requests.is_some()
        || h.no_more_requests.is_some()
        || h.session_timeout.is_some()
        || h.supported_cwmp_versions.is_some()
        || h.use_cwmp_version.is_some();
    if !any {
        return;
    }
    const MU1: &[(&str, &str)] = &[("SOAP-ENV:mustUnderstand", "1")];
    const MU0: &[(&str, &str)] = &[("SOAP-ENV:mustUnderstand", "0")];
    w.open("SOAP-ENV:Header", &[]);
    if let Some(id) = &h.id {
        w.leaf_attrs("cwmp:ID", MU1, id);
    }
    if let Some(b) = h.hold_requests {
        let v = w.bool_text(b);
        w.leaf_attrs("cwmp:HoldRequests", MU1, v);
    }
    if let Some(b) = h.no_more_requests {
        let v = w.bool_text(b);
        w.leaf_attrs("cwmp:NoMoreRequests", MU0, v);
    }
    if let Some(t) = h.session_timeout {
        w.leaf_attrs("cwmp:SessionTimeout", MU0, &t.to_string());
    }
    if let Some(v) = &h.supported_cwmp_versions {
        w.leaf_attrs("cwmp:SupportedCWMPVersions", MU0, v);
    }
    if let Some(v) = &h.use_cwmp_version {
        w.leaf_attrs("cwmp:UseCWMPVersion", MU1, v);
    }
    w.close("SOAP-ENV:Header");
}

/// The `xsi:type` attribute value for a parameter type given with or without
/// a prefix: always in the `xsd` namespace whatever prefix the caller put on
/// it, since only `xsd` is declared for types and every CWMP value type is an
/// XSD built-in. An empty name means `string`. The CWMP value types come
/// as constants, so that a response does not allocate one per value.
pub(super) fn xsd_type(name: &str) -> Cow<'static, str> {
    let local = name.rsplit_once(':').map_or(name, |(_, l)| l);
    let local = if local.is_empty() { "string" } else { local };
    match VALUE_TYPES.iter().find(|(known, _)| *known == local) {
        Some(&(_, prefixed)) => Cow::Borrowed(prefixed),
        None => Cow::Owned(format!("xsd:{local}")),
    }
}

/// The output buffer with indentation state. Element names and attribute
/// names passed in are constants of the writers; text and attribute values
/// are escaped.
pub(super) struct Out {
    buf: String,
    opts: WriteOptions,
    depth: usize,
}

impl Out {
    fn newline(&mut self) {
        if self.opts.pretty {
            self.buf.push('\n');
            for _ in 0..self.depth {
                self.buf.push_str("  ");
            }
        }
    }

    fn start_tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.newline();
        self.buf.push('<');
        self.buf.push_str(name);
        for (k, v) in attrs {
            self.buf.push(' ');
            self.buf.push_str(k);
            self.buf.push_str("=\"");
            escape_into(&mut self.buf, v, true);
            self.buf.push('"');
        }
    }

    pub(super) fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs);
        self.buf.push('>');
        self.depth += 1;
    }

    pub(super) fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.newline();
        self.buf.push_str("</");
        self.buf.push_str(name);
        self.buf.push('>');
    }

    /// An element with attributes and child elements, which `content` writes.
    pub(super) fn element(
        &mut self,
        name: &str,
        attrs: &[(&str, &str)],
        content: impl FnOnce(&mut Self),
    ) {
        self.open(name, attrs);
        content(self);
        self.close(name);
    }

    pub(super) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs);
        self.buf.push_str("/>");
    }

    pub(super) fn leaf_attrs(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start_tag(name, attrs);
        self.buf.push('>');
        escape_into(&mut self.buf, text, false);
        self.buf.push_str("</");
        self.buf.push_str(name);
        self.buf.push('>');
    }

    pub(super) fn leaf(&mut self, name: &str, text: &str) {
        self.leaf_attrs(name, &[], text);
    }

    pub(super) fn number(&mut self, name: &str, n: impl Into<i64>) {
        self.leaf(name, &n.into().to_string());
    }

    pub(super) fn bool_text(&self, b: bool) -> &'static str {
        match (self.opts.bool_style, b) {
            (BoolStyle::OneZero, true) => "1",
            (BoolStyle::OneZero, false) => "0",
            (BoolStyle::TrueFalse, true) => "true",
            (BoolStyle::TrueFalse, false) => "false",
        }
    }

    pub(super) fn boolean(&mut self, name: &str, b: bool) {
        let text = self.bool_text(b);
        self.leaf(name, text);
    }

    /// A SOAP-encoded array whose `arrayType` count is the exact item count.
    pub(super) fn array<T>(
        &mut self,
        name: &str,
        item_type: &str,
        items: &[T],
        mut item: impl FnMut(&mut Self, &T),
    ) {
        self.array_of(name, item_type, items.len(), |w, i| {
            if let Some(it) = items.get(i) {
                item(w, it);
            }
        });
    }

    /// [`Out::array`] of `count` items that `item` writes by index.
    pub(super) fn array_of(
        &mut self,
        name: &str,
        item_type: &str,
        count: usize,
        mut item: impl FnMut(&mut Self, usize),
    ) {
        let array_type = format!("{item_type}[{count}]");
        let attrs = [("SOAP-ENC:arrayType", array_type.as_str())];
        if count == 0 {
            self.empty(name, &attrs);
            return;
        }
        self.open(name, &attrs);
        for i in 0..count {
            item(self, i);
        }
        self.close(name);
    }
}

/// Appends `text` escaped for element content (`attr == false`) or a
/// double-quoted attribute value (`attr == true`). Text with nothing to
/// escape, which is nearly all of it, is found so eight bytes at a time
/// and copied whole: testing it a byte at a time was a quarter of a
/// GetParameterValues answer (perf, BENCHMARKS.md).
fn escape_into(buf: &mut String, text: &str, attr: bool) {
    let bytes = text.as_bytes();
    if !may_need_escape_in(bytes) {
        buf.push_str(text);
        return;
    }
    let (mut done, mut i) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        if !needs_escape(b, attr) {
            i += 1;
            continue;
        }
        buf.push_str(text.get(done..i).unwrap_or_default());
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        escape_char(buf, c, attr);
        i += c.len_utf8();
        done = i;
    }
    buf.push_str(text.get(done..).unwrap_or_default());
}

/// Whether any byte of `bytes` may need an escape, tested a word at a
/// time: the last word overlaps the one before it, and a string shorter
/// than a word is read as overlapping pieces padded with a plain byte.
fn may_need_escape_in(bytes: &[u8]) -> bool {
    let word = |b: &[u8]| b.first_chunk::<8>().map_or(0, |&w| u64::from_le_bytes(w));
    let n = bytes.len();
    if let Some(tail) = n.checked_sub(8) {
        let mut words = bytes.chunks_exact(8);
        return words.any(|w| may_need_escape(word(w)))
            || (!words.remainder().is_empty()
                && bytes.get(tail..).is_some_and(|w| may_need_escape(word(w))));
    }
    let byte = |at: usize| bytes.get(at).map_or(0, |&b| u64::from(b));
    let four = |at: usize| {
        bytes
            .get(at..at + 4)
            .and_then(|b| b.first_chunk::<4>())
            .map_or(0, |&b| u64::from(u32::from_le_bytes(b)))
    };
    // A plain byte in each of the five high bytes.
    const PAD: u64 = u64::from_le_bytes(*b"\0\0\0aaaaa");
    let packed = match n {
        4.. => four(0) | (four(n - 4) << 32),
        // Bytes 0, n / 2 and n - 1 are all the bytes of one, two or three.
        1.. => byte(0) | (byte(n / 2) << 8) | (byte(n - 1) << 16) | PAD,
        0 => return false,
    };
    may_need_escape(packed)
}

/// Whether byte `b` starts something `escape_into` must not copy as it is:
/// ASCII specials, controls, and 0xEF, which leads U+FFFE and U+FFFF; none
/// of them occurs inside a multi-byte character.
fn needs_escape(b: u8, attr: bool) -> bool {
    matches!(b, b'&' | b'<' | b'>' | 0..=0x1F | 0xEF) || (attr && b == b'"')
}

/// Whether any of the eight bytes of `word` may need an escape: a control,
/// `<` or `>`, `&` or `"`, or 0xEF. Exact for "none", which is what lets
/// a whole word be copied.
fn may_need_escape(word: u64) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // Some byte of `x` is zero (the borrow trick: exact for "some").
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    // Some byte is below 0x20 (exact for "some" below 0x80).
    let controls = word.wrapping_sub(ONES * 0x20) & !word & HIGH != 0;
    // `<` and `>` differ in bit 1 only, `"` and `&` in bit 2 only.
    controls
        || has_zero((word | (ONES * 0x02)) ^ (ONES * u64::from(b'>')))
        || has_zero((word | (ONES * 0x04)) ^ (ONES * u64::from(b'&')))
        || has_zero(word ^ (ONES * 0xEF))
}

/// Appends one character as `escape_into` writes it.
fn escape_char(buf: &mut String, c: char, attr: bool) {
    match c {
        '&' => buf.push_str("&amp;"),
        '<' => buf.push_str("&lt;"),
        '>' => buf.push_str("&gt;"),
        '"' if attr => buf.push_str("&quot;"),
        // Parsers turn a literal CR into LF, and tab/LF in attributes
        // into spaces; character references keep them.
        '\r' => buf.push_str("&#13;"),
        '\t' if attr => buf.push_str("&#9;"),
        '\n' if attr => buf.push_str("&#10;"),
        '\t' | '\n' => buf.push(c),
        // Not representable in XML 1.0, not even as a character reference.
        '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => buf.push(char::REPLACEMENT_CHARACTER),
        _ => buf.push(c),
    }
}

#[cfg(test)]
mod tests {
    /// Every character escaped on its own, as the writer did before runs
    /// were copied whole.
    fn one_by_one(text: &str, attr: bool) -> String {
        let mut out = String::new();
        for c in text.chars() {
            super::escape_char(&mut out, c, attr);
        }
        out
    }

    #[test]
    fn the_word_test_flags_every_special_and_nothing_else_alone() {
        for b in 0..=u8::MAX {
            let flagged = b < 0x20 || matches!(b, b'&' | b'<' | b'>' | b'"' | 0xEF);
            for at in 0..8 {
                let mut word = *b"plainTxt";
                word[at] = b;
                assert_eq!(
                    super::may_need_escape(u64::from_le_bytes(word)),
                    flagged,
                    "byte {b:#04x} at {at}"
                );
            }
        }
    }

    #[test]
    fn the_text_test_sees_a_special_at_every_place_of_every_length() {
        for len in 0..20 {
            assert!(!super::may_need_escape_in(&vec![b'a'; len]), "{len}");
            for at in 0..len {
                for b in [0, b'\r', 0x1F, b'&', b'<', b'>', b'"', 0xEF] {
                    let mut text = vec![b'a'; len];
                    text[at] = b;
                    assert!(
                        super::may_need_escape_in(&text),
                        "{b:#04x} at {at} of {len}"
                    );
                }
            }
        }
    }

    #[test]
    fn runs_escape_as_characters_one_by_one_do() {
        let pieces = [
            "",
            "a",
            "plain text",
            "&",
            "<",
            ">",
            "\"",
            "\r",
            "\t",
            "\n",
            "\u{0}",
            "\u{1F}",
            "\u{FFFE}",
            "\u{FFFF}",
            "\u{FFFD}",
            "\u{EFFF}",
            "\u{F000}",
            "é",
            "😀",
            "ü",
            "0123456789abcdef",
            "Device.WiFi.AccessPoint.1.Security.KeyPassphrase",
        ];
        let mut seed = 7u64;
        for _ in 0..5000 {
            let mut text = String::new();
            for _ in 0..(seed % 17) {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            for attr in [false, true] {
                let mut out = String::from("=");
                super::escape_into(&mut out, &text, attr);
                assert_eq!(out, format!("={}", one_by_one(&text, attr)), "{text:?}");
            }
        }
    }
}
