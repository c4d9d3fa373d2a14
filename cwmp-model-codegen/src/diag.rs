//! Diagnostics: errors and warnings with their source position, collected per pass.

use crate::source::{SourceMap, Span};
use std::fmt;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Reported; compilation goes on and succeeds.
    Warning,
    /// Compilation fails at the end of the pass.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One message about the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where; `None` for problems with no file (a missing command-line file).
    pub span: Option<Span>,
    /// What is wrong, one sentence, lower case, as rustc writes them.
    pub message: String,
    /// Further lines: related positions, hints.
    pub notes: Vec<(Option<Span>, String)>,
}

impl Diagnostic {
    /// An error at a span.
    pub fn error(span: impl Into<Option<Span>>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            span: span.into(),
            message: message.into(),
            notes: Vec::new(),
        }
    }

    /// A warning at a span.
    pub fn warning(span: impl Into<Option<Span>>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(span, message)
        }
    }

    /// Adds a note, optionally pointing elsewhere.
    pub fn with_note(mut self, span: impl Into<Option<Span>>, note: impl Into<String>) -> Self {
        self.notes.push((span.into(), note.into()));
        self
    }

    /// Renders as `file:line:col: error: message`, then the source line with a caret
    /// and the notes, like rustc's short form followed by its snippet.
    pub fn render(&self, sources: &SourceMap) -> String {
        let mut out = String::new();
        match self.span {
            Some(span) => out.push_str(&format!(
                "{}: {}: {}",
                sources.describe(span),
                self.severity,
                self.message
            )),
            None => out.push_str(&format!("{}: {}", self.severity, self.message)),
        }
        if let Some(span) = self.span {
            let file = sources.file(span.file);
            let lc = file.line_col(span.offset);
            let line = file.line_text(lc.line);
            if !line.is_empty() && line.len() <= 400 {
                let gutter = lc.line.to_string().len();
                out.push_str(&format!(
                    "\n{:g$} |\n{} | {}\n{:g$} | {:>c$}",
                    "",
                    lc.line,
                    line,
                    "",
                    "^",
                    g = gutter,
                    c = lc.col as usize
                ));
            }
        }
        for (span, note) in &self.notes {
            match span {
                Some(s) => out.push_str(&format!("\n  = note: {}: {}", sources.describe(*s), note)),
                None => out.push_str(&format!("\n  = note: {note}")),
            }
        }
        out
    }

    /// The first line of [`Diagnostic::render`]: `file:line:col: error: message`.
    pub fn headline(&self, sources: &SourceMap) -> String {
        self.render(sources)
            .lines()
            .next()
            .unwrap_or_default()
            .to_string()
    }
}

/// The diagnostics of a compilation, in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
    lenient: bool,
}

impl Diagnostics {
    /// Strict collection: schema violations are errors.
    pub fn new() -> Self {
        Self::default()
    }

    /// Lenient collection: recoverable schema violations become warnings.
    pub fn lenient(lenient: bool) -> Self {
        Diagnostics {
            list: Vec::new(),
            lenient,
        }
    }

    /// Whether recoverable violations are downgraded.
    pub fn is_lenient(&self) -> bool {
        self.lenient
    }

    /// Records a diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        if !self.list.contains(&d) {
            self.list.push(d);
        }
    }

    /// Records an error.
    pub fn error(&mut self, span: impl Into<Option<Span>>, message: impl Into<String>) {
        self.push(Diagnostic::error(span, message));
    }

    /// Records a warning.
    pub fn warning(&mut self, span: impl Into<Option<Span>>, message: impl Into<String>) {
        self.push(Diagnostic::warning(span, message));
    }

    /// Records a violation that real vendor files commit: an error, or a warning when lenient.
    pub fn recoverable(&mut self, span: impl Into<Option<Span>>, message: impl Into<String>) {
        if self.lenient {
            self.warning(span, message)
        } else {
            self.error(span, message)
        }
    }

    /// Whether any error was recorded.
    pub fn has_errors(&self) -> bool {
        self.list.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.list
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// All diagnostics.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.list.iter()
    }

    /// Moves everything out.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.list
    }
}
