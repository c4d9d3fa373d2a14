//! Rustdoc text of generated items: descriptions with BBF markup rendered to
//! Markdown that rustdoc takes without warnings, ending with what the item
//! is in the model.

use crate::docs::facets::{object_access, param_access, type_text};
use crate::docs::markup::{self, Block, Context, Definitions, Inline, ModelIndex, Style};
use crate::ir::{Model, Object, Parameter};

/// Renders descriptions of one model.
pub(crate) struct DocWriter<'a> {
    model: &'a Model,
    index: ModelIndex,
    definitions: Option<&'a Definitions>,
    enabled: bool,
}

impl<'a> DocWriter<'a> {
    pub fn new(model: &'a Model, definitions: Option<&'a Definitions>, enabled: bool) -> Self {
        DocWriter {
            model,
            index: ModelIndex::new(model),
            definitions,
            enabled,
        }
    }

    fn context(&self) -> Context<'_> {
        let ctx = Context::new(self.model).with_index(&self.index);
        match self.definitions {
            Some(d) => ctx.with_definitions(d),
            None => ctx,
        }
    }

    fn description(&self, text: &str, ctx: &Context<'_>) -> String {
        if !self.enabled || text.trim().is_empty() {
            return String::new();
        }
        let rendered = markup::render(text, ctx);
        let mut out = rustdoc(&rendered.blocks);
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out
    }

    /// The doc of an object's struct.
    pub fn object(&self, o: &Object) -> String {
        let ctx = self.context().for_object(o);
        let mut out = self.description(&o.description, &ctx);
        let kind = if o.is_table() {
            let max = o
                .max_entries
                .map_or("unbounded".to_string(), |m| m.to_string());
            format!(
                "table ({}, {} to {max} instances)",
                object_access(o.access),
                o.min_entries
            )
        } else {
            "object".to_string()
        };
        out.push_str(&format!(
            "`{}`: {kind}, since {}{}.",
            o.path,
            o.version,
            status(o.status.as_str())
        ));
        out
    }

    /// The doc of a parameter's field.
    pub fn param(&self, o: &Object, p: &Parameter) -> String {
        let ctx = self.context().for_parameter(o, p);
        let mut out = self.description(&p.description, &ctx);
        let mut extra = String::new();
        if p.syntax.hidden || p.syntax.secured {
            extra.push_str(", redacted in `Debug`");
        }
        out.push_str(&format!(
            "`{}{}`: {}, {}, since {}{}{extra}.",
            o.path,
            p.name,
            escape(&type_text(&p.syntax)),
            param_access(p.access),
            p.version,
            status(p.status.as_str())
        ));
        out
    }

    /// The doc of one enumerated value.
    pub fn value(&self, o: &Object, p: &Parameter, value: &str) -> String {
        let description = p
            .syntax
            .enumerations
            .iter()
            .find(|e| e.value == value)
            .map(|e| e.description.as_str())
            .unwrap_or_default();
        let ctx = self.context().for_parameter(o, p);
        let mut out = self.description(description, &ctx);
        out.push_str(&format!("`{}`", code_text(value)));
        out
    }
}

fn status(s: &str) -> String {
    if s == "current" {
        String::new()
    } else {
        format!(", {s}")
    }
}

/// Markdown of rendered blocks, with everything rustdoc would read as a
/// link, HTML or a bare URL escaped.
pub(crate) fn rustdoc(blocks: &[Block]) -> String {
    let mut out = String::new();
    for (i, b) in blocks.iter().enumerate() {
        let (prefix, content) = match b {
            Block::Paragraph(c) => {
                if i > 0 {
                    out.push_str("\n\n");
                }
                (String::new(), c)
            }
            Block::Item {
                ordered,
                level,
                content,
            } => {
                if i > 0 {
                    let after_item = matches!(blocks[i - 1], Block::Item { .. });
                    out.push_str(if after_item { "\n" } else { "\n\n" });
                }
                let indent = "  ".repeat(level.saturating_sub(1));
                let mark = if *ordered { "1. " } else { "- " };
                (format!("{indent}{mark}"), content)
            }
        };
        out.push_str(&prefix);
        inlines(content, &mut out);
    }
    out.trim().to_string()
}

fn inlines(content: &[Inline], out: &mut String) {
    for inline in content {
        match inline {
            Inline::Text(t) => out.push_str(&escape(t)),
            Inline::Code(t) => code(t, out),
            Inline::Link { text, code: c, .. } => {
                if *c {
                    code(text, out);
                } else {
                    out.push_str(&escape(text));
                }
            }
            Inline::Open(s) | Inline::Close(s) => out.push_str(match s {
                Style::Italic => "*",
                Style::Bold => "**",
            }),
        }
    }
}

/// A code span that holds any text, backticks included.
fn code(text: &str, out: &mut String) {
    let text = code_text(text);
    if text.is_empty() {
        out.push_str("\"\"");
        return;
    }
    let mut fence = 1;
    while text.contains(&"`".repeat(fence)) {
        fence += 1;
    }
    let f = "`".repeat(fence);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    out.push_str(&format!("{f}{pad}{text}{pad}{f}"));
}

fn code_text(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// Escapes Markdown and HTML syntax in running text; URLs become autolinks.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for word in text.split_inclusive(char::is_whitespace) {
        let trimmed = word.trim_end();
        if trimmed.starts_with("http://") || trimmed.starts_with("https://") {
            let url = trimmed.trim_end_matches(['.', ',', ';', ')', ':']);
            let rest = &word[url.len()..];
            if !url.contains(['<', '>', '`', '"']) {
                out.push('<');
                out.push_str(url);
                out.push('>');
                out.push_str(&escape_chars(rest));
                continue;
            }
        }
        out.push_str(&escape_chars(word));
    }
    out
}

fn escape_chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '[' | ']' | '*' | '_' | '`' | '\\' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_rustdoc_would_read_as_syntax() {
        assert_eq!(escape("a [b] <c> *d*"), r"a \[b\] &lt;c&gt; \*d\*");
        assert_eq!(
            escape("see https://example.com/x."),
            "see <https://example.com/x>."
        );
        let mut out = String::new();
        code("a`b", &mut out);
        assert_eq!(out, "``a`b``");
    }
}
