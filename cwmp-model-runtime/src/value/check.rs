//! Checking wire text against a [`Syntax`], and the errors that result.
//!
//! The semantics follow TR-106 section 3.2 and the BBF data-model schema:
//! several entries of one facet kind are alternatives, enumerations and
//! patterns are alternatives to each other, and list facets apply to the
//! whole text while the other facets apply to each item.

use std::fmt;

use super::{
    excerpt, trim_xsd, BaseType, Decimal, Enumeration, Range, Size, Syntax, TypeError, Value,
    Writer,
};

/// How many enumeration values a message lists before eliding the rest.
const MAX_LISTED: usize = 16;

/// The facet a value failed, or that could not be evaluated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Facet {
    /// The length of the whole list text (`<list><size/></list>`).
    ListSize,
    /// The number of list items (`minItems`, `maxItems`).
    ListItems,
    /// The length of the value or item (`<size/>`).
    Size,
    /// `<range/>`.
    Range,
    /// `<enumeration/>`, including a value that matched neither the
    /// enumerations nor the patterns beside them.
    Enumeration,
    /// A read-only enumeration value that the ACS tried to set.
    ReadOnly,
    /// `<pattern/>`, when the parameter has no enumerations.
    Pattern,
}

impl fmt::Display for Facet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Facet::ListSize => "list size",
            Facet::ListItems => "list items",
            Facet::Size => "size",
            Facet::Range => "range",
            Facet::Enumeration => "enumeration",
            Facet::ReadOnly => "read-only enumeration",
            Facet::Pattern => "pattern",
        })
    }
}

/// Why text does not fit a parameter's [`Syntax`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SyntaxError {
    /// The text is not a value of the parameter's type (fault 9006).
    #[error(transparent)]
    Type(#[from] TypeError),
    /// The value has the right type but a facet rules it out (fault 9007).
    #[error("{message}")]
    Value {
        /// The facet violated.
        facet: Facet,
        /// What is wrong, naming the value and the facet.
        message: String,
    },
    /// A facet of the data model itself is unusable, such as a pattern
    /// this crate cannot translate or a range bound that is not a number
    /// (fault 9002: the device's fault, not the value's).
    #[error("the data model's {facet} facet is unusable: {message}")]
    Model {
        /// The facet that could not be evaluated.
        facet: Facet,
        /// What is wrong with it.
        message: String,
    },
}

impl SyntaxError {
    /// The CWMP fault code to answer with: 9006 "Invalid parameter type",
    /// 9007 "Invalid parameter value", or 9002 "Internal error" when the
    /// data model itself is at fault.
    pub const fn fault_code(&self) -> u32 {
        match self {
            SyntaxError::Type(_) => 9006,
            SyntaxError::Value { .. } => 9007,
            SyntaxError::Model { .. } => 9002,
        }
    }

    fn value(facet: Facet, message: String) -> SyntaxError {
        SyntaxError::Value { facet, message }
    }

    fn model(facet: Facet, message: String) -> SyntaxError {
        SyntaxError::Model { facet, message }
    }
}

impl Syntax {
    /// Checks wire text written by `writer` against this syntax, returning
    /// the parsed values: one, or one per item for a list.
    ///
    /// For a list, the text is split at commas (not at commas inside
    /// brackets when [`ListFacet::nested_brackets`](super::ListFacet) is
    /// set), white space around items is dropped, and empty or blank text
    /// is the empty list. Errors name the first violated facet.
    pub fn check(&self, text: &str, writer: Writer) -> Result<Vec<Value>, SyntaxError> {
        let Some(list) = &self.list else {
            return Ok(vec![self.check_item(text, writer)?]);
        };
        if !list.sizes.is_empty() {
            check_length(char_count(text), list.sizes, Facet::ListSize, "list length")?;
        }
        let items = split_list(text, list.nested_brackets);
        let count = u64::try_from(items.len()).unwrap_or(u64::MAX);
        if let Some(min) = list.min_items.filter(|&min| count < min) {
            let message = format!("list has {count} items, fewer than minItems {min}");
            return Err(SyntaxError::value(Facet::ListItems, message));
        }
        if let Some(max) = list.max_items.filter(|&max| count > max) {
            let message = format!("list has {count} items, more than maxItems {max}");
            return Err(SyntaxError::value(Facet::ListItems, message));
        }
        items
            .into_iter()
            .map(|item| self.check_item(item, writer))
            .collect()
    }

    fn check_item(&self, text: &str, writer: Writer) -> Result<Value, SyntaxError> {
        let value = Value::parse(self.base, text)?;
        // Patterns see the value as written, minus the white space that
        // XML Schema collapses for every type but string.
        let lexical = if self.base == BaseType::String {
            text
        } else {
            trim_xsd(text)
        };
        if !self.sizes.is_empty() {
            if let Some(len) = length(&value) {
                check_length(len, self.sizes, Facet::Size, "length")?;
            }
        }
        if let Some(number) = value.as_decimal() {
            self.check_ranges(number, lexical)?;
        }
        self.check_enumerations_and_patterns(&value, lexical, writer)?;
        Ok(value)
    }

    fn check_ranges(&self, number: Decimal, lexical: &str) -> Result<(), SyntaxError> {
        if self.ranges.is_empty() {
            return Ok(());
        }
        for range in self.ranges {
            if range_contains(range, number)? {
                return Ok(());
            }
        }
        let message = format!(
            "`{}` is out of range {}",
            excerpt(lexical),
            join(self.ranges.iter(), ", ")
        );
        Err(SyntaxError::value(Facet::Range, message))
    }

    fn check_enumerations_and_patterns(
        &self,
        value: &Value,
        lexical: &str,
        writer: Writer,
    ) -> Result<(), SyntaxError> {
        if self.enumerations.is_empty() && self.patterns.is_empty() {
            return Ok(());
        }
        let shown = excerpt(lexical);
        if let Some(found) = self
            .enumerations
            .iter()
            .find(|e| enumeration_matches(e, self.base, value))
        {
            // A read-only value is refused even if a pattern would allow
            // it: the model says outright that the ACS may not set it.
            if found.read_only && writer == Writer::Acs {
                let message = format!("`{shown}` is a read-only value that the ACS may not set");
                return Err(SyntaxError::value(Facet::ReadOnly, message));
            }
            return Ok(());
        }
        // An unusable pattern is reported only if no other one matches.
        let mut unusable = None;
        for pattern in self.patterns {
            match pattern.is_match(lexical) {
                Ok(true) => return Ok(()),
                Ok(false) => {}
                Err(e) => unusable = unusable.or(Some(e)),
            }
        }
        if let Some(e) = unusable {
            let message = format!("`{}`: {}", e.pattern, e.reason);
            return Err(SyntaxError::model(Facet::Pattern, message));
        }
        let not_listed = self.not_listed_message(&shown, writer);
        let no_match = match self.patterns {
            [] => None,
            [one] => Some(format!("does not match pattern `{}`", one.xsd)),
            many => Some(format!(
                "does not match any of the patterns {}",
                join(many.iter().map(|p| format!("`{}`", p.xsd)), ", ")
            )),
        };
        Err(match (not_listed, no_match) {
            (Some(listed), Some(matched)) => {
                SyntaxError::value(Facet::Enumeration, format!("{listed}, and {matched}"))
            }
            (Some(listed), None) => SyntaxError::value(Facet::Enumeration, listed),
            (None, Some(matched)) => {
                SyntaxError::value(Facet::Pattern, format!("`{shown}` {matched}"))
            }
            (None, None) => SyntaxError::value(Facet::Enumeration, format!("`{shown}` is refused")),
        })
    }

    /// "`x` is not one of: A, B", listing only what `writer` may write.
    fn not_listed_message(&self, shown: &str, writer: Writer) -> Option<String> {
        if self.enumerations.is_empty() {
            return None;
        }
        let allowed: Vec<&str> = self
            .enumerations
            .iter()
            .filter(|e| !(e.read_only && writer == Writer::Acs))
            .map(|e| e.value)
            .collect();
        if allowed.is_empty() {
            return Some(format!("`{shown}` is not a value the ACS may set"));
        }
        let mut listed = join(allowed.iter().take(MAX_LISTED), ", ");
        if let Some(more) = allowed.len().checked_sub(MAX_LISTED).filter(|&n| n > 0) {
            listed.push_str(&format!(", … ({more} more)"));
        }
        Some(format!("`{shown}` is not one of: {listed}"))
    }
}

/// Whether a value equals an enumeration value: strings exactly as
/// written, other types by value (so `01` matches an enumerated `1`).
fn enumeration_matches(e: &Enumeration, base: BaseType, value: &Value) -> bool {
    match value {
        Value::String(s) => s == e.value,
        other => Value::parse(base, e.value).is_ok_and(|v| &v == other),
    }
}

/// The length the size facet measures: characters of a string, bytes of
/// binary data. Other types have none.
fn length(value: &Value) -> Option<u64> {
    match value {
        Value::String(s) => Some(char_count(s)),
        Value::Base64(b) => u64::try_from(b.len()).ok(),
        Value::HexBinary(h) => u64::try_from(h.len()).ok(),
        _ => None,
    }
}

fn char_count(s: &str) -> u64 {
    u64::try_from(s.chars().count()).unwrap_or(u64::MAX)
}

fn check_length(len: u64, sizes: &[Size], facet: Facet, what: &str) -> Result<(), SyntaxError> {
    if sizes.iter().any(|size| size.contains(len)) {
        return Ok(());
    }
    let message = match sizes {
        [Size { max: Some(max), .. }] if len > *max => {
            format!("{what} {len} exceeds maxLength {max}")
        }
        [Size { min: Some(min), .. }] if len < *min => {
            format!("{what} {len} is less than minLength {min}")
        }
        _ => format!(
            "{what} {len} is not within any of the sizes {}",
            join(sizes.iter(), ", ")
        ),
    };
    Err(SyntaxError::value(facet, message))
}

fn range_contains(range: &Range, number: Decimal) -> Result<bool, SyntaxError> {
    let min = bound(range.min, "minInclusive")?;
    let max = bound(range.max, "maxInclusive")?;
    if min.is_some_and(|min| number < min) || max.is_some_and(|max| number > max) {
        return Ok(false);
    }
    let Some(step) = bound(range.step, "step")? else {
        return Ok(true);
    };
    if step <= Decimal::ZERO {
        let message = format!("step {step} is not positive");
        return Err(SyntaxError::model(Facet::Range, message));
    }
    // `None` means the arithmetic overflowed, which only absurdly precise
    // decimals can cause; refusing them is the safe answer.
    Ok(number
        .is_on_step(min.unwrap_or(Decimal::ZERO), step)
        .unwrap_or(false))
}

/// A range bound, parsed as an exact decimal.
fn bound(text: Option<&str>, name: &str) -> Result<Option<Decimal>, SyntaxError> {
    text.map(|t| {
        t.parse::<Decimal>().map_err(|e| {
            let message = format!("{name} `{}` is not a number: {}", e.found, e.reason);
            SyntaxError::model(Facet::Range, message)
        })
    })
    .transpose()
}

/// Splits the text of a list-valued parameter into its trimmed items; with
/// `nested_brackets`, commas inside `[...]` do not separate items. Empty text
/// is the empty list.
pub fn split_list(text: &str, nested_brackets: bool) -> Vec<&str> {
    if trim_xsd(text).is_empty() {
        return Vec::new();
    }
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '[' if nested_brackets => depth = depth.saturating_add(1),
            ']' if nested_brackets => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                items.push(trim_xsd(text.get(start..i).unwrap_or_default()));
                start = i + ','.len_utf8();
            }
            _ => {}
        }
    }
    items.push(trim_xsd(text.get(start..).unwrap_or_default()));
    items
}

fn join<T: fmt::Display>(items: impl Iterator<Item = T>, separator: &str) -> String {
    items
        .map(|item| item.to_string())
        .collect::<Vec<_>>()
        .join(separator)
}
