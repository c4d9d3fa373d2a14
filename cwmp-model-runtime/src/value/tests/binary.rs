//! `Base64` and `HexBinary` codecs.

use crate::value::*;

#[test]
fn base64_rfc4648_vectors() {
    let vectors = [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ];
    for (plain, encoded) in vectors {
        let b = Base64(plain.as_bytes().to_vec());
        assert_eq!(b.to_string(), encoded);
        assert_eq!(encoded.parse::<Base64>(), Ok(b));
    }
    let all: Vec<u8> = (0..=255).collect();
    let b = Base64(all.clone());
    assert_eq!(
        b.to_string().parse::<Base64>().map(Base64::into_bytes),
        Ok(all)
    );
    assert!(b.to_string().contains('+') && b.to_string().contains('/'));
}

#[test]
fn base64_tolerates_wrapped_lines() {
    let wrapped = "Zm9v\r\nYmFy\n  Zm9v\tYg==\n";
    assert_eq!(
        wrapped.parse::<Base64>().map(|b| b.0),
        Ok(b"foobarfoob".to_vec())
    );
    assert_eq!(
        wrapped.parse::<Base64>().map(|b| b.to_string()),
        Ok("Zm9vYmFyZm9vYg==".into())
    );
    assert_eq!("Zg = =".parse::<Base64>().map(|b| b.0), Ok(b"f".to_vec()));
}

#[test]
fn base64_refuses_invalid_text() {
    let cases = [
        ("Zg", "not a multiple of 4"),
        ("Zm9", "not a multiple of 4"),
        ("Zg=", "not a multiple of 4"),
        ("Z===", "more than two"),
        ("====", "more than two"),
        ("Zg==Zg==", "`=` before the end"),
        ("Z=g=", "`=` before the end"),
        ("Zm9v!A==", "`!` is not a Base64 character"),
        ("Zm9-", "`-` is not a Base64 character"),
        ("Zm9_", "`_`"),
        ("Zh==", "non-zero bits"),
        ("Zm9=", "non-zero bits"),
        ("Zm\u{a0}9v", "not a multiple of 4"),
        ("Zm9vAé=", "is not a Base64 character"),
    ];
    for (text, reason) in cases {
        let err = text.parse::<Base64>().unwrap_err();
        assert_eq!(err.expected, BaseType::Base64);
        assert!(err.reason.contains(reason), "{text:?}: {err}");
    }
}

#[test]
fn hex_binary() {
    let good = [
        ("", vec![]),
        ("00", vec![0]),
        ("aBcD", vec![0xab, 0xcd]),
        (" 0102FF\n", vec![1, 2, 0xff]),
    ];
    for (text, bytes) in good {
        assert_eq!(text.parse::<HexBinary>(), Ok(HexBinary(bytes)), "{text:?}");
    }
    assert_eq!(HexBinary(vec![0xab, 0x01]).to_string(), "AB01");
    let bad = [
        ("0", "odd number of digits (1)"),
        ("ABC", "odd"),
        ("0g", "`g` is not a hexadecimal digit"),
        ("01 02", "` ` is not"),
        ("0x01", "`x`"),
        ("é0", "`é`"),
    ];
    for (text, reason) in bad {
        let err = text.parse::<HexBinary>().unwrap_err();
        assert_eq!(err.expected, BaseType::HexBinary);
        assert!(err.reason.contains(reason), "{text:?}: {err}");
    }
}

#[test]
fn byte_accessors() {
    let h = HexBinary::from(&[1u8, 2][..]);
    assert_eq!(
        (h.len(), h.is_empty(), h.as_bytes()),
        (2, false, &[1u8, 2][..])
    );
    let b = Base64::from(vec![7u8]);
    assert_eq!(b.as_ref(), &[7u8]);
    assert!(Base64::default().is_empty());
}
