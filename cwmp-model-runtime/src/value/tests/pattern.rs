//! XSD pattern translation and matching.

use crate::value::*;

fn matches(xsd: &'static str, s: &str) -> bool {
    Pattern::new(xsd)
        .is_match(s)
        .unwrap_or_else(|e| panic!("{e}"))
}

const IPV4: &str =
    r"((25[0-5]|2[0-4][0-9]|[01]?[0-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|[01]?[0-9]?[0-9])";
const MAC: &str = r"([0-9A-Fa-f][0-9A-Fa-f]:){5}([0-9A-Fa-f][0-9A-Fa-f])";

#[test]
fn real_bbf_patterns_match_real_values() {
    // (pattern, accepted, refused)
    let cases: &[(&'static str, &[&str], &[&str])] = &[
        (
            IPV4,
            &["192.168.1.1", "0.0.0.0", "255.255.255.255", "10.0.0.01"],
            &[
                "256.1.1.1",
                "1.2.3",
                "1.2.3.4.5",
                "",
                " 1.2.3.4",
                "1.2.3.4\n",
                "1a2.3.4",
            ],
        ),
        (
            MAC,
            &["00:1A:2b:3C:4d:5E", "ff:ff:ff:ff:ff:ff"],
            &[
                "00-1A-2B-3C-4D-5E",
                "00:1A:2B:3C:4D",
                "00:1A:2B:3C:4D:5E:6F",
                "0:1A:2B:3C:4D:5E",
            ],
        ),
        (
            "[0-9A-F]{6}",
            &["00D09E", "ABCDEF"],
            &["00d09e", "00D09", "00D09EF", ""],
        ),
        ("", &[""], &[" ", "a"]),
        (
            "[0-9]|[1-5][0-9]|6[0-3]",
            &["0", "9", "10", "59", "63"],
            &["64", "", "00", "1x", "x1", "7x"],
        ),
        (
            r"\d{4}|\d{8}",
            &["1234", "12345678"],
            &["12345", "123", "123456789"],
        ),
        ("X_.+", &["X_ACME_Foo"], &["X_", "Y_a", "X_a\nb"]),
        (
            "urn:[A-Za-z0-9][A-Za-z0-9-]{0,30}[A-Za-z0-9]:.+",
            &["urn:broadband-forum-org:tr-181"],
            &["urn:-bad:x", "urn:a:"],
        ),
        (
            "([0-9]{1,15}?[BKMGT])",
            &["100M", "1T"],
            &["M", "100", "100m"],
        ),
        (r"\d+(\.\d+)*", &["1", "1.2.3"], &["1.", ".1", "1..2"]),
        ("[A-Z][A-Z][ OI]", &["US ", "FRO"], &["US", "USA"]),
        ("H\\.248", &["H.248"], &["Hx248"]),
    ];
    for (xsd, good, bad) in cases {
        for s in *good {
            assert!(matches(xsd, s), "`{xsd}` should match {s:?}");
        }
        for s in *bad {
            assert!(!matches(xsd, s), "`{xsd}` should not match {s:?}");
        }
    }
}

#[test]
fn translations() {
    let cases = [
        ("", "^(?:)$"),
        ("a|b", "^(?:a|b)$"),
        ("(ab)+", "^(?:(?:ab)+)$"),
        ("a^b$", r"^(?:a\^b\$)$"),
        (".", r"^(?:[^\n\r])$"),
        ("[a-z-[aeiou]]", "^(?:[[a-z]--[aeiou]])$"),
        ("[^a-z-[aeiou]]", "^(?:[[^a-z]--[aeiou]])$"),
        ("[a-[b-[c]]]", "^(?:[[a]--[[b]--[c]]])$"),
        ("[A-Za-z0-9-]", r"^(?:[A-Za-z0-9\-])$"),
        ("[-a]", r"^(?:[\-a])$"),
        ("[a^]", r"^(?:[a\^])$"),
        ("[&&]", r"^(?:[\&\&])$"),
        ("a{2}", "^(?:a{2})$"),
        ("a{2,2}", "^(?:a{2})$"),
        ("a{2,}", "^(?:a{2,})$"),
        ("a{0,3}?", "^(?:a{0,3})$"),
        (r"\s\S", r"^(?:[ \t\n\r][^ \t\n\r])$"),
        (r"\d\D", r"^(?:\p{Nd}\P{Nd})$"),
        (r"\p{Lu}\P{N}", r"^(?:\p{Lu}\P{N})$"),
        (r"\p{IsBasicLatin}", r"^(?:[\x{0}-\x{7F}])$"),
        (
            r"\P{IsSpecials}",
            r"^(?:[^\x{FEFF}-\x{FEFF}\x{FFF0}-\x{FFFD}])$",
        ),
        (r"[\p{IsGreek}a]", r"^(?:[[\x{370}-\x{3FF}]a])$"),
        (
            r"\n\r\t\\\|\.\-\^\?\*\+\{\}\(\)\[\]",
            r"^(?:\x{A}\x{D}\x{9}\\\|\.\-\^\?\*\+\{\}\(\)\[\])$",
        ),
        ("<a>#", "^(?:<a>\\#)$"),
    ];
    for (xsd, rust) in cases {
        assert_eq!(translate_pattern(xsd).as_deref(), Ok(rust), "{xsd}");
        assert!(Pattern::new(Box::leak(xsd.into())).regex().is_ok(), "{xsd}");
    }
}

#[test]
fn xsd_semantics_survive_translation() {
    // `\w` in XSD includes symbols that `regex`'s `\w` does not.
    assert!(matches(r"\w+", "a+1=é"));
    assert!(!matches(r"\w", " "));
    assert!(!matches(r"\w", "-"));
    // `\s` is only the four XML white-space characters.
    assert!(matches(r"\s", "\t"));
    assert!(!matches(r"\s", "\u{a0}"));
    // `\d` is any Unicode decimal digit.
    assert!(matches(r"\d", "٣"));
    // `\i` and `\c`: XML name characters.
    assert!(matches(r"\i\c*", "_x-1.é:b"));
    assert!(!matches(r"\i", "1"));
    assert!(!matches(r"\c", " "));
    assert!(matches(r"\I", "1") && matches(r"\C", " "));
    // `.` excludes only CR and LF.
    assert!(matches(".", "\t") && !matches(".", "\r") && !matches(".", "\n"));
    // Subtraction from a negated group.
    assert!(matches("[^a-c-[x]]", "d"));
    assert!(!matches("[^a-c-[x]]", "x"));
    assert!(!matches("[^a-c-[x]]", "b"));
    assert!(matches("[a-z-[aeiou]]+", "xyz"));
    assert!(!matches("[a-z-[aeiou]]+", "xaz"));
    // Blocks.
    assert!(matches(r"\p{IsBasicLatin}+", "abc~"));
    assert!(!matches(r"\p{IsBasicLatin}", "é"));
    assert!(matches(r"\p{IsCJKUnifiedIdeographs}", "中"));
    // Alternatives are anchored as a whole.
    assert!(!matches("ab|cd", "abcd"));
    assert!(!matches("a|b", "ab"));
}

#[test]
fn unusable_patterns_are_reported() {
    let cases = [
        ("(", "missing `)`"),
        ("a)", "unmatched `)`"),
        ("[a", "missing `]`"),
        ("[]", "empty character class"),
        ("[a[b]]", "`[` inside a class"),
        ("[z-a]", "reversed"),
        ("[a-\\d]", "class escape cannot end a range"),
        ("*a", "nothing to repeat"),
        ("a**", "cannot repeat a quantifier"),
        ("a{2", "expected `}`"),
        ("a{,2}", "expected a number"),
        ("a{3,2}", "max below min"),
        ("a{99999999999}", "too large"),
        ("a]", "must be escaped"),
        ("a}", "must be escaped"),
        ("\\", "at the end"),
        ("\\z", "`\\z` is not an XSD escape"),
        ("\\$", "`\\$` is not an XSD escape"),
        ("\\p{Foo}", "not an XSD character category"),
        ("\\p{IsKlingon}", "unknown or unsupported Unicode block"),
        (
            "\\p{IsHighSurrogates}",
            "unknown or unsupported Unicode block",
        ),
        ("\\p{Lu", "missing `}`"),
        ("\\pL", "expected `{`"),
        ("a{1000000}", "refuses the translation"),
    ];
    for (xsd, reason) in cases {
        let pattern = Pattern::new(xsd);
        let err = pattern.is_match("a").unwrap_err();
        assert!(err.reason.contains(reason), "{xsd}: {err}");
        assert_eq!(err.pattern, xsd);
        // The failure is cached and reported again, identically.
        assert_eq!(pattern.is_match("b").unwrap_err(), err);
    }
    let deep = Box::leak(format!("{}a{}", "(".repeat(500), ")".repeat(500)).into_boxed_str());
    let err = Pattern::new(deep).regex().unwrap_err();
    assert!(err.reason.contains("nested more than"), "{err}");
}

#[test]
fn patterns_compare_by_text() {
    static P: Pattern = Pattern::new("a+");
    assert!(P.is_match("aaa").unwrap());
    let copy = P.clone();
    assert_eq!(copy, Pattern::new("a+"));
    assert_eq!(format!("{copy:?}"), r#"Pattern("a+")"#);
    assert_eq!(copy.to_string(), "a+");
}
