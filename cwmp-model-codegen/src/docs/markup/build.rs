//! Accumulating inline content into blocks, with the `''`/`'''` emphasis toggles
//! kept balanced and properly nested.

use super::{Block, Inline, Style};

/// What the block being filled is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Paragraph,
    Item { ordered: bool, level: usize },
}

/// Builds blocks from inline pieces.
#[derive(Debug)]
pub(crate) struct Builder {
    pub(crate) blocks: Vec<Block>,
    cur: Vec<Inline>,
    kind: Kind,
    open: Vec<Style>,
}

impl Builder {
    pub(crate) fn new() -> Self {
        Builder {
            blocks: Vec::new(),
            cur: Vec::new(),
            kind: Kind::Paragraph,
            open: Vec::new(),
        }
    }

    /// Plain text: white space collapsed, no markup.
    pub(crate) fn text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        let mut collapsed = String::with_capacity(s.len());
        let mut space = false;
        for c in s.chars() {
            if c.is_whitespace() {
                space = true;
            } else {
                if space {
                    collapsed.push(' ');
                }
                space = false;
                collapsed.push(c);
            }
        }
        if space {
            collapsed.push(' ');
        }
        if let Some(Inline::Text(t)) = self.cur.last_mut() {
            if t.ends_with(' ') && collapsed.starts_with(' ') {
                collapsed.remove(0);
            }
            t.push_str(&collapsed);
        } else {
            if self.cur.is_empty() {
                collapsed = collapsed.trim_start().to_string();
                if collapsed.is_empty() {
                    return;
                }
            }
            self.cur.push(Inline::Text(collapsed));
        }
    }

    /// Text with the `''italic''` and `'''bold'''` toggles of the BBF markup.
    pub(crate) fn markup_text(&mut self, s: &str) {
        let mut rest = s;
        while let Some(i) = rest.find("''") {
            self.text(&rest[..i]);
            let run = rest[i..].bytes().take_while(|&b| b == b'\'').count();
            // MediaWiki rules: 2 italic, 3 bold, 5 both; extra quotes are literal.
            let (literal, toggles): (usize, &[Style]) = match run {
                2 => (0, &[Style::Italic]),
                3 => (0, &[Style::Bold]),
                4 => (1, &[Style::Bold]),
                _ => (run - 5, &[Style::Bold, Style::Italic]),
            };
            self.text(&"'".repeat(literal));
            for &t in toggles {
                self.toggle(t);
            }
            rest = &rest[i + run..];
        }
        self.text(rest);
    }

    /// The last character of plain text written to the current block (`None`
    /// after code or a link, whose dots are part of a name, not punctuation).
    pub(crate) fn last_char(&self) -> Option<char> {
        match self.cur.last()? {
            Inline::Text(t) => t.trim_end().chars().last(),
            _ => None,
        }
    }

    pub(crate) fn code(&mut self, s: &str) {
        self.cur.push(Inline::Code(s.to_string()));
    }

    pub(crate) fn link(&mut self, text: &str, href: Option<String>, code: bool) {
        self.cur.push(Inline::Link {
            text: text.to_string(),
            href,
            code,
        });
    }

    pub(crate) fn toggle(&mut self, style: Style) {
        match self.open.iter().position(|&s| s == style) {
            None => {
                self.open.push(style);
                self.cur.push(Inline::Open(style));
            }
            Some(at) => {
                // Close the styles opened inside it, close it, and reopen them.
                let inner: Vec<Style> = self.open.drain(at..).collect();
                for &s in inner.iter().rev() {
                    self.cur.push(Inline::Close(s));
                }
                for &s in &inner[1..] {
                    self.open.push(s);
                    self.cur.push(Inline::Open(s));
                }
            }
        }
    }

    /// Finishes the current block and starts one of `kind`.
    pub(crate) fn start(&mut self, kind: Kind) {
        self.finish();
        self.kind = kind;
    }

    /// Finishes the current block (dropped when empty) and starts a paragraph.
    pub(crate) fn finish(&mut self) {
        for s in std::mem::take(&mut self.open).into_iter().rev() {
            self.cur.push(Inline::Close(s));
        }
        let mut content = std::mem::take(&mut self.cur);
        trim(&mut content);
        let kind = std::mem::replace(&mut self.kind, Kind::Paragraph);
        if content.is_empty() {
            return;
        }
        self.blocks.push(match kind {
            Kind::Paragraph => Block::Paragraph(content),
            Kind::Item { ordered, level } => Block::Item {
                ordered,
                level,
                content,
            },
        });
    }

    /// Everything written so far, as blocks.
    pub(crate) fn into_blocks(mut self) -> Vec<Block> {
        self.finish();
        self.blocks
    }

    /// Everything written so far, as one line of plain text.
    pub(crate) fn into_plain(self) -> String {
        let mut out = String::new();
        for b in self.into_blocks() {
            let inl = match &b {
                Block::Paragraph(i) | Block::Item { content: i, .. } => i,
            };
            if !out.is_empty() {
                out.push(' ');
            }
            for i in inl {
                match i {
                    Inline::Text(t) | Inline::Code(t) | Inline::Link { text: t, .. } => {
                        out.push_str(t)
                    }
                    Inline::Open(_) | Inline::Close(_) => {}
                }
            }
        }
        out
    }
}

/// Removes white space at the edges of a block, and emphasis around nothing.
fn trim(content: &mut Vec<Inline>) {
    loop {
        let before = content.len();
        if let Some(Inline::Text(t)) = content.first_mut() {
            let s = t.trim_start();
            if s.len() != t.len() {
                *t = s.to_string();
            }
        }
        if let Some(Inline::Text(t)) = content.last_mut() {
            let s = t.trim_end();
            if s.len() != t.len() {
                *t = s.to_string();
            }
        }
        content.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
        let mut i = 0;
        while i + 1 < content.len() {
            if matches!((&content[i], &content[i + 1]), (Inline::Open(a), Inline::Close(b)) if a == b)
            {
                content.drain(i..i + 2);
            } else {
                i += 1;
            }
        }
        if content.len() == before {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_stays_nested_and_closed() {
        let mut b = Builder::new();
        b.markup_text("a '''b ''c''' d'' e ''open");
        let blocks = b.into_blocks();
        let Block::Paragraph(i) = &blocks[0] else {
            panic!()
        };
        let opens = i.iter().filter(|x| matches!(x, Inline::Open(_))).count();
        let closes = i.iter().filter(|x| matches!(x, Inline::Close(_))).count();
        assert_eq!(opens, closes);
        assert_eq!(
            super::super::emit::html(&blocks),
            "<p>a <strong>b <em>c</em></strong><em> d</em> e <em>open</em></p>"
        );
    }

    #[test]
    fn whitespace_collapses_and_empty_blocks_vanish() {
        let mut b = Builder::new();
        b.text("  a \n  b  ");
        b.code("x");
        b.finish();
        b.text("   ");
        b.finish();
        let blocks = b.into_blocks();
        assert_eq!(
            blocks,
            vec![Block::Paragraph(vec![
                Inline::Text("a b ".into()),
                Inline::Code("x".into())
            ])]
        );
    }
}
