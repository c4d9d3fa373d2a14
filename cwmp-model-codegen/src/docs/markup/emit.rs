//! Writing rendered blocks as Markdown, HTML and plain text, with the escaping
//! each needs.

use super::{Block, Inline, Style};
use std::fmt::Write;

/// Escapes text for HTML content and attribute values.
pub(crate) fn escape_html(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Escapes text so that Markdown shows it literally (inline position).
pub(crate) fn escape_md(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
}

/// A Markdown code span holding `s` literally; in table cells `|` is escaped too
/// (GitHub splits cells before it reads code spans).
pub(crate) fn code_span(s: &str, cell: bool, out: &mut String) {
    let s: String = s
        .chars()
        .map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c })
        .collect();
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = s.starts_with('`') || s.ends_with('`') || (s.starts_with(' ') && s.ends_with(' '));
    out.push_str(&fence);
    if pad {
        out.push(' ');
    }
    if cell {
        out.push_str(&s.replace('|', "\\|"));
    } else {
        out.push_str(&s);
    }
    if pad {
        out.push(' ');
    }
    out.push_str(&fence);
}

/// Percent-encodes what may not stand in a link target as written.
pub(crate) fn escape_href(s: &str, out: &mut String) {
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"#._-~/:?=".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

fn md_inlines(inlines: &[Inline], cell: bool, out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text(t) => escape_md(t, out),
            Inline::Code(c) => code_span(c, cell, out),
            Inline::Link { text, href, code } => {
                if href.is_some() {
                    out.push('[');
                }
                if *code {
                    code_span(text, cell, out);
                } else {
                    escape_md(text, out);
                }
                if let Some(h) = href {
                    out.push_str("](");
                    escape_href(h, out);
                    out.push(')');
                }
            }
            Inline::Open(Style::Italic) | Inline::Close(Style::Italic) => out.push('*'),
            Inline::Open(Style::Bold) | Inline::Close(Style::Bold) => out.push_str("**"),
        }
    }
}

/// Escapes what would make a paragraph start a heading, list or quote.
fn guard_block_start(p: &mut String) {
    let b = p.as_bytes();
    let spaced = |i: usize| matches!(b.get(i), None | Some(b' ' | b'\t'));
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && matches!(b.get(digits), Some(b'.' | b')')) && spaced(digits + 1) {
        p.insert(digits, '\\');
    } else if matches!(b.first(), Some(b'-' | b'+')) && spaced(1) {
        p.insert(0, '\\');
    } else if b.first() == Some(&b'#') {
        let hashes = b.iter().take_while(|&&c| c == b'#').count();
        if spaced(hashes) {
            p.insert(0, '\\');
        }
    }
}

pub(super) fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut widths: Vec<usize> = Vec::new();
    let mut prev_item = false;
    for b in blocks {
        match b {
            Block::Paragraph(inl) => {
                if !out.is_empty() {
                    out.push_str("\n\n");
                }
                let mut p = String::new();
                md_inlines(inl, false, &mut p);
                guard_block_start(&mut p);
                out.push_str(&p);
                prev_item = false;
            }
            Block::Item {
                ordered,
                level,
                content,
            } => {
                if !out.is_empty() {
                    out.push_str(if prev_item { "\n" } else { "\n\n" });
                }
                let level = (*level).max(1);
                widths.resize(level - 1, 2);
                let indent: usize = widths.iter().sum();
                let marker = if *ordered { "1. " } else { "- " };
                widths.push(marker.len());
                out.push_str(&" ".repeat(indent));
                out.push_str(marker);
                md_inlines(content, false, &mut out);
                prev_item = true;
            }
        }
    }
    out
}

/// Numbers of ordered list items per nesting level; a level restarts when a
/// paragraph or an item of the other kind comes between.
#[derive(Default)]
struct Numbering(Vec<(bool, usize)>);

impl Numbering {
    fn next(&mut self, ordered: bool, level: usize) -> usize {
        self.0.truncate(level);
        self.0.resize(level, (ordered, 0));
        let slot = &mut self.0[level - 1];
        if slot.0 != ordered {
            *slot = (ordered, 0);
        }
        slot.1 += 1;
        slot.1
    }

    fn clear(&mut self) {
        self.0.clear();
    }
}

pub(super) fn markdown_cell(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut numbers = Numbering::default();
    for (k, b) in blocks.iter().enumerate() {
        match b {
            Block::Paragraph(inl) => {
                if k > 0 {
                    out.push_str("<br><br>");
                }
                numbers.clear();
                md_inlines(inl, true, &mut out);
            }
            Block::Item {
                ordered,
                level,
                content,
            } => {
                if k > 0 {
                    out.push_str("<br>");
                }
                let level = (*level).max(1);
                let n = numbers.next(*ordered, level);
                out.push_str(&"&nbsp;&nbsp;".repeat(level - 1));
                if *ordered {
                    let _ = write!(out, "{n}. ");
                } else {
                    out.push_str("• ");
                }
                md_inlines(content, true, &mut out);
            }
        }
    }
    out
}

fn html_inlines(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text(t) => escape_html(t, out),
            Inline::Code(c) => {
                out.push_str("<code>");
                escape_html(c, out);
                out.push_str("</code>");
            }
            Inline::Link { text, href, code } => {
                if let Some(h) = href {
                    out.push_str("<a href=\"");
                    let mut e = String::new();
                    escape_href(h, &mut e);
                    escape_html(&e, out);
                    out.push_str("\">");
                }
                out.push_str(if *code { "<code>" } else { "" });
                escape_html(text, out);
                out.push_str(if *code { "</code>" } else { "" });
                if href.is_some() {
                    out.push_str("</a>");
                }
            }
            Inline::Open(Style::Italic) => out.push_str("<em>"),
            Inline::Close(Style::Italic) => out.push_str("</em>"),
            Inline::Open(Style::Bold) => out.push_str("<strong>"),
            Inline::Close(Style::Bold) => out.push_str("</strong>"),
        }
    }
}

pub(super) fn html(blocks: &[Block]) -> String {
    fn close(stack: &mut Vec<bool>, out: &mut String) {
        if let Some(ordered) = stack.pop() {
            out.push_str(if ordered { "</li></ol>" } else { "</li></ul>" });
        }
    }
    fn open(ordered: bool, stack: &mut Vec<bool>, out: &mut String) {
        out.push_str(if ordered { "<ol>" } else { "<ul>" });
        stack.push(ordered);
    }
    let mut out = String::new();
    // The kinds of the lists open, outermost first; each has an `<li>` open.
    let mut stack: Vec<bool> = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph(inl) => {
                while !stack.is_empty() {
                    close(&mut stack, &mut out);
                }
                out.push_str("<p>");
                html_inlines(inl, &mut out);
                out.push_str("</p>");
            }
            Block::Item {
                ordered,
                level,
                content,
            } => {
                let level = (*level).max(1);
                while stack.len() > level {
                    close(&mut stack, &mut out);
                }
                if stack.len() == level {
                    if stack.last() == Some(ordered) {
                        out.push_str("</li>");
                    } else {
                        close(&mut stack, &mut out);
                    }
                }
                while stack.len() + 1 < level {
                    open(false, &mut stack, &mut out);
                    out.push_str("<li>");
                }
                if stack.len() < level {
                    open(*ordered, &mut stack, &mut out);
                }
                out.push_str("<li>");
                html_inlines(content, &mut out);
            }
        }
    }
    while !stack.is_empty() {
        close(&mut stack, &mut out);
    }
    out
}

fn text_inlines(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text(t) | Inline::Code(t) | Inline::Link { text: t, .. } => out.push_str(t),
            Inline::Open(_) | Inline::Close(_) => {}
        }
    }
}

pub(super) fn text(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut numbers = Numbering::default();
    let mut prev_item = false;
    for b in blocks {
        match b {
            Block::Paragraph(inl) => {
                if !out.is_empty() {
                    out.push_str("\n\n");
                }
                numbers.clear();
                text_inlines(inl, &mut out);
                prev_item = false;
            }
            Block::Item {
                ordered,
                level,
                content,
            } => {
                if !out.is_empty() {
                    out.push_str(if prev_item { "\n" } else { "\n\n" });
                }
                let level = (*level).max(1);
                let n = numbers.next(*ordered, level);
                out.push_str(&"  ".repeat(level - 1));
                if *ordered {
                    let _ = write!(out, "{n}. ");
                } else {
                    out.push_str("* ");
                }
                text_inlines(content, &mut out);
                prev_item = true;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(ordered: bool, level: usize, t: &str) -> Block {
        Block::Item {
            ordered,
            level,
            content: vec![Inline::Text(t.into())],
        }
    }

    #[test]
    fn lists_nest_in_every_format() {
        let blocks = vec![
            Block::Paragraph(vec![Inline::Text("Intro:".into())]),
            item(false, 1, "a"),
            item(true, 2, "b"),
            item(true, 2, "c"),
            item(false, 1, "d"),
            item(false, 3, "deep"),
            Block::Paragraph(vec![Inline::Text("End.".into())]),
        ];
        assert_eq!(
            markdown(&blocks),
            "Intro:\n\n- a\n  1. b\n  1. c\n- d\n    - deep\n\nEnd."
        );
        assert_eq!(
            html(&blocks),
            "<p>Intro:</p><ul><li>a<ol><li>b</li><li>c</li></ol></li><li>d<ul><li><ul><li>deep</li></ul></li></ul></li></ul><p>End.</p>"
        );
        assert_eq!(
            text(&blocks),
            "Intro:\n\n* a\n  1. b\n  2. c\n* d\n    * deep\n\nEnd."
        );
        assert_eq!(
            markdown_cell(&blocks),
            "Intro:<br>• a<br>&nbsp;&nbsp;1. b<br>&nbsp;&nbsp;2. c<br>• d<br>&nbsp;&nbsp;&nbsp;&nbsp;• deep<br><br>End."
        );
    }

    #[test]
    fn escaping() {
        let mut s = String::new();
        escape_md("a*b_c|d<e>[f]`g`\\", &mut s);
        assert_eq!(s, "a\\*b\\_c\\|d\\<e\\>\\[f\\]\\`g\\`\\\\");
        let mut s = String::new();
        code_span("a`b|c", true, &mut s);
        assert_eq!(s, "``a`b\\|c``");
        let mut s = String::new();
        code_span("`x`", false, &mut s);
        assert_eq!(s, "`` `x` ``");
        let mut s = String::new();
        escape_html("<a href=\"x\">&'", &mut s);
        assert_eq!(s, "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
        let mut p = "1. not a list".to_string();
        guard_block_start(&mut p);
        assert_eq!(p, "1\\. not a list");
        let mut p = "# not a heading".to_string();
        guard_block_start(&mut p);
        assert_eq!(p, "\\# not a heading");
        for fine in ["-10 dB", "#.Foo", "1.5 s", "+1"] {
            let mut p = fine.to_string();
            guard_block_start(&mut p);
            assert_eq!(p, fine);
        }
    }
}
