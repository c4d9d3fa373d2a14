//! Map Broadband Forum (BBF) names to Rust identifiers.
//!
//! BBF names are CamelCase with embedded acronyms and versions (`IPv6Enable`,
//! `WANIPConnection`, `DHCPv4`), vendor prefixes (`X_EXAMPLE-COM_MyProt`) and,
//! in enumeration values, nearly free text (`2.4GHz`, `Not Present`, `+`).
//! Generic case converters tear these apart (`IPv6Enable` -> `i_pv6_enable`),
//! so a name is first split into words by the BBF-aware rules below, then the
//! words are joined in the case the caller asks for. All four conversions
//! share the splitting, so `field_name`, `type_name` and `const_name` of one
//! name always agree on its words.
//!
//! # Word splitting
//!
//! 1. An ASCII character other than a letter or digit ends a word and is
//!    dropped (`_ - . / ( )`, whitespace, ...), except symbols that tell
//!    enumeration values apart and so become words: `+` is `plus` (`UBR+` vs
//!    `UBR`), `*` is `star`, `&` is `and`, `@` is `at`, and a few more. A
//!    non-ASCII character becomes `u` and its code point in hex (`é` ->
//!    `u00e9`), which is deterministic and keeps every identifier ASCII.
//! 2. In a vendor prefix `X_<VENDOR>_` each `-`-separated piece of `<VENDOR>`
//!    without lowercase letters is one word, so OUIs survive: `X_00D09E_Foo`
//!    -> `x_00d09e_foo`, `X_EXAMPLE-COM_MyProt` -> `x_example_com_my_prot`.
//! 3. Terms from `SPECIAL_WORDS` (`IPsec`, `PPPoE`, `UPnP`, `WiFi`, `GHz`,
//!    ...) stay whole, and so do versioned acronyms: capitals followed by `v`
//!    and digits (`IPv4`, `DHCPv6`, `IKEv2`, `IPv6rd`, `SNMPv2c`). If the
//!    capitals run on past a known stem, the stem is split off their end:
//!    `BRIPv6Prefix` -> `BR`, `IPv6`, `Prefix`.
//! 4. Elsewhere a word starts at a lowercase -> uppercase step (`DeviceInfo`),
//!    at a digit -> uppercase step (`AAL5CRCErrors`), and at the last capital
//!    of a run that lowercase follows (`DSCPMark` -> `DSCP`, `Mark`). Digits
//!    stick to the letters before them and lowercase letters to the digits
//!    before them (`NTPServer1`, `IEEE8021x`, `802.11ac`). The last capital
//!    keeps its run when what follows is a plural `s` (`AKMs`), a DSL tail
//!    (`ACTATPds` -> `ACTATP`, `ds`) or a lowercase connective between
//!    acronyms (`SSIDtoVID` -> `SSID`, `to`, `VID`); `to`, `or` and `and`
//!    between numbers are words too (`Packets1024to1518Bytes`).
//! 5. An all-caps word is cut into `ACRONYMS` only if they cover it exactly
//!    (`WANIP` -> `WAN`, `IP`; `DLOFDMAMUMIMO` -> `DL`, `OFDMA`, `MU`, `MIMO`).
//!    Anything else stays whole (`ACTINPREIN` -> `actinprein`): a wrong cut
//!    reads worse than none, so the table only grows from real names.
//!
//! # Joining
//!
//! * A result that would start with a digit gets a leading `_` (`2.4GHz` ->
//!   `_2_4_ghz`, `_2_4Ghz`, `_2_4_GHZ`). It adds no letters, keeps the number
//!   readable and is ignored by rustc's case lints.
//! * In UpperCamelCase, adjacent numbers keep an `_` between them so that
//!   `1.0` (`_1_0`) and `10` (`_10`) stay apart; an `_` between digits does not
//!   trip `non_camel_case_types`.
//! * Keywords of any edition up to 2024 become raw identifiers (`r#type`,
//!   `r#gen`); `self`, `Self`, `super` and `crate` cannot be raw and get a
//!   trailing `_` (`self_`, `Self_`). Consumers that build a
//!   `proc_macro2::Ident` must use `Ident::new_raw` for the `r#` forms.
//! * A name without letters or digits is spelled out: `""` -> `Empty`, `-` ->
//!   `Minus`, `.` -> `Dot`.
//!
//! Distinct BBF names can still meet (`IPv6Enable` and `Ipv6Enable`,
//! `VBR-nrt` and `VBR-NRT`); [`find_collisions`] finds them so the caller can
//! report them instead of emitting code that does not compile.

use std::collections::{HashMap, HashSet};

/// Terms that the case rules would tear apart, as BBF spells them. They match
/// case-sensitively where a word can start (a capital, the edge of a number,
/// the start of a name) and may carry digits or a version (`WiFi6`,
/// `L2TPv3`) or a plural `s`. A lowercase letter prefixed to an acronym
/// (`bSTA`, `eSIM`) matches even after lowercase (`AffiliatedbSTAList`); `dB`
/// does not, or `TransmittedBSSID` would read `transmitte_db_ssid`.
const SPECIAL_WORDS: &[&str] = &[
    "IPsec", "IPoA", "IPoE", "PPPoA", "PPPoE", "UPnP", "QoS", "VoIP", "WiFi", "MoCA", "CoAP",
    "OSGi", "RIPng", "MIoT", "ZigBee", "L2TP", "M2M", "3GPP", "8021Q", "CCo", "AoC", "WoL", "PSKc",
    "PSBd", "TFlog", "GHz", "MHz", "kHz", "KHz", "dBm", "dB", "bSTA", "eSIM", "iLBC",
];

/// Acronyms that take a `v<N>` suffix, used to find where one starts inside
/// a longer run of capitals (`WANIPv6` -> `WAN`, `IPv6`). The shortest stem
/// wins (`BRIPv6` is Border Relay IPv6, not B-RIPv6) unless the whole run is
/// a stem (`RIPv2`). A run that ends in no stem stays whole (`OSSIv3`).
const VERSIONED_STEMS: &[&str] = &[
    "IP", "RIP", "SIP", "DHCP", "ICMP", "IGMP", "MLD", "IKE", "SNMP", "OSPF", "NPT",
];

/// Pieces an all-caps word may be cut into; a piece may carry trailing digits
/// (`MD5`). The cover with the fewest pieces wins, so a listed whole acronym
/// (`DHCP`, `BSSID`, `HESSID`) is never cut. Short pieces that combine into
/// other acronyms stay out (no `CP`, or `DHCP` would need guarding everywhere).
const ACRONYMS: &[&str] = &[
    "ACK", "AMSDU", "ANSI", "AP", "API", "ATM", "ATUC", "ATUR", "BSS", "BSSID", "CNAME", "CRC",
    "DH", "DHCP", "DL", "DLNA", "DPP", "DSL", "EAP", "EDCA", "F5", "FCS", "FEC", "HE", "HEC",
    "HESSID", "ID", "IKE", "IP", "IPCP", "LAN", "LCP", "MAC", "MCS", "MD5", "MIMO", "MLD", "MMS",
    "MU", "NSS", "NTP", "NTS", "OBSS", "OFDMA", "ONU", "OUI", "PD", "PLC", "POTS", "PPDU", "PPP",
    "PRF", "PTM", "SA", "SC", "SCPD", "SMS", "SNAP", "SPP", "SRG", "SSID", "STA", "TCP", "TLS",
    "UL", "UP", "URI", "URL", "USB", "VLAN", "WAN", "WLAN", "WMM", "XTUC", "XTUR",
];

/// Lowercase words written straight after capitals that end a name or come
/// before a digit: DSL directions (`ACTATPds`, `HLINpsus`, `SNRMpbds`) and
/// the odd unit or qualifier (`LengthSMFkm`, `ruleDAonly`).
const TAILS_AFTER_CAPS: &[&str] = &[
    "ds", "us", "pbds", "pbus", "psds", "psus", "km", "only", "tag",
];

/// Lowercase words written between two acronyms (`SSIDtoVID`,
/// `ruleDAandDSCPnoVLAN`). Only split off before another run of capitals (or
/// a number, for those in `AFTER_DIGITS`: `WPAand11i`), so `RTTMinAtMax`
/// keeps its `Min` and `ECWMin` its `in`.
const CONNECTIVES_AFTER_CAPS: &[&str] = &["and", "ignore", "in", "no", "or", "to"];

/// Lowercase words written between numbers (`Packets1024to1518Bytes`,
/// `Beamformee80orLess`); other lowercase after digits sticks to them.
const AFTER_DIGITS: &[&str] = &["and", "or", "to"];

/// Names for ASCII punctuation. Symbols marked `true` are words wherever they
/// appear, because enumeration values differ by them alone (`UBR`, `UBR+`);
/// the others only separate words, and are spelled out when a name has
/// nothing else (`-` -> `minus`).
#[rustfmt::skip]
const PUNCTUATION: &[(char, &str, bool)] = &[
    ('+', "plus", true), ('*', "star", true), ('&', "and", true), ('@', "at", true),
    ('#', "hash", true), ('%', "percent", true), ('=', "eq", true), ('<', "lt", true),
    ('>', "gt", true), ('~', "tilde", true), ('^', "caret", true), ('|', "pipe", true),
    ('$', "dollar", true),
    ('-', "minus", false), ('.', "dot", false), ('_', "underscore", false), (' ', "space", false),
    ('/', "slash", false), ('\\', "backslash", false), (',', "comma", false),
    (':', "colon", false), (';', "semicolon", false), ('!', "bang", false),
    ('?', "question", false), ('\'', "quote", false), ('"', "double_quote", false),
    ('`', "backtick", false), ('(', "left_paren", false), (')', "right_paren", false),
    ('[', "left_bracket", false), (']', "right_bracket", false), ('{', "left_brace", false),
    ('}', "right_brace", false),
];

/// Strict and reserved keywords of every edition up to 2024 (`gen`) that `r#`
/// makes usable. Generated code may be compiled in any edition.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that `r#` does not accept.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// snake_case identifier for a field, function or module:
/// `IPv6Enable` -> `ipv6_enable`, `Type` -> `r#type`, `2.4GHz` -> `_2_4_ghz`.
pub fn field_name(bbf: &str) -> String {
    let words: Vec<String> = words(bbf).iter().map(|w| w.to_ascii_lowercase()).collect();
    escape_keyword(digit_guard(words.join("_")))
}

/// UpperCamelCase identifier for a struct or enum:
/// `WANIPConnection` -> `WanIpConnection`, `Self` -> `Self_`.
pub fn type_name(bbf: &str) -> String {
    escape_keyword(digit_guard(camel(&words(bbf))))
}

/// UpperCamelCase enum variant for an enumeration value, by the rules of
/// [`type_name`]: `Error_Internal` -> `ErrorInternal`, `2.4GHz` -> `_2_4Ghz`,
/// `""` -> `Empty`, `+` -> `Plus`, `Not Present` -> `NotPresent`.
pub fn variant_name(value: &str) -> String {
    type_name(value)
}

/// SCREAMING_SNAKE_CASE identifier for a constant, split like [`field_name`]:
/// `MACAddress` -> `MAC_ADDRESS`, `2.4GHz` -> `_2_4GHZ`.
pub fn const_name(bbf: &str) -> String {
    let words: Vec<String> = words(bbf).iter().map(|w| w.to_ascii_uppercase()).collect();
    digit_guard(words.join("_"))
}

/// Whether `s` is an identifier in every edition up to 2024: a non-keyword,
/// or `r#` and a keyword that may be raw. ASCII only: non-ASCII identifiers
/// are legal Rust, but this module never makes them and checking them needs
/// Unicode tables.
pub fn is_valid_ident(s: &str) -> bool {
    let (body, raw) = match s.strip_prefix("r#") {
        Some(body) => (body, true),
        None => (s, false),
    };
    let mut chars = body.chars();
    let well_formed = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    well_formed && !NON_RAW_KEYWORDS.contains(&body) && (raw || !RAW_KEYWORDS.contains(&body))
}

/// Two distinct BBF names that map to the same Rust identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collision {
    /// The identifier both names map to.
    pub ident: String,
    /// The name seen first.
    pub first: String,
    /// A later name that maps to the same identifier.
    pub second: String,
}

impl Collision {
    /// A compiler-style message that says how to resolve the collision.
    pub fn message(&self) -> String {
        format!(
            "`{}` and `{}` both map to the Rust identifier `{}`; rename one of them \
             (a vendor extension can use a distinct X_<VENDOR>_ prefix)",
            self.first, self.second, self.ident
        )
    }
}

/// Pairs of distinct names that `f` maps to one identifier, in input order.
/// A name that meets several earlier ones is paired with the first of them;
/// a name repeated verbatim is not a collision.
pub fn find_collisions<'a>(
    names: impl IntoIterator<Item = &'a str>,
    f: fn(&str) -> String,
) -> Vec<Collision> {
    let mut seen = HashSet::new();
    let mut owners: HashMap<String, &'a str> = HashMap::new();
    let mut collisions = Vec::new();
    for name in names {
        if !seen.insert(name) {
            continue;
        }
        let ident = f(name);
        match owners.get(&ident) {
            Some(first) => collisions.push(Collision {
                ident,
                first: (*first).to_string(),
                second: name.to_string(),
            }),
            None => {
                owners.insert(ident, name);
            }
        }
    }
    collisions
}

fn camel(words: &[String]) -> String {
    let mut out = String::new();
    for word in words {
        let digit_meets_digit = out.ends_with(|c: char| c.is_ascii_digit())
            && word.starts_with(|c: char| c.is_ascii_digit());
        if digit_meets_digit {
            out.push('_');
        }
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    out
}

fn digit_guard(ident: String) -> String {
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{ident}")
    } else {
        ident
    }
}

fn escape_keyword(ident: String) -> String {
    if NON_RAW_KEYWORDS.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if RAW_KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// The words of a BBF name in their original case; never empty, and each
/// word is non-empty ASCII alphanumeric.
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = name;
    if let Some(vendor) = vendor_prefix(name) {
        out.push("X".to_string());
        for piece in vendor.split('-').filter(|p| !p.is_empty()) {
            if piece.bytes().any(|b| b.is_ascii_lowercase()) {
                split_chunk(piece.as_bytes(), &mut out);
            } else {
                out.push(piece.to_string());
            }
        }
        rest = &name["X_".len() + vendor.len() + 1..];
    }
    let mut chunk_start = None;
    for (i, ch) in rest.char_indices() {
        if ch.is_ascii_alphanumeric() {
            chunk_start.get_or_insert(i);
            continue;
        }
        if let Some(start) = chunk_start.take() {
            split_chunk(&rest.as_bytes()[start..i], &mut out);
        }
        if !ch.is_ascii() {
            out.push(escape_char(ch));
        } else if let Some(&(_, word, true)) = PUNCTUATION.iter().find(|p| p.0 == ch) {
            out.push(word.to_string());
        }
    }
    if let Some(start) = chunk_start {
        split_chunk(&rest.as_bytes()[start..], &mut out);
    }
    if out.is_empty() {
        out = spell_out(name);
    }
    out
}

/// `EXAMPLE-COM` of `X_EXAMPLE-COM_MyProt`; `None` unless an `_` ends it.
fn vendor_prefix(name: &str) -> Option<&str> {
    let after = name.strip_prefix("X_")?;
    let vendor = &after[..after.find('_')?];
    let plausible = vendor.bytes().any(|b| b.is_ascii_alphanumeric())
        && vendor
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    plausible.then_some(vendor)
}

fn escape_char(ch: char) -> String {
    format!("u{:04x}", u32::from(ch))
}

/// Words for a name that has no letters or digits.
fn spell_out(name: &str) -> Vec<String> {
    if name.is_empty() {
        return vec!["empty".to_string()];
    }
    let mut out = Vec::new();
    for ch in name.chars() {
        match PUNCTUATION.iter().find(|p| p.0 == ch) {
            Some(&(_, word, _)) => out.extend(word.split('_').map(str::to_string)),
            None => out.push(escape_char(ch)),
        }
    }
    out
}

/// Split a run of ASCII letters and digits (rules 3 to 5 of the module docs).
fn split_chunk(chunk: &[u8], out: &mut Vec<String>) {
    let mut plain_start = 0;
    let mut i = 0;
    while i < chunk.len() {
        match protected_at(chunk, i) {
            Some((start, end)) => {
                split_plain(&chunk[plain_start..start], out);
                out.push(ascii(&chunk[start..end]));
                plain_start = end;
                i = end;
            }
            None => i += 1,
        }
    }
    split_plain(&chunk[plain_start..], out);
}

/// The span of a special word or versioned acronym found at `i`. It may start
/// after `i` when a versioned stem ends a longer run of capitals.
fn protected_at(s: &[u8], i: usize) -> Option<(usize, usize)> {
    let c = s[i];
    let prev = i.checked_sub(1).map(|p| s[p]);
    let word_start =
        prev.is_none_or(|p| c.is_ascii_uppercase() || p.is_ascii_digit() != c.is_ascii_digit());
    let special_end = SPECIAL_WORDS
        .iter()
        .filter(|w| {
            let w = w.as_bytes();
            let prefixed = w.len() > 2
                && w[0].is_ascii_lowercase()
                && w[1..3].iter().all(u8::is_ascii_uppercase);
            (word_start || prefixed) && s[i..].starts_with(w)
        })
        .map(|w| {
            let end = version_tail(s, i + w.len());
            end + usize::from(is_plural_s(s, end))
        })
        .filter(|&end| s.get(end).is_none_or(|b| !b.is_ascii_lowercase()))
        .max();
    if let Some(end) = special_end {
        return Some((i, end));
    }
    // A versioned acronym is looked for once per run of capitals.
    if !c.is_ascii_uppercase() || prev.is_some_and(|p| p.is_ascii_uppercase()) {
        return None;
    }
    let run_end = i + s[i..].iter().take_while(|b| b.is_ascii_uppercase()).count();
    if s.get(run_end) != Some(&b'v') || !s.get(run_end + 1).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let run = &s[i..run_end];
    let stem_len = if VERSIONED_STEMS.iter().any(|stem| stem.as_bytes() == run) {
        run.len()
    } else {
        VERSIONED_STEMS
            .iter()
            .filter(|stem| run.ends_with(stem.as_bytes()))
            .map(|stem| stem.len())
            .min()
            .unwrap_or(run.len())
    };
    Some((run_end - stem_len, version_tail(s, run_end)))
}

/// Extend a protected word over a version (`v6`, `6`, `v2c`, `v6rd`).
fn version_tail(s: &[u8], end: usize) -> usize {
    let v = usize::from(s.get(end) == Some(&b'v'));
    if !s.get(end + v).is_some_and(u8::is_ascii_digit) {
        return end;
    }
    let tail = s[end + v..]
        .iter()
        .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    end + v + tail.count()
}

/// Split a stretch free of protected words at case and digit steps (rule 4).
fn split_plain(s: &[u8], out: &mut Vec<String>) {
    let mut start = 0;
    for i in 1..s.len() {
        if is_boundary(s, i) {
            push_word(&s[start..i], out);
            start = i;
        }
    }
    if start < s.len() {
        push_word(&s[start..], out);
    }
}

/// Whether a new word starts at `s[i]`.
fn is_boundary(s: &[u8], i: usize) -> bool {
    let (prev, c) = (s[i - 1], s[i]);
    if c.is_ascii_uppercase() {
        if !prev.is_ascii_uppercase() {
            return true;
        }
        // The last capital of a run starts the next word ("DSCPMark") unless
        // the lowercase after it is no word of its own.
        s.get(i + 1).is_some_and(u8::is_ascii_lowercase)
            && !is_plural_s(s, i + 1)
            && !stands_alone_after_caps(s, i + 1)
    } else if c.is_ascii_lowercase() {
        if prev.is_ascii_digit() {
            is_lower_word(s, i, AFTER_DIGITS)
        } else {
            i >= 2
                && prev.is_ascii_uppercase()
                && s[i - 2].is_ascii_uppercase()
                && stands_alone_after_caps(s, i)
        }
    } else {
        // The number after "to" in "1024to1518".
        let run = s[..i]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_lowercase())
            .count();
        run > 0
            && i > run
            && s[i - run - 1].is_ascii_digit()
            && is_lower_word(s, i - run, AFTER_DIGITS)
    }
}

fn is_plural_s(s: &[u8], i: usize) -> bool {
    s.get(i) == Some(&b's') && s.get(i + 1).is_none_or(|b| !b.is_ascii_lowercase())
}

/// Whether the lowercase run at `i`, after two or more capitals, is a word of
/// its own rather than the rest of the last capital's word.
fn stands_alone_after_caps(s: &[u8], i: usize) -> bool {
    let end = i + s[i..].iter().take_while(|b| b.is_ascii_lowercase()).count();
    let (next, after_next) = (s.get(end), s.get(end + 1));
    let next_digit = next.is_some_and(u8::is_ascii_digit);
    let next_acronym =
        next.is_some_and(u8::is_ascii_uppercase) && after_next.is_some_and(u8::is_ascii_uppercase);
    ((next.is_none() || next_digit) && is_lower_word(s, i, TAILS_AFTER_CAPS))
        || (next_acronym && is_lower_word(s, i, CONNECTIVES_AFTER_CAPS))
        || (next_digit && is_lower_word(s, i, AFTER_DIGITS))
}

/// Whether the lowercase run at `i` is exactly one of `words`.
fn is_lower_word(s: &[u8], i: usize, words: &[&str]) -> bool {
    let len = s[i..].iter().take_while(|b| b.is_ascii_lowercase()).count();
    words.iter().any(|w| w.as_bytes() == &s[i..i + len])
}

/// Push a word, cutting an all-caps word into known acronyms (rule 5).
fn push_word(word: &[u8], out: &mut Vec<String>) {
    match split_acronyms(word) {
        Some(pieces) => out.extend(pieces.iter().map(|p| ascii(p))),
        None => out.push(ascii(word)),
    }
}

/// The cover of `word` by the fewest `ACRONYMS` (each with optional trailing
/// digits), if it takes two or more.
fn split_acronyms(word: &[u8]) -> Option<Vec<&[u8]>> {
    let all_caps = word.first().is_some_and(u8::is_ascii_uppercase)
        && word
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if !all_caps {
        return None;
    }
    // cheapest[j]: (pieces, start of the last piece) of the best cover of word[..j].
    let mut cheapest: Vec<Option<(usize, usize)>> = vec![None; word.len() + 1];
    cheapest[0] = Some((0, 0));
    for i in 0..word.len() {
        let Some((count, _)) = cheapest[i] else {
            continue;
        };
        for acronym in ACRONYMS
            .iter()
            .filter(|a| word[i..].starts_with(a.as_bytes()))
        {
            let mut j = i + acronym.len();
            j += word[j..].iter().take_while(|b| b.is_ascii_digit()).count();
            if cheapest[j].is_none_or(|(c, _)| count + 1 < c) {
                cheapest[j] = Some((count + 1, i));
            }
        }
    }
    let (count, _) = cheapest[word.len()]?;
    if count < 2 {
        return None;
    }
    let mut pieces = Vec::new();
    let mut j = word.len();
    while j > 0 {
        let (_, i) = cheapest[j]?;
        pieces.push(&word[i..j]);
        j = i;
    }
    pieces.reverse();
    Some(pieces)
}

fn ascii(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::PathBuf;

    /// Object and parameter names: (BBF name, field_name, type_name).
    /// const_name is checked against field_name on every row.
    #[rustfmt::skip]
    const NAMES: &[(&str, &str, &str)] = &[
        // Plain CamelCase.
        ("Device", "device", "Device"),
        ("DeviceInfo", "device_info", "DeviceInfo"),
        ("NumberOfEntries", "number_of_entries", "NumberOfEntries"),
        ("Enable", "enable", "Enable"),
        ("MACAddress", "mac_address", "MacAddress"),
        ("UDPConnectionRequestAddress", "udp_connection_request_address", "UdpConnectionRequestAddress"),
        ("STUNServerPort", "stun_server_port", "StunServerPort"),
        ("DSCPMark", "dscp_mark", "DscpMark"),
        ("SIP", "sip", "Sip"),
        ("RTP", "rtp", "Rtp"),
        ("ConnectionRequestURL", "connection_request_url", "ConnectionRequestUrl"),
        ("ManufacturerOUI", "manufacturer_oui", "ManufacturerOui"),
        ("Error_Internal", "error_internal", "ErrorInternal"),
        // Versioned acronyms stay whole; a longer run of capitals gives up its stem.
        ("IPv6Enable", "ipv6_enable", "Ipv6Enable"),
        ("Ipv6Enable", "ipv6_enable", "Ipv6Enable"),
        ("IPv4Address", "ipv4_address", "Ipv4Address"),
        ("IPV4Address", "ipv4_address", "Ipv4Address"),
        ("DHCPv4", "dhcpv4", "Dhcpv4"),
        ("ICMPv6", "icmpv6", "Icmpv6"),
        ("IKEv2SA", "ikev2_sa", "Ikev2Sa"),
        ("L2TPv3", "l2tpv3", "L2tpv3"),
        ("IPv6rd", "ipv6rd", "Ipv6rd"),
        ("BRIPv6Prefix", "br_ipv6_prefix", "BrIpv6Prefix"),
        ("PDUIPv4Address", "pdu_ipv4_address", "PduIpv4Address"),
        ("DestVendorClassIDv6", "dest_vendor_class_idv6", "DestVendorClassIdv6"),
        ("SourceMACFromVendorClassIDFilterv6", "source_mac_from_vendor_class_id_filterv6", "SourceMacFromVendorClassIdFilterv6"),
        // Runs of capitals cut only into known acronyms.
        ("WANIPConnection", "wan_ip_connection", "WanIpConnection"),
        ("WANPPPConnection", "wan_ppp_connection", "WanPppConnection"),
        ("LANHostConfigManagement", "lan_host_config_management", "LanHostConfigManagement"),
        ("WANATMF5LoopbackDiagnostics", "wan_atm_f5_loopback_diagnostics", "WanAtmF5LoopbackDiagnostics"),
        ("LANWLANConfigurationNumberOfEntries", "lan_wlan_configuration_number_of_entries", "LanWlanConfigurationNumberOfEntries"),
        ("ATUCANSIRev", "atuc_ansi_rev", "AtucAnsiRev"),
        ("XTURHECErrors", "xtur_hec_errors", "XturHecErrors"),
        ("DLOFDMAMUMIMOPPDUCount", "dl_ofdma_mu_mimo_ppdu_count", "DlOfdmaMuMimoPpduCount"),
        ("SRGOBSSPDMaxOffset", "srg_obss_pd_max_offset", "SrgObssPdMaxOffset"),
        ("DLRU106PPDUCount", "dlru106_ppdu_count", "Dlru106PpduCount"),
        ("HESSID", "hessid", "Hessid"),
        ("BSSID", "bssid", "Bssid"),
        ("TransmittedBSSID", "transmitted_bssid", "TransmittedBssid"),
        ("VLANID", "vlan_id", "VlanId"),
        ("ONUID", "onu_id", "OnuId"),
        // Vendor extensions.
        ("X_EXAMPLE-COM_MyProt", "x_example_com_my_prot", "XExampleComMyProt"),
        ("X_Aastra_GlobalVoiceProfile", "x_aastra_global_voice_profile", "XAastraGlobalVoiceProfile"),
        ("X_AastraUseBasicCodecs", "x_aastra_use_basic_codecs", "XAastraUseBasicCodecs"),
        ("X_BROADCOM-COM_WlanAdapter", "x_broadcom_com_wlan_adapter", "XBroadcomComWlanAdapter"),
        ("X_00D09E_SpecialFeature", "x_00d09e_special_feature", "X00d09eSpecialFeature"),
        // Mixed-case terms.
        ("PPPoEACName", "pppoe_ac_name", "PppoeAcName"),
        ("UPnPIGD", "upnp_igd", "UpnpIgd"),
        ("IPsec", "ipsec", "Ipsec"),
        ("ATMQoS", "atm_qos", "AtmQos"),
        ("VoIPProfile", "voip_profile", "VoipProfile"),
        ("WiFi", "wifi", "Wifi"),
        ("APMetricsWiFi6", "ap_metrics_wifi6", "ApMetricsWifi6"),
        ("HomePlug", "home_plug", "HomePlug"),
        ("ZigBee", "zigbee", "Zigbee"),
        ("ETSIM2M", "etsi_m2m", "EtsiM2m"),
        ("Cellular3GPPNetworkInfo", "cellular_3gpp_network_info", "Cellular3gppNetworkInfo"),
        ("Default8021QNumberOfEntries", "default_8021q_number_of_entries", "Default8021qNumberOfEntries"),
        ("PSKc", "pskc", "Pskc"),
        ("ForceCCo", "force_cco", "ForceCco"),
        ("AoC", "aoc", "Aoc"),
        ("WoLSupported", "wol_supported", "WolSupported"),
        ("TFlogGroupSize", "tflog_group_size", "TflogGroupSize"),
        ("PSBdHECErrorCount", "psbd_hec_error_count", "PsbdHecErrorCount"),
        ("bSTAMLDConfig", "bsta_mld_config", "BstaMldConfig"),
        ("AffiliatedbSTAList", "affiliated_bsta_list", "AffiliatedBstaList"),
        ("Profile1bSTAsDisallowed", "profile1_bstas_disallowed", "Profile1BstasDisallowed"),
        // Digits.
        ("IEEE8021x", "ieee8021x", "Ieee8021x"),
        ("IEEE80211hEnabled", "ieee80211h_enabled", "Ieee80211hEnabled"),
        ("IEEE802dot1Bridge", "ieee802dot1_bridge", "Ieee802dot1Bridge"),
        ("NTPServer1", "ntp_server1", "NtpServer1"),
        ("Layer1A", "layer1_a", "Layer1A"),
        ("AAL5CRCErrors", "aal5_crc_errors", "Aal5CrcErrors"),
        ("BW16MHzShortGI", "bw16_mhz_short_gi", "Bw16MhzShortGi"),
        ("S1GLong", "s1_g_long", "S1GLong"),
        ("Packets1024to1518Bytes", "packets1024_to_1518_bytes", "Packets1024To1518Bytes"),
        ("Beamformee80orLess", "beamformee80_or_less", "Beamformee80OrLess"),
        // Lowercase after capitals: plurals, DSL tails, connectives, and real words.
        ("AKMsAllowed", "akms_allowed", "AkmsAllowed"),
        ("MaxChildSAs", "max_child_sas", "MaxChildSas"),
        ("EndStationMACs", "end_station_macs", "EndStationMacs"),
        ("ACTATPds", "actatp_ds", "ActatpDs"),
        ("HLINpsds", "hlin_psds", "HlinPsds"),
        ("VirtualNoisePSDds", "virtual_noise_psd_ds", "VirtualNoisePsdDs"),
        ("UPBOKLEPb", "upbokle_pb", "UpboklePb"),
        ("LengthSMFkm", "length_smf_km", "LengthSmfKm"),
        ("SSIDtoVIDMappingNumberOfEntries", "ssid_to_vid_mapping_number_of_entries", "SsidToVidMappingNumberOfEntries"),
        ("AssociatedSTAinAPMetricsWiFi6", "associated_sta_in_ap_metrics_wifi6", "AssociatedStaInApMetricsWifi6"),
        ("RTTMinAtMax", "rtt_min_at_max", "RttMinAtMax"),
        ("ECWMin", "ecw_min", "EcwMin"),
        ("CVLANcomponents", "cvla_ncomponents", "CvlaNcomponents"), // BBF typo: no rule can tell
        // Keywords.
        ("Type", "r#type", "Type"),
        ("Ref", "r#ref", "Ref"),
        ("Self", "self_", "Self_"),
        ("Match", "r#match", "Match"),
        ("gen", "r#gen", "Gen"),
        ("Gen", "r#gen", "Gen"),
        ("Async", "r#async", "Async"),
        ("In", "r#in", "In"),
        ("Crate", "crate_", "Crate"),
        // Punctuation and non-ASCII.
        ("Device.DeviceInfo.", "device_device_info", "DeviceDeviceInfo"),
        ("Reboot()", "reboot", "Reboot"),
        ("Boot!", "boot", "Boot"),
        ("Café", "caf_u00e9", "CafU00e9"),
        ("日本", "u65e5_u672c", "U65e5U672c"),
        ("_", "underscore", "Underscore"),
    ];

    /// Enumeration values: (value, variant_name, const_name).
    #[rustfmt::skip]
    const VALUES: &[(&str, &str, &str)] = &[
        // Plain values.
        ("Up", "Up", "UP"),
        ("Down", "Down", "DOWN"),
        ("LowerLayerDown", "LowerLayerDown", "LOWER_LAYER_DOWN"),
        ("Error_Internal", "ErrorInternal", "ERROR_INTERNAL"),
        ("Error_Other", "ErrorOther", "ERROR_OTHER"),
        ("Error_NoRouteToHost", "ErrorNoRouteToHost", "ERROR_NO_ROUTE_TO_HOST"),
        ("Not Present", "NotPresent", "NOT_PRESENT"),
        ("AUTO", "Auto", "AUTO"),
        ("Auto", "Auto", "AUTO"),
        ("Error_TIMEOUT", "ErrorTimeout", "ERROR_TIMEOUT"),
        ("Error_Timeout", "ErrorTimeout", "ERROR_TIMEOUT"),
        ("CAP_NET_BIND_SERVICE", "CapNetBindService", "CAP_NET_BIND_SERVICE"),
        ("X_POWER_ADJUSTMENT", "XPowerAdjustment", "X_POWER_ADJUSTMENT"),
        ("LocalMediaError.", "LocalMediaError", "LOCAL_MEDIA_ERROR"),
        // No letters or digits.
        ("", "Empty", "EMPTY"),
        ("+", "Plus", "PLUS"),
        ("*", "Star", "STAR"),
        ("-", "Minus", "MINUS"),
        (".", "Dot", "DOT"),
        ("--", "MinusMinus", "MINUS_MINUS"),
        (" ", "Space", "SPACE"),
        ("\t", "U0009", "U0009"),
        // Numbers: a leading `_`, and `_` between adjacent numbers.
        ("2.4GHz", "_2_4Ghz", "_2_4_GHZ"),
        ("802.11a", "_802_11a", "_802_11A"),
        ("802.11ac", "_802_11ac", "_802_11AC"),
        ("802.11 2.4 GHz", "_802_11_2_4Ghz", "_802_11_2_4_GHZ"),
        ("10BASE-T", "_10BaseT", "_10_BASE_T"),
        ("1000Mbps", "_1000Mbps", "_1000_MBPS"),
        ("1.0", "_1_0", "_1_0"),
        ("10", "_10", "_10"),
        ("2-out-of-3", "_2OutOf3", "_2_OUT_OF_3"),
        ("G.711MuLaw", "G711MuLaw", "G_711_MU_LAW"),
        ("G.729.1", "G729_1", "G_729_1"),
        ("G.992.3_Annex_K_ATM", "G992_3AnnexKAtm", "G_992_3_ANNEX_K_ATM"),
        ("HMAC-SHA2-256-128", "HmacSha2_256_128", "HMAC_SHA2_256_128"),
        ("IEEE 802.11n 2.4", "Ieee802_11n2_4", "IEEE_802_11N_2_4"),
        ("1xLTF_0.8us", "_1xLtf0_8us", "_1X_LTF_0_8US"),
        ("2B1Q", "_2B1Q", "_2_B1_Q"),
        ("5G-RG", "_5GRg", "_5_G_RG"),
        ("O2-3", "O2_3", "O2_3"),
        ("m25300MHz", "M25300Mhz", "M25300_MHZ"),
        ("x86_64", "X86_64", "X86_64"),
        ("3GPP access", "_3gppAccess", "_3GPP_ACCESS"),
        // Symbols that tell values apart.
        ("80+80MHz", "_80Plus80Mhz", "_80_PLUS_80_MHZ"),
        ("UBR", "Ubr", "UBR"),
        ("UBR+", "UbrPlus", "UBR_PLUS"),
        ("VBR-nrt", "VbrNrt", "VBR_NRT"),
        ("VBR-NRT", "VbrNrt", "VBR_NRT"),
        ("dpp+psk+sae", "DppPlusPskPlusSae", "DPP_PLUS_PSK_PLUS_SAE"),
        // Acronyms, versions and mixed case.
        ("IPv4", "Ipv4", "IPV4"),
        ("IPv4v6", "Ipv4v6", "IPV4V6"),
        ("RIPv2", "Ripv2", "RIPV2"),
        ("RIPng", "Ripng", "RIPNG"),
        ("SNMPv2c", "Snmpv2c", "SNMPV2C"),
        ("MoCAv1.1", "Mocav1_1", "MOCAV1_1"),
        ("PPPoE_Bridged", "PppoeBridged", "PPPOE_BRIDGED"),
        ("ADSL_G.dmt.bis", "AdslGDmtBis", "ADSL_G_DMT_BIS"),
        ("ADSL_2plus", "Adsl2plus", "ADSL_2PLUS"),
        ("Wi-Fi", "WiFi", "WI_FI"),
        ("Z-Wave", "ZWave", "Z_WAVE"),
        ("xHCI", "XHci", "X_HCI"),
        ("iLBC", "Ilbc", "ILBC"),
        ("eSIM", "Esim", "ESIM"),
        ("OSGiBundle", "OsgiBundle", "OSGI_BUNDLE"),
        ("image/jpeg", "ImageJpeg", "IMAGE_JPEG"),
        ("non-AP/non-PCP STA", "NonApNonPcpSta", "NON_AP_NON_PCP_STA"),
        ("TDLS_Peer_Power_Save_Mode_(PSM)", "TdlsPeerPowerSaveModePsm", "TDLS_PEER_POWER_SAVE_MODE_PSM"),
        // Connectives between acronyms and numbers.
        ("WPAand11i", "WpaAnd11i", "WPA_AND11I"),
        ("EAPandPSKAuthentication", "EapAndPskAuthentication", "EAP_AND_PSK_AUTHENTICATION"),
        ("ruleDAandDSCPnoVLAN", "RuleDaAndDscpNoVlan", "RULE_DA_AND_DSCP_NO_VLAN"),
        ("ruleDAVLANtag4or5", "RuleDavlanTag4Or5", "RULE_DAVLAN_TAG4_OR_5"),
        ("alternates0and1", "Alternates0And1", "ALTERNATES0_AND_1"),
        // Keywords and non-ASCII.
        ("Self", "Self_", "SELF"),
        ("Type", "Type", "TYPE"),
        ("Café", "CafU00e9", "CAF_U00E9"),
    ];

    #[test]
    fn tables() {
        assert!(NAMES.len() + VALUES.len() >= 150);
        for &(bbf, field, ty) in NAMES {
            let got = (field_name(bbf), type_name(bbf));
            assert_eq!(got, (field.into(), ty.into()), "{bbf:?}");
        }
        for &(value, variant, constant) in VALUES {
            let got = (variant_name(value), const_name(value));
            assert_eq!(got, (variant.into(), constant.into()), "{value:?}");
        }
        // const_name has field_name's words, minus any keyword escape.
        for bbf in NAMES.iter().map(|r| r.0).chain(VALUES.iter().map(|r| r.0)) {
            let field = field_name(bbf);
            let field = field.strip_prefix("r#").unwrap_or(&field);
            let field = match field.strip_suffix('_') {
                Some(keyword) if NON_RAW_KEYWORDS.contains(&keyword) => keyword,
                _ => field,
            };
            assert_eq!(const_name(bbf), field.to_ascii_uppercase(), "{bbf:?}");
        }
    }

    #[test]
    fn keywords() {
        for kw in RAW_KEYWORDS {
            assert_eq!(field_name(kw), format!("r#{kw}"));
        }
        for (kw, field) in [("self", "self_"), ("super", "super_"), ("crate", "crate_")] {
            assert_eq!(field_name(kw), field);
        }
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(variant_name("self"), "Self_");
        assert_eq!(const_name("Self"), "SELF");
    }

    #[test]
    fn valid_idents() {
        let valid = ["a", "_a", "_2_4_ghz", "A1", "r#type", "r#gen", "union"];
        let invalid = [
            "", "_", "r#", "r#_", "r#self", "r#Self", "r#crate", "self", "Self", "type", "gen",
            "try", "2a", "a-b", "a b", "r#r#a", "é", "a.b",
        ];
        for s in valid {
            assert!(is_valid_ident(s), "{s:?} should be valid");
        }
        for s in invalid {
            assert!(!is_valid_ident(s), "{s:?} should be invalid");
        }
    }

    #[test]
    fn collisions() {
        let names = "IPv6Enable Enable Ipv6Enable IPv6Enable IPV6Enable".split(' ');
        let found = find_collisions(names, field_name);
        let pairs: Vec<_> = found.iter().map(|c| (&*c.first, &*c.second)).collect();
        let expected = [("IPv6Enable", "Ipv6Enable"), ("IPv6Enable", "IPV6Enable")];
        assert_eq!(pairs, expected);
        assert_eq!(
            found[0].message(),
            "`IPv6Enable` and `Ipv6Enable` both map to the Rust identifier `ipv6_enable`; \
             rename one of them (a vendor extension can use a distinct X_<VENDOR>_ prefix)"
        );
        let vendor = find_collisions(["X_A-B_C", "X_A_B_C"], type_name);
        assert_eq!(vendor[0].ident, "XABC");
        assert_eq!(find_collisions(["1.0", "10", "1_0"], variant_name).len(), 1);
        assert!(find_collisions(["UBR", "UBR+", "VBR-rt"], variant_name).is_empty());
    }

    /// rustc's `non_snake_case` check: once the outer underscores are
    /// trimmed, no uppercase and no `__`.
    fn lint_snake(ident: &str) -> bool {
        let ident = ident.strip_prefix("r#").unwrap_or(ident).trim_matches('_');
        !ident.contains("__") && !ident.chars().any(|c| c.is_ascii_uppercase())
    }

    /// rustc's `non_camel_case_types` check: once the outer underscores are
    /// trimmed, no leading lowercase, no `__` and no `_` next to a letter.
    fn lint_camel(ident: &str) -> bool {
        let ident = ident.trim_matches('_');
        let letter_by_underscore = |w: &[u8]| {
            (w[0] == b'_' && w[1].is_ascii_alphabetic())
                || (w[1] == b'_' && w[0].is_ascii_alphabetic())
        };
        !ident.starts_with(|c: char| c.is_ascii_lowercase())
            && !ident.contains("__")
            && !ident.as_bytes().windows(2).any(letter_by_underscore)
    }

    fn assert_all_valid(s: &str) {
        let field = field_name(s);
        let snake_ok = is_valid_ident(&field) && lint_snake(&field);
        assert!(snake_ok, "field_name({s:?}) = {field}");
        for camel in [type_name(s), variant_name(s)] {
            let camel_ok = is_valid_ident(&camel) && lint_camel(&camel);
            assert!(camel_ok, "type_name({s:?}) = {camel}");
        }
        let constant = const_name(s);
        let upper = !constant.chars().any(|c| c.is_ascii_lowercase());
        assert!(is_valid_ident(&constant) && upper, "{s:?} -> {constant}");
    }

    /// Every string of up to three characters over an alphabet of awkward
    /// cases, then pseudo-random strings of BBF fragments and printable
    /// ASCII: every result must be an identifier that passes rustc's lints.
    #[test]
    fn fuzz() {
        let alphabet = "aBIPvs60_-. +éX";
        let mut strings = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = strings
                .iter()
                .flat_map(|s| alphabet.chars().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(longer);
        }
        let pieces = [
            "IPv", "6", "v2", "rd", "Self", "self", "type", "gen", "X_", "-COM_", "00D09E", "WAN",
            "IP", "ds", "to", "bSTA", "GHz", "MoCA", "s", "A", "z", "9", ".", "(", "€", "\0", "🦀",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut s = String::new();
            for k in 0..seed % 7 {
                let pick = (seed >> (8 * k + 3)) as usize;
                match pick % 3 {
                    0 => s.push(char::from(b' ' + (pick / 3 % 95) as u8)),
                    _ => s.push_str(pieces[pick / 3 % pieces.len()]),
                }
            }
            strings.push(s);
        }
        for s in &strings {
            assert_all_valid(s);
        }
    }

    /// What the corpus test needs from the BBF XML: every name and value, and
    /// the groups within which two names must not meet (the children of one
    /// object or component, the values of one enumeration), keyed by file and
    /// path so that different models and versions stay apart.
    #[derive(Default)]
    struct Corpus {
        names: BTreeSet<String>,
        values: BTreeSet<String>,
        siblings: BTreeMap<String, Vec<String>>,
        enums: BTreeMap<String, Vec<String>>,
    }

    /// `CWMP_BBF_DIR` if set, else `shared/bbf` beside the workspace, where the
    /// project (and CI) keeps the corpus.
    fn bbf_dir() -> Option<PathBuf> {
        let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let from_env = std::env::var_os("CWMP_BBF_DIR").map(PathBuf::from);
        let beside = manifest.ancestors().map(|a| a.join("shared/bbf"));
        from_env.into_iter().chain(beside).find(|d| d.is_dir())
    }

    fn attr<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
        let mut rest = tag;
        while let Some(eq) = rest.find("=\"") {
            let key = rest[..eq].rsplit(char::is_whitespace).next()?;
            let value = &rest[eq + 2..];
            let len = value.find('"')?;
            if key == name {
                return Some(&value[..len]);
            }
            rest = &value[len + 1..];
        }
        None
    }

    /// A small tag scanner rather than an XML parser: the BBF files are
    /// regular enough that a stack of the open object, component, command,
    /// event, parameter and dataType elements gives every name its parent.
    fn scan(file: &str, xml: &str, corpus: &mut Corpus) {
        const NESTING: &[&str] = &[
            "object",
            "component",
            "command",
            "event",
            "parameter",
            "dataType",
        ];
        let mut stack: Vec<String> = Vec::new();
        let mut rest = xml;
        while let Some(lt) = rest.find('<') {
            rest = &rest[lt..];
            if let Some(comment) = rest.strip_prefix("<!--") {
                rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
                continue;
            }
            let Some(gt) = rest.find('>') else { break };
            let tag = &rest[1..gt];
            rest = &rest[gt + 1..];
            if let Some(closing) = tag.strip_prefix('/') {
                if NESTING.contains(&closing.trim()) {
                    stack.pop();
                }
                continue;
            }
            let kind = tag.split([' ', '\t', '\r', '\n', '/']).next().unwrap_or("");
            let name = attr(tag, "name").or_else(|| attr(tag, "base"));
            let parent = stack.last().cloned().unwrap_or_else(|| file.to_string());
            let key = match (kind, name) {
                ("object", Some(path)) => {
                    let path = path.replace(".{i}", "");
                    let path = path.trim_end_matches('.');
                    let (parent_path, last) = path.rsplit_once('.').unwrap_or(("", path));
                    corpus.names.insert(last.to_string());
                    let group = corpus.siblings.entry(format!("{file}|{parent_path}"));
                    group.or_default().push(last.to_string());
                    format!("{file}|{path}")
                }
                ("parameter", Some(name)) => {
                    corpus.names.insert(name.to_string());
                    let group = corpus.siblings.entry(parent.clone());
                    group.or_default().push(name.to_string());
                    format!("{parent}|{name}")
                }
                ("component" | "command" | "event" | "dataType" | "model", Some(name)) => {
                    corpus.names.insert(name.to_string());
                    format!("{file}|{kind}:{name}")
                }
                ("enumeration", _) => {
                    if let Some(value) = attr(tag, "value") {
                        corpus.values.insert(value.to_string());
                        corpus
                            .enums
                            .entry(parent)
                            .or_default()
                            .push(value.to_string());
                    }
                    continue;
                }
                _ => format!("{parent}|{kind}"),
            };
            if NESTING.contains(&kind) && !tag.ends_with('/') {
                stack.push(key);
            }
        }
    }

    /// Collisions that are really in the BBF files, as (first, second). The
    /// Thread security policy flags are case-sensitive letters (`c`/`C`,
    /// `r`/`R`); codegen has to disambiguate such values itself.
    const KNOWN_CORPUS_COLLISIONS: &[(&str, &str)] = &[("C", "c"), ("R", "r")];

    #[test]
    fn bbf_corpus() {
        let Some(dir) = bbf_dir() else {
            println!("note: no BBF corpus (shared/bbf or CWMP_BBF_DIR); test skipped");
            return;
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("read BBF dir")
            .filter_map(|entry| Some(entry.ok()?.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "xml"))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "no XML in {}", dir.display());
        let mut corpus = Corpus::default();
        for path in &files {
            let xml = std::fs::read_to_string(path).expect("read BBF file");
            let file = path.file_name().map(|f| f.to_string_lossy().into_owned());
            scan(&file.unwrap_or_default(), &xml, &mut corpus);
        }
        for s in corpus.names.iter().chain(&corpus.values) {
            assert_all_valid(s);
        }
        let (names, values) = (corpus.names.len(), corpus.values.len());
        println!("{names} names, {values} values; collisions:");
        let fields = corpus
            .siblings
            .iter()
            .map(|g| (g, field_name as fn(&str) -> String));
        let variants = corpus
            .enums
            .iter()
            .map(|g| (g, variant_name as fn(&str) -> String));
        let mut unexpected = Vec::new();
        for ((group, members), f) in fields.chain(variants) {
            for c in find_collisions(members.iter().map(String::as_str), f) {
                let message = format!("{group}: {}", c.message());
                println!("  {message}");
                let pair = (c.first.as_str(), c.second.as_str());
                let is_pair = |&(a, b): &(&str, &str)| pair == (a, b) || pair == (b, a);
                if !KNOWN_CORPUS_COLLISIONS.iter().any(is_pair) {
                    unexpected.push(message);
                }
            }
        }
        assert!(unexpected.is_empty(), "new: {unexpected:#?}");
    }
}
