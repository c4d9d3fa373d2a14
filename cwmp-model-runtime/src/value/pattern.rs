//! [`Pattern`]: a data model's `<pattern value="…"/>` facet, compiled on
//! first use.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use regex::Regex;

use super::xsd_regex;

/// An XSD pattern facet, as written in the data model.
///
/// The pattern is translated to `regex` syntax and compiled the first time
/// it is used, then cached for the life of the value (for generated
/// `static`s, the life of the program). Matching is against the whole
/// value, as XSD requires.
#[derive(Clone)]
pub struct Pattern {
    /// The pattern in XSD syntax, as in the XML (entities expanded).
    pub xsd: &'static str,
    compiled: OnceLock<Result<Regex, String>>,
}

/// An XSD pattern that could not be turned into a working regex: a
/// defect of the data model rather than of any value.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unusable pattern `{pattern}`: {reason}")]
pub struct PatternError {
    /// The XSD pattern.
    pub pattern: String,
    /// What is wrong with it, or what this translator does not support.
    pub reason: String,
}

impl Pattern {
    /// A pattern facet; nothing is checked or compiled until first use.
    pub const fn new(xsd: &'static str) -> Pattern {
        Pattern {
            xsd,
            compiled: OnceLock::new(),
        }
    }

    /// Whether the whole of `s` matches the pattern.
    pub fn is_match(&self, s: &str) -> Result<bool, PatternError> {
        Ok(self.regex()?.is_match(s))
    }

    /// The compiled, anchored regex; compiles it on the first call.
    ///
    /// Code generators can call this at build time to reject a data model
    /// whose patterns would only fail later, on a device.
    pub fn regex(&self) -> Result<&Regex, PatternError> {
        let compiled = self.compiled.get_or_init(|| compile(self.xsd));
        compiled.as_ref().map_err(|reason| PatternError {
            pattern: self.xsd.to_owned(),
            reason: reason.clone(),
        })
    }
}

/// Translates an XSD pattern into the equivalent `regex` crate pattern,
/// anchored at both ends.
///
/// ```
/// # use cwmp_model_runtime::value::translate_pattern;
/// assert_eq!(translate_pattern("[0-9A-F]{6}").unwrap(), "^(?:[0-9A-F]{6})$");
/// assert_eq!(translate_pattern("a^b").unwrap(), r"^(?:a\^b)$");
/// ```
pub fn translate_pattern(xsd: &str) -> Result<String, PatternError> {
    xsd_regex::translate(xsd).map_err(|(at, reason)| PatternError {
        pattern: xsd.to_owned(),
        reason: format!("at character {at}: {reason}"),
    })
}

fn compile(xsd: &str) -> Result<Regex, String> {
    let translated = translate_pattern(xsd).map_err(|e| e.reason)?;
    Regex::new(&translated)
        .map_err(|e| format!("`regex` refuses the translation `{translated}`: {e}"))
}

// Debug, equality and hashing look at the text only: whether the regex has
// been compiled yet is a cache detail.
impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Pattern").field(&self.xsd).finish()
    }
}

impl fmt::Display for Pattern {
    /// The XSD text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.xsd)
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Pattern) -> bool {
        self.xsd == other.xsd
    }
}

impl Eq for Pattern {}

impl Hash for Pattern {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.xsd.hash(state);
    }
}
