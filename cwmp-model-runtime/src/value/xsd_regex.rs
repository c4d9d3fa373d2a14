//! Translation of XML Schema regular expressions (XSD 1.0 Part 2,
//! Appendix F) into the syntax of the `regex` crate.
//!
//! The two dialects differ in ways that matter for data-model patterns:
//!
//! - An XSD pattern always matches the whole value; the translation is
//!   wrapped in `^(?:…)$`.
//! - `^` and `$` are ordinary characters in XSD, and `.` excludes only
//!   `\n` and `\r`.
//! - `\s`, `\w`, `\i`, `\c` and their complements have XSD meanings,
//!   spelled out here as explicit classes.
//! - `\p{IsBlock}` names a Unicode block, which `regex` does not know;
//!   blocks become code point ranges (Unicode 3.1 blocks, as XSD 1.0 cites).
//! - Character class subtraction `[a-z-[aeiou]]` becomes `regex`'s class
//!   difference `[[a-z]--[aeiou]]`.
//!
//! The one liberty taken with XSD: a `?` after a quantifier (`{1,15}?`,
//! which XSD does not allow but BBF models contain) is accepted as the Perl
//! "lazy" marker, and dropped, since laziness cannot change whether a whole
//! string matches.

/// How deeply groups and subtracted classes may nest before the pattern is
/// refused, so that a hostile pattern cannot exhaust the stack.
const MAX_NESTING: usize = 100;

/// The XML 1.0 (fifth edition) `NameStartChar` ranges, for `\i`.
const NAME_START: &str = r"A-Z_a-z:\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{2FF}\x{370}-\x{37D}\x{37F}-\x{1FFF}\x{200C}-\x{200D}\x{2070}-\x{218F}\x{2C00}-\x{2FEF}\x{3001}-\x{D7FF}\x{F900}-\x{FDCF}\x{FDF0}-\x{FFFD}\x{10000}-\x{EFFFF}";

/// What `NameChar` adds to `NameStartChar`, for `\c`.
const NAME_EXTRA: &str = r"\-.0-9\x{B7}\x{300}-\x{36F}\x{203F}-\x{2040}";

/// Where and why a translation failed: a character offset into the
/// pattern, and a reason.
pub(crate) type Failure = (usize, String);

/// Translates an XSD pattern into an anchored `regex` pattern.
pub(crate) fn translate(xsd: &str) -> Result<String, Failure> {
    let mut parser = Parser {
        chars: xsd.chars().collect(),
        pos: 0,
        depth: 0,
    };
    let mut body = String::new();
    parser.reg_exp(&mut body)?;
    if let Some(c) = parser.peek() {
        // `reg_exp` stops only at the end or at a `)` it did not open.
        return Err(parser.fail(format!("unmatched `{c}`")));
    }
    Ok(format!("^(?:{body})$"))
}

/// What an escape sequence stands for.
enum Escaped {
    /// One character, which may also end a range.
    Char(char),
    /// A set of characters, written as a `regex` class (usable inside or
    /// outside brackets).
    Class(String),
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_second(&self) -> Option<char> {
        self.chars.get(self.pos.saturating_add(1)).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos = self.pos.saturating_add(1);
        Some(c)
    }

    fn fail(&self, reason: String) -> Failure {
        (self.pos, reason)
    }

    fn enter(&mut self) -> Result<(), Failure> {
        self.depth = self.depth.saturating_add(1);
        if self.depth > MAX_NESTING {
            return Err(self.fail(format!("nested more than {MAX_NESTING} deep")));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// `regExp ::= branch ( '|' branch )*`
    fn reg_exp(&mut self, out: &mut String) -> Result<(), Failure> {
        self.branch(out)?;
        while self.peek() == Some('|') {
            self.bump();
            out.push('|');
            self.branch(out)?;
        }
        Ok(())
    }

    /// `branch ::= piece*`
    fn branch(&mut self, out: &mut String) -> Result<(), Failure> {
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            self.piece(out)?;
        }
        Ok(())
    }

    /// `piece ::= atom quantifier?`
    fn piece(&mut self, out: &mut String) -> Result<(), Failure> {
        self.atom(out)?;
        let quantified = self.quantifier(out)?;
        if quantified && self.peek() == Some('?') {
            self.bump();
        }
        match self.peek() {
            Some(c @ ('?' | '*' | '+' | '{')) => {
                Err(self.fail(format!("`{c}` cannot repeat a quantifier")))
            }
            _ => Ok(()),
        }
    }

    /// An optional `?`, `*`, `+`, `{n}`, `{n,}` or `{n,m}`; says whether
    /// there was one.
    fn quantifier(&mut self, out: &mut String) -> Result<bool, Failure> {
        match self.peek() {
            Some(c @ ('?' | '*' | '+')) => {
                self.bump();
                out.push(c);
                Ok(true)
            }
            Some('{') => {
                self.bump();
                let min = self.count()?;
                let max = if self.peek() == Some(',') {
                    self.bump();
                    if self.peek() == Some('}') {
                        None
                    } else {
                        Some(self.count()?)
                    }
                } else {
                    Some(min)
                };
                if self.bump() != Some('}') {
                    return Err(self.fail("expected `}` to close the quantifier".into()));
                }
                match max {
                    Some(max) if max < min => {
                        Err(self.fail(format!("quantifier {{{min},{max}}} has max below min")))
                    }
                    Some(max) if max == min => {
                        out.push_str(&format!("{{{min}}}"));
                        Ok(true)
                    }
                    Some(max) => {
                        out.push_str(&format!("{{{min},{max}}}"));
                        Ok(true)
                    }
                    None => {
                        out.push_str(&format!("{{{min},}}"));
                        Ok(true)
                    }
                }
            }
            _ => Ok(false),
        }
    }

    /// The decimal number inside a `{…}` quantifier.
    fn count(&mut self) -> Result<u32, Failure> {
        let mut n: Option<u32> = None;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            self.bump();
            let so_far = n.unwrap_or(0);
            n = Some(
                so_far
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(d))
                    .ok_or_else(|| self.fail("quantifier count too large".into()))?,
            );
        }
        n.ok_or_else(|| self.fail("expected a number in the quantifier".into()))
    }

    /// `atom ::= Char | charClass | '(' regExp ')'`
    fn atom(&mut self, out: &mut String) -> Result<(), Failure> {
        let Some(c) = self.bump() else {
            return Err(self.fail("unexpected end".into()));
        };
        match c {
            '(' => {
                self.enter()?;
                out.push_str("(?:");
                self.reg_exp(out)?;
                if self.bump() != Some(')') {
                    return Err(self.fail("missing `)`".into()));
                }
                out.push(')');
                self.leave();
            }
            '[' => {
                let class = self.class_expr()?;
                out.push_str(&class);
            }
            '.' => out.push_str(r"[^\n\r]"),
            '\\' => match self.escape()? {
                Escaped::Char(c) => push_literal(out, c),
                Escaped::Class(class) => out.push_str(&class),
            },
            '?' | '*' | '+' | '{' => {
                return Err(self.fail(format!("`{c}` has nothing to repeat")));
            }
            ']' | '}' => {
                return Err(self.fail(format!("`{c}` must be escaped as `\\{c}`")));
            }
            c => push_literal(out, c),
        }
        Ok(())
    }

    /// The rest of a `[…]` class expression, whose `[` has been read.
    ///
    /// `charClassExpr ::= '[' ( '^'? posCharGroup ) ( '-' charClassExpr )? ']'`
    fn class_expr(&mut self) -> Result<String, Failure> {
        self.enter()?;
        let negated = self.peek() == Some('^');
        if negated {
            self.bump();
        }
        let mut items = String::new();
        let mut count = 0usize;
        let mut subtracted = None;
        loop {
            let Some(c) = self.peek() else {
                return Err(self.fail("missing `]`".into()));
            };
            if c == ']' {
                if count == 0 {
                    return Err(self.fail("empty character class".into()));
                }
                self.bump();
                break;
            }
            if c == '-' && count > 0 && self.peek_second() == Some('[') {
                self.bump();
                self.bump();
                subtracted = Some(self.class_expr()?);
                if self.bump() != Some(']') {
                    return Err(self.fail("expected `]` after a subtracted class".into()));
                }
                break;
            }
            if c == '[' {
                return Err(self.fail(
                    "`[` inside a class must be escaped (only `-[…]` subtraction may nest)".into(),
                ));
            }
            self.class_item(&mut items)?;
            count = count.saturating_add(1);
        }
        self.leave();
        let group = format!("[{}{items}]", if negated { "^" } else { "" });
        // `[^a--[b]]` in `regex` negates the difference, whereas XSD
        // subtracts from the negated group, hence the extra brackets.
        Ok(match subtracted {
            Some(sub) => format!("[{group}--{sub}]"),
            None => group,
        })
    }

    /// One character, range or escape inside a class.
    fn class_item(&mut self, items: &mut String) -> Result<(), Failure> {
        let low = match self.bump() {
            Some('\\') => self.escape()?,
            Some(c) => Escaped::Char(c),
            None => return Err(self.fail("missing `]`".into())),
        };
        let low = match low {
            Escaped::Class(class) => {
                items.push_str(&class);
                return Ok(());
            }
            Escaped::Char(c) => c,
        };
        let forms_range =
            self.peek() == Some('-') && !matches!(self.peek_second(), None | Some(']') | Some('['));
        if !forms_range {
            push_literal(items, low);
            return Ok(());
        }
        self.bump();
        let high = match self.bump() {
            Some('\\') => match self.escape()? {
                Escaped::Char(c) => c,
                Escaped::Class(_) => {
                    return Err(self.fail("a class escape cannot end a range".into()));
                }
            },
            Some(c) => c,
            None => return Err(self.fail("missing `]`".into())),
        };
        if high < low {
            return Err(self.fail(format!("range `{low}-{high}` is reversed")));
        }
        push_literal(items, low);
        items.push('-');
        push_literal(items, high);
        Ok(())
    }

    /// The rest of an escape sequence, whose `\` has been read.
    fn escape(&mut self) -> Result<Escaped, Failure> {
        let Some(c) = self.bump() else {
            return Err(self.fail("`\\` at the end".into()));
        };
        let class = |s: &str| Ok(Escaped::Class(s.to_owned()));
        match c {
            'n' => Ok(Escaped::Char('\n')),
            'r' => Ok(Escaped::Char('\r')),
            't' => Ok(Escaped::Char('\t')),
            '\\' | '|' | '.' | '?' | '*' | '+' | '(' | ')' | '{' | '}' | '-' | '[' | ']' | '^' => {
                Ok(Escaped::Char(c))
            }
            's' => class(r"[ \t\n\r]"),
            'S' => class(r"[^ \t\n\r]"),
            'd' => class(r"\p{Nd}"),
            'D' => class(r"\P{Nd}"),
            // XSD `\w` is "everything but punctuation, separators and
            // other", much wider than `regex`'s word characters.
            'w' => class(r"[^\p{P}\p{Z}\p{C}]"),
            'W' => class(r"[\p{P}\p{Z}\p{C}]"),
            'i' => Ok(Escaped::Class(format!("[{NAME_START}]"))),
            'I' => Ok(Escaped::Class(format!("[^{NAME_START}]"))),
            'c' => Ok(Escaped::Class(format!("[{NAME_START}{NAME_EXTRA}]"))),
            'C' => Ok(Escaped::Class(format!("[^{NAME_START}{NAME_EXTRA}]"))),
            'p' | 'P' => self.property(c == 'P'),
            other => Err(self.fail(format!("`\\{other}` is not an XSD escape"))),
        }
    }

    /// The `{Name}` of a `\p{Name}` or `\P{Name}`, whose `p` has been read.
    fn property(&mut self, complement: bool) -> Result<Escaped, Failure> {
        if self.bump() != Some('{') {
            return Err(self.fail("expected `{` after `\\p`".into()));
        }
        let mut name = String::new();
        loop {
            match self.bump() {
                Some('}') => break,
                Some(c) => name.push(c),
                None => return Err(self.fail("missing `}` after `\\p{`".into())),
            }
        }
        let negation = if complement { "^" } else { "" };
        if let Some(block) = name.strip_prefix("Is") {
            let Some(ranges) = block_ranges(block) else {
                return Err(self.fail(format!(
                    "`\\p{{{name}}}`: unknown or unsupported Unicode block"
                )));
            };
            return Ok(Escaped::Class(format!("[{negation}{ranges}]")));
        }
        if !CATEGORIES.contains(&name.as_str()) {
            return Err(self.fail(format!("`\\p{{{name}}}` is not an XSD character category")));
        }
        let letter = if complement { 'P' } else { 'p' };
        Ok(Escaped::Class(format!("\\{letter}{{{name}}}")))
    }
}

/// Writes `c` so that `regex` reads it as that character, inside a class
/// or out.
fn push_literal(out: &mut String, c: char) {
    if c.is_control() {
        out.push_str(&format!("\\x{{{:X}}}", u32::from(c)));
    } else {
        // `regex::escape` escapes exactly the characters that are special
        // somewhere (including class set operators `&&`, `--`, `~~`), and
        // leaves alone `<` and `>`, whose escaped forms are word boundaries.
        out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4])));
    }
}

/// The general categories XSD 1.0 allows in `\p{…}`; `regex` knows them
/// all under the same names.
const CATEGORIES: &[&str] = &[
    "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc",
    "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Z", "Zs", "Zl", "Zp", "S", "Sm", "Sc", "Sk", "So", "C",
    "Cc", "Cf", "Co", "Cn",
];

/// The code point ranges of a Unicode block named as in XSD 1.0 (`BasicLatin`
/// for `\p{IsBasicLatin}`), written as the inside of a `regex` class.
///
/// Surrogate blocks are left out: no Rust string can contain a surrogate.
fn block_ranges(name: &str) -> Option<String> {
    let ranges: &[(u32, u32)] = match name {
        "BasicLatin" => &[(0x0000, 0x007F)],
        "Latin-1Supplement" => &[(0x0080, 0x00FF)],
        "LatinExtended-A" => &[(0x0100, 0x017F)],
        "LatinExtended-B" => &[(0x0180, 0x024F)],
        "IPAExtensions" => &[(0x0250, 0x02AF)],
        "SpacingModifierLetters" => &[(0x02B0, 0x02FF)],
        "CombiningDiacriticalMarks" => &[(0x0300, 0x036F)],
        "Greek" => &[(0x0370, 0x03FF)],
        "Cyrillic" => &[(0x0400, 0x04FF)],
        "Armenian" => &[(0x0530, 0x058F)],
        "Hebrew" => &[(0x0590, 0x05FF)],
        "Arabic" => &[(0x0600, 0x06FF)],
        "Syriac" => &[(0x0700, 0x074F)],
        "Thaana" => &[(0x0780, 0x07BF)],
        "Devanagari" => &[(0x0900, 0x097F)],
        "Bengali" => &[(0x0980, 0x09FF)],
        "Gurmukhi" => &[(0x0A00, 0x0A7F)],
        "Gujarati" => &[(0x0A80, 0x0AFF)],
        "Oriya" => &[(0x0B00, 0x0B7F)],
        "Tamil" => &[(0x0B80, 0x0BFF)],
        "Telugu" => &[(0x0C00, 0x0C7F)],
        "Kannada" => &[(0x0C80, 0x0CFF)],
        "Malayalam" => &[(0x0D00, 0x0D7F)],
        "Sinhala" => &[(0x0D80, 0x0DFF)],
        "Thai" => &[(0x0E00, 0x0E7F)],
        "Lao" => &[(0x0E80, 0x0EFF)],
        "Tibetan" => &[(0x0F00, 0x0FFF)],
        "Myanmar" => &[(0x1000, 0x109F)],
        "Georgian" => &[(0x10A0, 0x10FF)],
        "HangulJamo" => &[(0x1100, 0x11FF)],
        "Ethiopic" => &[(0x1200, 0x137F)],
        "Cherokee" => &[(0x13A0, 0x13FF)],
        "UnifiedCanadianAboriginalSyllabics" => &[(0x1400, 0x167F)],
        "Ogham" => &[(0x1680, 0x169F)],
        "Runic" => &[(0x16A0, 0x16FF)],
        "Khmer" => &[(0x1780, 0x17FF)],
        "Mongolian" => &[(0x1800, 0x18AF)],
        "LatinExtendedAdditional" => &[(0x1E00, 0x1EFF)],
        "GreekExtended" => &[(0x1F00, 0x1FFF)],
        "GeneralPunctuation" => &[(0x2000, 0x206F)],
        "SuperscriptsandSubscripts" => &[(0x2070, 0x209F)],
        "CurrencySymbols" => &[(0x20A0, 0x20CF)],
        "CombiningMarksforSymbols" => &[(0x20D0, 0x20FF)],
        "LetterlikeSymbols" => &[(0x2100, 0x214F)],
        "NumberForms" => &[(0x2150, 0x218F)],
        "Arrows" => &[(0x2190, 0x21FF)],
        "MathematicalOperators" => &[(0x2200, 0x22FF)],
        "MiscellaneousTechnical" => &[(0x2300, 0x23FF)],
        "ControlPictures" => &[(0x2400, 0x243F)],
        "OpticalCharacterRecognition" => &[(0x2440, 0x245F)],
        "EnclosedAlphanumerics" => &[(0x2460, 0x24FF)],
        "BoxDrawing" => &[(0x2500, 0x257F)],
        "BlockElements" => &[(0x2580, 0x259F)],
        "GeometricShapes" => &[(0x25A0, 0x25FF)],
        "MiscellaneousSymbols" => &[(0x2600, 0x26FF)],
        "Dingbats" => &[(0x2700, 0x27BF)],
        "BraillePatterns" => &[(0x2800, 0x28FF)],
        "CJKRadicalsSupplement" => &[(0x2E80, 0x2EFF)],
        "KangxiRadicals" => &[(0x2F00, 0x2FDF)],
        "IdeographicDescriptionCharacters" => &[(0x2FF0, 0x2FFF)],
        "CJKSymbolsandPunctuation" => &[(0x3000, 0x303F)],
        "Hiragana" => &[(0x3040, 0x309F)],
        "Katakana" => &[(0x30A0, 0x30FF)],
        "Bopomofo" => &[(0x3100, 0x312F)],
        "HangulCompatibilityJamo" => &[(0x3130, 0x318F)],
        "Kanbun" => &[(0x3190, 0x319F)],
        "BopomofoExtended" => &[(0x31A0, 0x31BF)],
        "EnclosedCJKLettersandMonths" => &[(0x3200, 0x32FF)],
        "CJKCompatibility" => &[(0x3300, 0x33FF)],
        "CJKUnifiedIdeographsExtensionA" => &[(0x3400, 0x4DB5)],
        "CJKUnifiedIdeographs" => &[(0x4E00, 0x9FFF)],
        "YiSyllables" => &[(0xA000, 0xA48F)],
        "YiRadicals" => &[(0xA490, 0xA4CF)],
        "HangulSyllables" => &[(0xAC00, 0xD7A3)],
        "PrivateUse" => &[(0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD)],
        "CJKCompatibilityIdeographs" => &[(0xF900, 0xFAFF)],
        "AlphabeticPresentationForms" => &[(0xFB00, 0xFB4F)],
        "ArabicPresentationForms-A" => &[(0xFB50, 0xFDFF)],
        "CombiningHalfMarks" => &[(0xFE20, 0xFE2F)],
        "CJKCompatibilityForms" => &[(0xFE30, 0xFE4F)],
        "SmallFormVariants" => &[(0xFE50, 0xFE6F)],
        "ArabicPresentationForms-B" => &[(0xFE70, 0xFEFE)],
        "Specials" => &[(0xFEFF, 0xFEFF), (0xFFF0, 0xFFFD)],
        "HalfwidthandFullwidthForms" => &[(0xFF00, 0xFFEF)],
        "OldItalic" => &[(0x10300, 0x1032F)],
        "Gothic" => &[(0x10330, 0x1034F)],
        "Deseret" => &[(0x10400, 0x1044F)],
        "ByzantineMusicalSymbols" => &[(0x1D000, 0x1D0FF)],
        "MusicalSymbols" => &[(0x1D100, 0x1D1FF)],
        "MathematicalAlphanumericSymbols" => &[(0x1D400, 0x1D7FF)],
        "CJKUnifiedIdeographsExtensionB" => &[(0x20000, 0x2A6D6)],
        "CJKCompatibilityIdeographsSupplement" => &[(0x2F800, 0x2FA1F)],
        "Tags" => &[(0xE0000, 0xE007F)],
        _ => return None,
    };
    Some(
        ranges
            .iter()
            .map(|(low, high)| format!(r"\x{{{low:X}}}-\x{{{high:X}}}"))
            .collect(),
    )
}
