//! `Syntax::check`: every facet kind, lists, and fault codes.

use crate::value::*;

/// The error message of a check that must fail with fault `code`.
fn refused(syntax: &Syntax, text: &str, writer: Writer, code: u32) -> String {
    match syntax.check(text, writer) {
        Ok(values) => panic!("{text:?} accepted as {values:?}"),
        Err(e) => {
            assert_eq!(e.fault_code(), code, "{text:?}: {e}");
            e.to_string()
        }
    }
}

fn accepted(syntax: &Syntax, text: &str) -> Vec<Value> {
    syntax
        .check(text, Writer::Acs)
        .unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

#[test]
fn type_errors_are_9006() {
    let syntax = Syntax::new(BaseType::UnsignedInt);
    assert_eq!(accepted(&syntax, " 7 "), [Value::UnsignedInt(7)]);
    let message = refused(&syntax, "seven", Writer::Acs, 9006);
    assert_eq!(
        message,
        "expected unsignedInt, found `seven`: `s` is not a decimal digit"
    );
    assert!(matches!(
        syntax.check("-1", Writer::Device),
        Err(SyntaxError::Type(TypeError {
            expected: BaseType::UnsignedInt,
            ..
        }))
    ));
}

#[test]
fn ranges() {
    static PORT: Syntax = Syntax {
        ranges: &[Range {
            min: Some("1"),
            max: Some("65535"),
            step: None,
        }],
        ..Syntax::new(BaseType::UnsignedInt)
    };
    assert_eq!(accepted(&PORT, "1"), [Value::UnsignedInt(1)]);
    assert_eq!(accepted(&PORT, "65535"), [Value::UnsignedInt(65535)]);
    assert_eq!(
        refused(&PORT, "70000", Writer::Acs, 9007),
        "`70000` is out of range [1:65535]"
    );
    assert_eq!(
        refused(&PORT, "0", Writer::Device, 9007),
        "`0` is out of range [1:65535]"
    );

    static UNION: Syntax = Syntax {
        ranges: &[
            Range {
                min: Some("-1"),
                max: Some("-1"),
                step: None,
            },
            Range {
                min: Some("10"),
                max: None,
                step: None,
            },
        ],
        ..Syntax::new(BaseType::Int)
    };
    for ok in ["-1", "10", "2147483647"] {
        accepted(&UNION, ok);
    }
    assert_eq!(
        refused(&UNION, "0", Writer::Acs, 9007),
        "`0` is out of range [-1:-1], [10:]"
    );

    static STEPPED: Syntax = Syntax {
        ranges: &[Range {
            min: Some("100"),
            max: Some("1000"),
            step: Some("125"),
        }],
        ..Syntax::new(BaseType::UnsignedInt)
    };
    for ok in ["100", "225", "975"] {
        accepted(&STEPPED, ok);
    }
    assert_eq!(
        refused(&STEPPED, "125", Writer::Acs, 9007),
        "`125` is out of range [100:1000 step 125]"
    );
    refused(&STEPPED, "1100", Writer::Acs, 9007);

    static FROM_ZERO: Syntax = Syntax {
        ranges: &[Range {
            min: None,
            max: Some("10"),
            step: Some("4"),
        }],
        ..Syntax::new(BaseType::Long)
    };
    for ok in ["-8", "0", "8"] {
        accepted(&FROM_ZERO, ok);
    }
    refused(&FROM_ZERO, "-2", Writer::Acs, 9007);
    refused(&FROM_ZERO, "12", Writer::Acs, 9007);

    static BIG: Syntax = Syntax {
        ranges: &[Range {
            min: Some("9223372036854775808"),
            max: None,
            step: None,
        }],
        ..Syntax::new(BaseType::UnsignedLong)
    };
    accepted(&BIG, "18446744073709551615");
    refused(&BIG, "9223372036854775807", Writer::Acs, 9007);

    static DECIMAL: Syntax = Syntax {
        ranges: &[Range {
            min: Some("-90.0"),
            max: Some("90"),
            step: Some("0.25"),
        }],
        ..Syntax::new(BaseType::Decimal)
    };
    assert_eq!(
        accepted(&DECIMAL, "-89.75"),
        [Value::Decimal("-89.75".parse().unwrap())]
    );
    accepted(&DECIMAL, "90.000");
    refused(&DECIMAL, "90.25", Writer::Acs, 9007);
    refused(&DECIMAL, "1.1", Writer::Acs, 9007);
}

#[test]
fn broken_ranges_are_the_models_fault() {
    for range in [
        Range {
            min: Some("one"),
            max: None,
            step: None,
        },
        Range {
            min: None,
            max: Some("1e3"),
            step: None,
        },
        Range {
            min: Some("0"),
            max: None,
            step: Some("0"),
        },
        Range {
            min: Some("0"),
            max: None,
            step: Some("-5"),
        },
    ] {
        let ranges: &'static [Range] = Box::leak(Box::new([range]));
        let syntax = Syntax {
            ranges,
            ..Syntax::new(BaseType::Int)
        };
        let message = refused(&syntax, "5", Writer::Acs, 9002);
        assert!(
            message.starts_with("the data model's range facet is unusable"),
            "{message}"
        );
    }
}

#[test]
fn sizes() {
    static NAME: Syntax = Syntax {
        sizes: &[Size {
            min: None,
            max: Some(64),
        }],
        ..Syntax::new(BaseType::String)
    };
    accepted(&NAME, &"é".repeat(64));
    assert_eq!(
        refused(&NAME, &"x".repeat(70), Writer::Acs, 9007),
        "length 70 exceeds maxLength 64"
    );
    static AT_LEAST: Syntax = Syntax {
        sizes: &[Size {
            min: Some(3),
            max: None,
        }],
        ..Syntax::new(BaseType::String)
    };
    assert_eq!(
        refused(&AT_LEAST, "ab", Writer::Acs, 9007),
        "length 2 is less than minLength 3"
    );
    static EITHER: Syntax = Syntax {
        sizes: &[
            Size {
                min: Some(0),
                max: Some(0),
            },
            Size {
                min: Some(8),
                max: Some(63),
            },
        ],
        ..Syntax::new(BaseType::String)
    };
    accepted(&EITHER, "");
    accepted(&EITHER, "12345678");
    assert_eq!(
        refused(&EITHER, "1234", Writer::Acs, 9007),
        "length 4 is not within any of the sizes [0:0], [8:63]"
    );
    // Binary sizes count decoded bytes.
    static KEY: Syntax = Syntax {
        sizes: &[Size {
            min: Some(2),
            max: Some(2),
        }],
        ..Syntax::new(BaseType::HexBinary)
    };
    accepted(&KEY, "ABCD");
    refused(&KEY, "ABCDEF", Writer::Acs, 9007);
    static BLOB: Syntax = Syntax {
        sizes: &[Size {
            min: None,
            max: Some(3),
        }],
        ..Syntax::new(BaseType::Base64)
    };
    accepted(&BLOB, "Zm9v");
    assert_eq!(
        refused(&BLOB, "Zm9vYg==", Writer::Acs, 9007),
        "length 4 exceeds maxLength 3"
    );
    // An empty `<size/>` constrains nothing; sizes on numbers are ignored.
    let open = Syntax {
        sizes: &[Size {
            min: None,
            max: None,
        }],
        ..Syntax::new(BaseType::String)
    };
    accepted(&open, &"x".repeat(10_000));
    let number = Syntax {
        sizes: &[Size {
            min: None,
            max: Some(1),
        }],
        ..Syntax::new(BaseType::Int)
    };
    accepted(&number, "12345");
}

static STATUS: Syntax = Syntax {
    enumerations: &[
        Enumeration {
            value: "Up",
            read_only: false,
        },
        Enumeration {
            value: "Down",
            read_only: false,
        },
        Enumeration {
            value: "Error",
            read_only: true,
        },
    ],
    ..Syntax::new(BaseType::String)
};

#[test]
fn enumerations() {
    assert_eq!(accepted(&STATUS, "Up"), [Value::from("Up")]);
    assert_eq!(
        refused(&STATUS, "x", Writer::Acs, 9007),
        "`x` is not one of: Up, Down"
    );
    // Exact match: no trimming, no case folding for strings.
    refused(&STATUS, "up", Writer::Acs, 9007);
    refused(&STATUS, " Up", Writer::Acs, 9007);
    refused(&STATUS, "", Writer::Acs, 9007);
    // Read-only values: the device may write them, the ACS may not.
    assert_eq!(
        STATUS.check("Error", Writer::Device),
        Ok(vec![Value::from("Error")])
    );
    let err = STATUS.check("Error", Writer::Acs).unwrap_err();
    assert_eq!(
        err.to_string(),
        "`Error` is a read-only value that the ACS may not set"
    );
    assert!(matches!(
        err,
        SyntaxError::Value {
            facet: Facet::ReadOnly,
            ..
        }
    ));
    assert_eq!(
        refused(&STATUS, "x", Writer::Device, 9007),
        "`x` is not one of: Up, Down, Error"
    );

    // Non-string enumerations compare values, not spellings.
    static LEVEL: Syntax = Syntax {
        enumerations: &[Enumeration {
            value: "1",
            read_only: false,
        }],
        ..Syntax::new(BaseType::UnsignedInt)
    };
    accepted(&LEVEL, "01");
    accepted(&LEVEL, " 1 ");
    refused(&LEVEL, "2", Writer::Acs, 9007);

    // Long lists are cut short in messages.
    let many: &'static [Enumeration] = Box::leak(
        (0..40)
            .map(|i| Enumeration {
                value: Box::leak(format!("V{i}").into_boxed_str()),
                read_only: false,
            })
            .collect::<Vec<_>>()
            .into_boxed_slice(),
    );
    let syntax = Syntax {
        enumerations: many,
        ..Syntax::new(BaseType::String)
    };
    let message = refused(&syntax, "x", Writer::Acs, 9007);
    assert!(message.ends_with("V15, … (24 more)"), "{message}");
}

static OUI_PATTERNS: [Pattern; 1] = [Pattern::new("[0-9A-F]{6}")];
static OUI: Syntax = Syntax {
    patterns: &OUI_PATTERNS,
    ..Syntax::new(BaseType::String)
};

#[test]
fn patterns() {
    accepted(&OUI, "00D09E");
    let err = OUI.check("00d09e", Writer::Acs).unwrap_err();
    assert_eq!(
        err.to_string(),
        "`00d09e` does not match pattern `[0-9A-F]{6}`"
    );
    assert!(matches!(
        err,
        SyntaxError::Value {
            facet: Facet::Pattern,
            ..
        }
    ));

    static EMPTY_OR_IP_PATTERNS: [Pattern; 2] = [Pattern::new(""), Pattern::new(r"(\d+\.){3}\d+")];
    static EMPTY_OR_IP: Syntax = Syntax {
        patterns: &EMPTY_OR_IP_PATTERNS,
        ..Syntax::new(BaseType::String)
    };
    accepted(&EMPTY_OR_IP, "");
    accepted(&EMPTY_OR_IP, "1.2.3.4");
    assert_eq!(
        refused(&EMPTY_OR_IP, "x", Writer::Acs, 9007),
        r"`x` does not match any of the patterns ``, `(\d+\.){3}\d+`"
    );

    // An unusable pattern is the model's fault, unless another one matches.
    static HALF_BROKEN_PATTERNS: [Pattern; 2] = [Pattern::new("(a"), Pattern::new("b")];
    static HALF_BROKEN: Syntax = Syntax {
        patterns: &HALF_BROKEN_PATTERNS,
        ..Syntax::new(BaseType::String)
    };
    accepted(&HALF_BROKEN, "b");
    let message = refused(&HALF_BROKEN, "a", Writer::Acs, 9002);
    assert!(
        message.contains("pattern facet is unusable: `(a`"),
        "{message}"
    );

    // Patterns see non-string values as written, minus surrounding space.
    static TWO_DIGITS_PATTERNS: [Pattern; 1] = [Pattern::new("[0-9]{2}")];
    static TWO_DIGITS: Syntax = Syntax {
        patterns: &TWO_DIGITS_PATTERNS,
        ..Syntax::new(BaseType::UnsignedInt)
    };
    accepted(&TWO_DIGITS, " 07 ");
    refused(&TWO_DIGITS, "7", Writer::Acs, 9007);
}

#[test]
fn enumerations_or_patterns() {
    static VENDOR_PATTERNS: [Pattern; 1] = [Pattern::new("X_.+")];
    static MODE: Syntax = Syntax {
        enumerations: &[
            Enumeration {
                value: "Auto",
                read_only: false,
            },
            Enumeration {
                value: "X_ACME_Locked",
                read_only: true,
            },
        ],
        patterns: &VENDOR_PATTERNS,
        ..Syntax::new(BaseType::String)
    };
    accepted(&MODE, "Auto");
    accepted(&MODE, "X_ACME_Turbo");
    assert_eq!(
        refused(&MODE, "Manual", Writer::Acs, 9007),
        "`Manual` is not one of: Auto, and does not match pattern `X_.+`"
    );
    // The read-only enumeration wins over the pattern that also matches.
    refused(&MODE, "X_ACME_Locked", Writer::Acs, 9007);
    assert!(MODE.check("X_ACME_Locked", Writer::Device).is_ok());
}

#[test]
fn lists() {
    static PORTS: Syntax = Syntax {
        list: Some(ListFacet {
            min_items: Some(1),
            max_items: Some(3),
            sizes: &[Size {
                min: None,
                max: Some(20),
            }],
            nested_brackets: false,
        }),
        ranges: &[Range {
            min: Some("1"),
            max: Some("65535"),
            step: None,
        }],
        ..Syntax::new(BaseType::UnsignedInt)
    };
    assert_eq!(accepted(&PORTS, "80"), [Value::UnsignedInt(80)]);
    assert_eq!(
        accepted(&PORTS, " 80 ,443,\t8080 "),
        [
            Value::UnsignedInt(80),
            Value::UnsignedInt(443),
            Value::UnsignedInt(8080)
        ]
    );
    assert_eq!(
        refused(&PORTS, "", Writer::Acs, 9007),
        "list has 0 items, fewer than minItems 1"
    );
    assert_eq!(
        refused(&PORTS, "1,2,3,4", Writer::Acs, 9007),
        "list has 4 items, more than maxItems 3"
    );
    assert_eq!(
        refused(&PORTS, "1,         2,         3", Writer::Acs, 9007),
        "list length 23 exceeds maxLength 20"
    );
    assert_eq!(
        refused(&PORTS, "80,70000", Writer::Acs, 9007),
        "`70000` is out of range [1:65535]"
    );
    refused(&PORTS, "80,http", Writer::Acs, 9006);
    refused(&PORTS, "80,,443", Writer::Acs, 9006);

    static NAMES: Syntax = Syntax {
        list: Some(ListFacet::new()),
        sizes: &[Size {
            min: None,
            max: Some(3),
        }],
        enumerations: &[
            Enumeration {
                value: "a",
                read_only: false,
            },
            Enumeration {
                value: "bb",
                read_only: false,
            },
            Enumeration {
                value: "",
                read_only: false,
            },
        ],
        ..Syntax::new(BaseType::String)
    };
    assert_eq!(accepted(&NAMES, ""), Vec::<Value>::new());
    assert_eq!(accepted(&NAMES, "  "), Vec::<Value>::new());
    assert_eq!(
        accepted(&NAMES, "a, bb"),
        [Value::from("a"), Value::from("bb")]
    );
    assert_eq!(
        accepted(&NAMES, "a,,a"),
        [Value::from("a"), Value::from(""), Value::from("a")]
    );
    refused(&NAMES, "a,c", Writer::Acs, 9007);

    static NESTED: Syntax = Syntax {
        list: Some(ListFacet {
            nested_brackets: true,
            ..ListFacet::new()
        }),
        ..Syntax::new(BaseType::String)
    };
    assert_eq!(
        accepted(&NESTED, "[1,2], [3] ,4,[[5,6],7]"),
        ["[1,2]", "[3]", "4", "[[5,6],7]"].map(Value::from)
    );
    // Unbalanced brackets do not break splitting.
    assert_eq!(accepted(&NESTED, "],a,[b,c").len(), 3);
    let flat = Syntax {
        list: Some(ListFacet::new()),
        ..Syntax::new(BaseType::String)
    };
    assert_eq!(accepted(&flat, "[1,2]").len(), 2);
}

#[test]
fn lists_of_every_type() {
    let cases = [
        (
            BaseType::Boolean,
            "true, 0",
            vec![Value::Boolean(true), Value::Boolean(false)],
        ),
        (BaseType::Int, "-1,+2", vec![Value::Int(-1), Value::Int(2)]),
        (
            BaseType::DateTime,
            "0001-01-01T00:00:00Z, 2024-01-01T00:00:00",
            vec![
                Value::DateTime(DateTime::UNKNOWN),
                Value::DateTime("2024-01-01T00:00:00".parse().unwrap()),
            ],
        ),
        (
            BaseType::HexBinary,
            "00,ff",
            vec![
                Value::HexBinary(HexBinary(vec![0])),
                Value::HexBinary(HexBinary(vec![255])),
            ],
        ),
        (
            BaseType::Decimal,
            "1.50,-2",
            vec![
                Value::Decimal("1.5".parse().unwrap()),
                Value::Decimal("-2".parse().unwrap()),
            ],
        ),
    ];
    for (base, text, expected) in cases {
        let syntax = Syntax {
            list: Some(ListFacet::new()),
            ..Syntax::new(base)
        };
        assert_eq!(accepted(&syntax, text), expected, "{base}");
    }
}

#[test]
fn descriptors_display_and_defaults() {
    assert_eq!(
        Size {
            min: Some(1),
            max: None
        }
        .to_string(),
        "[1:]"
    );
    assert_eq!(
        Range {
            min: None,
            max: Some("5"),
            step: Some("2")
        }
        .to_string(),
        "[:5 step 2]"
    );
    assert_eq!(Facet::ReadOnly.to_string(), "read-only enumeration");
    assert_eq!(ListFacet::default(), ListFacet::new());
    let syntax = Syntax::new(BaseType::String);
    assert_eq!(syntax.list, None);
    assert!(!syntax.hidden && !syntax.secured && !syntax.command && syntax.units.is_none());
    // Without facets every value of the type passes, for either writer.
    for writer in [Writer::Acs, Writer::Device] {
        assert_eq!(
            syntax.check("anything", writer),
            Ok(vec![Value::from("anything")])
        );
    }
}
