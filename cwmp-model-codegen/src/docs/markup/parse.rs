//! Reading BBF description text: `{{name|arg|...}}` templates into a tree, and the
//! tree's lines into paragraphs and list items.
//!
//! Nothing here fails: an unclosed `{{` stays literal text, a stray `}}` too.

/// A piece of description text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    /// Literal text (may hold line breaks at the top level).
    Text(String),
    /// `{{name|arg|...}}`: the name is `args[0]`, each argument a node list.
    Template(Vec<Vec<Node>>),
}

/// How deeply templates may nest; deeper `{{` stays text (keeps every later
/// recursive walk of the tree shallow, whatever the input).
const MAX_NESTING: usize = 32;

struct Frame {
    args: Vec<Vec<Node>>,
    /// Single `{` seen inside this template and not yet closed (`{i}` in paths),
    /// so that `Foo.{i}}}` closes the template after `{i}`.
    braces: usize,
}

fn flush(text: &mut String, out: &mut Vec<Node>) {
    if !text.is_empty() {
        out.push(Node::Text(std::mem::take(text)));
    }
}

fn current<'a>(root: &'a mut Vec<Node>, stack: &'a mut [Frame]) -> &'a mut Vec<Node> {
    match stack.last_mut() {
        Some(f) => f.args.last_mut().expect("a frame always has an argument"),
        None => root,
    }
}

/// Parses templates. Unbalanced input keeps its unmatched braces as text.
pub(crate) fn parse(s: &str) -> Vec<Node> {
    let mut root = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut text = String::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    // Copies runs of ordinary text at once; only `{`, `}` and `|` are special.
    while i < bytes.len() {
        let run = bytes[i..]
            .iter()
            .position(|b| matches!(b, b'{' | b'}' | b'|'))
            .map_or(bytes.len(), |p| i + p);
        if run > i {
            text.push_str(&s[i..run]);
            i = run;
            continue;
        }
        let b = bytes[i];
        let next = bytes.get(i + 1).copied();
        if b == b'{' && next == Some(b'{') && stack.len() < MAX_NESTING {
            flush(&mut text, current(&mut root, &mut stack));
            stack.push(Frame {
                args: vec![Vec::new()],
                braces: 0,
            });
            i += 2;
            continue;
        }
        match stack.last_mut() {
            None => text.push(b as char),
            Some(f) => match b {
                b'{' => {
                    f.braces += 1;
                    text.push('{');
                }
                b'}' if f.braces > 0 => {
                    f.braces -= 1;
                    text.push('}');
                }
                b'}' if next == Some(b'}') => {
                    flush(&mut text, current(&mut root, &mut stack));
                    let f = stack.pop().expect("checked non-empty");
                    current(&mut root, &mut stack).push(Node::Template(f.args));
                    i += 2;
                    continue;
                }
                b'|' => {
                    if let Some(arg) = f.args.last_mut() {
                        flush(&mut text, arg);
                    }
                    f.args.push(Vec::new());
                }
                _ => text.push(b as char),
            },
        }
        i += 1;
    }
    flush(&mut text, current(&mut root, &mut stack));
    // Unclosed templates become their literal text again.
    while let Some(f) = stack.pop() {
        let out = current(&mut root, &mut stack);
        out.push(Node::Text("{{".into()));
        for (k, arg) in f.args.into_iter().enumerate() {
            if k > 0 {
                out.push(Node::Text("|".into()));
            }
            out.extend(arg);
        }
    }
    root
}

/// How a group of lines is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineKind {
    /// A paragraph.
    Paragraph,
    /// A list item: numbered or not, nesting level from 1.
    Item {
        /// `#` rather than `*`.
        ordered: bool,
        /// Number of marker characters.
        level: usize,
    },
}

/// A paragraph or list item, still as nodes.
#[derive(Debug)]
pub(crate) struct Group {
    pub(crate) kind: LineKind,
    pub(crate) nodes: Vec<Node>,
}

struct Line {
    nodes: Vec<Node>,
    indent: usize,
    blank: bool,
}

fn split_lines(nodes: Vec<Node>) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut cur: Vec<Node> = Vec::new();
    for n in nodes {
        match n {
            Node::Text(t) => {
                let mut parts = t.split('\n');
                if let Some(first) = parts.next() {
                    if !first.is_empty() {
                        cur.push(Node::Text(first.to_string()));
                    }
                }
                for p in parts {
                    lines.push(std::mem::take(&mut cur));
                    if !p.is_empty() {
                        cur.push(Node::Text(p.to_string()));
                    }
                }
            }
            t => cur.push(t),
        }
    }
    lines.push(cur);
    lines
        .into_iter()
        .map(|nodes| {
            let (indent, blank) = match nodes.first() {
                None => (0, true),
                Some(Node::Text(t)) => (
                    t.len() - t.trim_start().len(),
                    nodes.len() == 1 && t.trim().is_empty(),
                ),
                Some(Node::Template(_)) => (0, false),
            };
            Line {
                nodes,
                indent,
                blank,
            }
        })
        .collect()
}

/// The list marker at the start of a line (`* `, `## `), removed from the line.
fn take_marker(line: &mut Line) -> Option<LineKind> {
    let Some(Node::Text(t)) = line.nodes.first_mut() else {
        return None;
    };
    let body = t.trim_start();
    let first = body.chars().next()?;
    if first != '*' && first != '#' {
        return None;
    }
    let level = body.chars().take_while(|&c| c == first).count();
    let rest = &body[level..];
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    *t = rest.trim_start().to_string();
    Some(LineKind::Item {
        ordered: first == '#',
        level,
    })
}

/// Longest line of text wrapped by its author (BBF files since TR-181 2.15 wrap at
/// 80 columns; older ones write a paragraph per line).
const WRAP_WIDTH: usize = 90;

/// Whether single line breaks in a text are soft (the text is wrapped, or has
/// blank lines between paragraphs), rather than each line being a paragraph.
pub(crate) fn soft_breaks(text: &str) -> bool {
    text.lines().any(|l| l.trim().is_empty()) || text.lines().all(|l| l.len() <= WRAP_WIDTH)
}

/// Groups lines into paragraphs and list items. With `soft_breaks` (see
/// [`soft_breaks`]) blank lines separate paragraphs and single line breaks are
/// spaces; otherwise (the older BBF style) each line is a paragraph of its own. A
/// line indented deeper than a list item continues it.
pub(crate) fn blocks(nodes: Vec<Node>, soft_breaks: bool) -> Vec<Group> {
    let lines = split_lines(nodes);
    let mut out: Vec<Group> = Vec::new();
    let mut open = false;
    let mut item_indent: Option<usize> = None;
    for mut line in lines {
        if line.blank {
            open = false;
            item_indent = None;
            continue;
        }
        let indent = line.indent;
        if let Some(kind) = take_marker(&mut line) {
            out.push(Group {
                kind,
                nodes: line.nodes,
            });
            open = true;
            item_indent = Some(indent);
            continue;
        }
        let continues = match item_indent {
            Some(i) => indent > i,
            None => soft_breaks,
        };
        if open && continues {
            let g = out.last_mut().expect("open implies a group");
            g.nodes.push(Node::Text(" ".into()));
            g.nodes.extend(line.nodes);
        } else {
            out.push(Group {
                kind: LineKind::Paragraph,
                nodes: line.nodes,
            });
            open = true;
            item_indent = None;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Node {
        Node::Text(s.into())
    }

    #[test]
    fn templates_nest_and_keep_paths() {
        assert_eq!(
            parse("a {{param|X}} b"),
            vec![
                t("a "),
                Node::Template(vec![vec![t("param")], vec![t("X")]]),
                t(" b")
            ]
        );
        assert_eq!(
            parse("{{object|A.{i}}}."),
            vec![
                Node::Template(vec![vec![t("object")], vec![t("A.{i}")]]),
                t(".")
            ]
        );
        let nested = parse("{{deprecated|2.1|because {{param}}}}");
        let Node::Template(args) = &nested[0] else {
            panic!()
        };
        assert_eq!(args.len(), 3);
        assert_eq!(args[2][1], Node::Template(vec![vec![t("param")]]));
    }

    #[test]
    fn unbalanced_input_stays_text() {
        assert_eq!(
            parse("a {{param|X"),
            vec![t("a "), t("{{"), t("param"), t("|"), t("X")]
        );
        assert_eq!(parse("a }} b | c"), vec![t("a }} b | c")]);
        assert_eq!(parse("{{"), vec![t("{{")]);
        assert_eq!(parse("}}{{}}"), vec![t("}}"), Node::Template(vec![vec![]])]);
        assert_eq!(
            parse("é{{x|ü}}"),
            vec![t("é"), Node::Template(vec![vec![t("x")], vec![t("ü")]])]
        );
    }

    #[test]
    fn lines_group_into_blocks() {
        let g = blocks(parse("One.\nTwo.\n* a\n* b\n## c"), false);
        let kinds: Vec<LineKind> = g.iter().map(|g| g.kind).collect();
        assert_eq!(
            kinds,
            vec![
                LineKind::Paragraph,
                LineKind::Paragraph,
                LineKind::Item {
                    ordered: false,
                    level: 1
                },
                LineKind::Item {
                    ordered: false,
                    level: 1
                },
                LineKind::Item {
                    ordered: true,
                    level: 2
                },
            ]
        );
        let g = blocks(parse("One\ncontinued.\n\nTwo.\n* item\n  more"), true);
        assert_eq!(g.len(), 3);
        assert_eq!(g[2].nodes.len(), 3);
        // `*` without a space is not a list.
        assert_eq!(blocks(parse("*bold*"), false).len(), 1);
        assert!(soft_breaks("short\nlines"));
        assert!(!soft_breaks(&format!("{}\nb", "a".repeat(120))));
        assert_eq!(blocks(parse("#.Foo is relative"), false).len(), 1);
    }
}
