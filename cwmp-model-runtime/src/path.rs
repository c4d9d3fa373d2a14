//! CWMP parameter paths as an ACS sends them: full (`Device.LAN.IPAddress`),
//! partial (`Device.Hosts.Host.3.`), empty (the whole tree), with instance numbers
//! or CWMP 1.4 instance aliases (`Device.Hosts.Host.[lan-pc].`).

use std::fmt;

/// Longest path accepted (TR-069 limits parameter names to 256 characters).
pub const MAX_PATH_LEN: usize = 256;

/// One step of a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Segment<'a> {
    /// An object or parameter name.
    Name(&'a str),
    /// An instance number of a table.
    Instance(u32),
    /// An instance alias (`[name]`), CWMP 1.4 instance alias addressing.
    Alias(&'a str),
}

/// A parsed path, borrowing the request text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Path<'a> {
    segments: Vec<Segment<'a>>,
    partial: bool,
}

/// Why a path is not well formed: always answered with fault 9005.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PathError {
    /// Longer than [`MAX_PATH_LEN`].
    #[error("path is longer than {MAX_PATH_LEN} characters")]
    TooLong,
    /// Two dots in a row, or a leading dot.
    #[error("empty path segment in `{0}`")]
    EmptySegment(String),
    /// A segment that is neither a name nor an instance number.
    #[error("`{segment}` is not a valid name or instance number in `{path}`")]
    BadSegment {
        /// The offending segment.
        segment: String,
        /// The whole path.
        path: String,
    },
}

impl<'a> Path<'a> {
    /// Parses a path. An empty string is the partial path of the whole tree.
    pub fn parse(text: &'a str) -> Result<Path<'a>, PathError> {
        if text.len() > MAX_PATH_LEN {
            return Err(PathError::TooLong);
        }
        if text.is_empty() {
            return Ok(Path {
                segments: Vec::new(),
                partial: true,
            });
        }
        let partial = text.ends_with('.');
        let body = if partial {
            &text[..text.len() - 1]
        } else {
            text
        };
        let mut segments = Vec::new();
        for seg in body.split('.') {
            if seg.is_empty() {
                return Err(PathError::EmptySegment(text.to_string()));
            }
            segments.push(parse_segment(seg).ok_or_else(|| PathError::BadSegment {
                segment: seg.to_string(),
                path: text.to_string(),
            })?);
        }
        if matches!(
            segments.first(),
            Some(Segment::Instance(_) | Segment::Alias(_))
        ) {
            return Err(PathError::BadSegment {
                segment: body.split('.').next().unwrap_or_default().to_string(),
                path: text.to_string(),
            });
        }
        Ok(Path { segments, partial })
    }

    /// The steps.
    pub fn segments(&self) -> &[Segment<'a>] {
        &self.segments
    }

    /// Whether the path ends in `.` (or is empty): it names an object and its subtree.
    pub fn is_partial(&self) -> bool {
        self.partial
    }

    /// The model path with `{i}` for instance steps: `Device.Host.3.Name` ->
    /// `Device.Host.{i}.Name`.
    pub fn model_path(&self) -> String {
        let mut out = String::new();
        for (i, s) in self.segments.iter().enumerate() {
            if i > 0 {
                out.push('.');
            }
            match s {
                Segment::Name(n) => out.push_str(n),
                Segment::Instance(_) | Segment::Alias(_) => out.push_str("{i}"),
            }
        }
        if self.partial && !self.segments.is_empty() {
            out.push('.');
        }
        out
    }

    /// The instance numbers along the path, in order (aliases excluded).
    pub fn instances(&self) -> impl Iterator<Item = u32> + '_ {
        self.segments.iter().filter_map(|s| match s {
            Segment::Instance(n) => Some(*n),
            _ => None,
        })
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.segments.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            match s {
                Segment::Name(n) => f.write_str(n)?,
                Segment::Instance(n) => write!(f, "{n}")?,
                Segment::Alias(a) => write!(f, "[{a}]")?,
            }
        }
        if self.partial && !self.segments.is_empty() {
            f.write_str(".")?;
        }
        Ok(())
    }
}

fn parse_segment(seg: &str) -> Option<Segment<'_>> {
    let first = seg.as_bytes()[0];
    if first.is_ascii_digit() {
        // Instance numbers start at 1 and are written without leading zeros.
        if first == b'0' || !seg.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        return seg.parse().ok().map(Segment::Instance);
    }
    if let Some(alias) = seg.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
        return is_name(alias).then_some(Segment::Alias(alias));
    }
    is_name(seg).then_some(Segment::Name(seg))
}

/// TR-106 names: a letter or `_` first, then letters, digits, `_` and `-`.
pub fn is_name(s: &str) -> bool {
    let mut bytes = s.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_full_partial_and_empty_paths() {
        let p = Path::parse("Device.Hosts.Host.3.IPAddress").unwrap();
        assert!(!p.is_partial());
        assert_eq!(p.model_path(), "Device.Hosts.Host.{i}.IPAddress");
        assert_eq!(p.instances().collect::<Vec<_>>(), [3]);
        let p = Path::parse("Device.Hosts.Host.").unwrap();
        assert!(p.is_partial());
        assert_eq!(p.model_path(), "Device.Hosts.Host.");
        let p = Path::parse("").unwrap();
        assert!(p.is_partial() && p.segments().is_empty());
        assert_eq!(p.model_path(), "");
        let p = Path::parse("Device.Hosts.Host.[lan-pc].").unwrap();
        assert_eq!(p.segments()[3], Segment::Alias("lan-pc"));
        assert_eq!(p.to_string(), "Device.Hosts.Host.[lan-pc].");
        let p = Path::parse("Device.X_EXAMPLE-COM_Foo.1.").unwrap();
        assert_eq!(p.to_string(), "Device.X_EXAMPLE-COM_Foo.1.");
    }

    #[test]
    fn rejects_malformed_paths() {
        for bad in [
            ".",
            "Device..LAN",
            ".Device",
            "Device.0.",
            "Device.01.",
            "1.Device",
            "Device.La n",
            "Device.4294967296.",
            "Device.[].",
            "Device.[a.b].",
            "Device.-x",
            "Dévice",
        ] {
            assert!(Path::parse(bad).is_err(), "accepted {bad:?}");
        }
        assert_eq!(Path::parse(&"a".repeat(300)), Err(PathError::TooLong));
    }

    #[test]
    fn never_panics() {
        let alphabet = ["a", "1", "0", ".", "[", "]", "_", "-", "é", " ", "{i}"];
        let mut n = 0u64;
        while n < 200_000 {
            let mut s = String::new();
            let mut k = n;
            for _ in 0..6 {
                s.push_str(alphabet[(k % alphabet.len() as u64) as usize]);
                k /= alphabet.len() as u64;
            }
            let _ = Path::parse(&s);
            n += 7;
        }
    }
}
