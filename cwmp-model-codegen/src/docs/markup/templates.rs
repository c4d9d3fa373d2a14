//! The meaning of each template: names and links (`param`, `object`, `enum`),
//! fixed phrases (`empty`, `true`, `bibref`, `deprecated`), and definitions
//! (`template`, `datatype`). The templates that describe the item itself from
//! its syntax (`{{enum}}`, `{{list}}`, `{{reference}}`, ...) are in `describe.rs`.

use super::build::{Builder, Kind};
use super::parse::{self, LineKind, Node};
use super::{Context, Rendered};
use crate::ir::Object;

/// How deeply templates may expand inside one another (templates that include
/// themselves stop here).
const MAX_DEPTH: usize = 12;

/// Modifiers that may follow a name in `{{param|Name|...}}` and friends.
const MODIFIERS: &[&str] = &["nolink", "deprecated", "obsoleted", "deleted", "absolute"];

pub(super) fn render(description: &str, ctx: &Context<'_>) -> Rendered {
    let mut r = Renderer {
        ctx,
        b: Builder::new(),
        depth: 0,
        in_value: false,
    };
    let soft = parse::soft_breaks(description);
    for g in parse::blocks(parse::parse(description), soft) {
        r.b.start(kind_of(g.kind));
        r.nodes(&g.nodes);
        r.b.finish();
    }
    Rendered {
        blocks: r.b.into_blocks(),
    }
}

/// The displayed full path a name stands for in a context (an object's when
/// `object`, else a parameter's).
pub(super) fn resolve_display(ctx: &Context<'_>, reference: &str, object: bool) -> String {
    let r = Renderer {
        ctx,
        b: Builder::new(),
        depth: 0,
        in_value: false,
    };
    let t = if object {
        r.object_target(reference)
    } else {
        r.resolve(reference)
    };
    r.display(&t)
}

fn kind_of(k: LineKind) -> Kind {
    match k {
        LineKind::Paragraph => Kind::Paragraph,
        LineKind::Item { ordered, level } => Kind::Item { ordered, level },
    }
}

/// The text of nodes with templates left out (the fallback past [`MAX_DEPTH`]).
fn flat(nodes: &[Node], out: &mut String) {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Template(args) => {
                for (i, a) in args.iter().enumerate().skip(1) {
                    if i > 1 {
                        out.push(' ');
                    }
                    flat(a, out);
                }
            }
        }
    }
}

/// Where a name in a template points.
#[derive(Debug, Clone)]
pub(super) struct Target {
    /// A path of the context's model, or (when `in_model` is false) an absolute path
    /// of the device.
    pub(super) path: String,
    pub(super) in_model: bool,
}

/// The path of the object `levels` above an object path (`A.B.{i}.C.` -> `A.B.{i}.`).
pub(super) fn up(path: &str, levels: usize) -> String {
    let mut segs: Vec<&str> = path.trim_end_matches('.').split('.').collect();
    if segs == [""] {
        segs.clear();
    }
    for _ in 0..levels {
        if segs.pop() == Some("{i}") {
            segs.pop();
        }
    }
    let mut out = segs.join(".");
    if !out.is_empty() {
        out.push('.');
    }
    out
}

pub(super) struct Renderer<'c, 'a> {
    pub(super) ctx: &'c Context<'a>,
    pub(super) b: Builder,
    depth: usize,
    /// Rendering the description of an enumeration value (`{{deprecated}}` says "value").
    pub(super) in_value: bool,
}

impl<'a> Renderer<'_, 'a> {
    pub(super) fn nodes(&mut self, nodes: &[Node]) {
        for n in nodes {
            match n {
                Node::Text(t) => self.b.markup_text(t),
                Node::Template(args) => self.template(args),
            }
        }
    }

    /// Renders nodes into a string of plain text (template arguments used as names).
    pub(super) fn plain(&mut self, nodes: &[Node]) -> String {
        let saved = std::mem::replace(&mut self.b, Builder::new());
        self.nodes(nodes);
        let b = std::mem::replace(&mut self.b, saved);
        b.into_plain().trim().to_string()
    }

    /// Renders a text with markup where the template stands: its first paragraph
    /// continues the current block, further paragraphs and items follow it.
    pub(super) fn embed(&mut self, text: &str) {
        let soft = parse::soft_breaks(text);
        for (k, g) in parse::blocks(parse::parse(text), soft)
            .into_iter()
            .enumerate()
        {
            if k > 0 || g.kind != LineKind::Paragraph {
                self.b.start(kind_of(g.kind));
            }
            self.nodes(&g.nodes);
        }
    }

    /// The object the context's relative names start from.
    pub(super) fn current(&self) -> &'a str {
        self.ctx.object.map_or("", |o| o.path.as_str())
    }

    /// The object a model's `.Name` references start from: `Device.`, or the
    /// service's own table row (`VoiceService.{i}.`).
    fn scope_root(&self) -> String {
        let Some(first) = self.ctx.model.objects.iter().find(|o| !o.path.is_empty()) else {
            return String::new();
        };
        let seg = first.path.split('.').next().unwrap_or_default();
        let row = format!("{seg}.{{i}}.");
        if self.ctx.lookup(&row).is_some() {
            row
        } else {
            format!("{seg}.")
        }
    }

    /// Resolves a name as the BBF tools do: `#` climbs one object per `#`, a
    /// leading `.` starts at the model's root, a full path stands for itself, and
    /// anything else is relative to the current object.
    pub(super) fn resolve(&self, reference: &str) -> Target {
        let r = reference.trim();
        let in_model = |path: String| Target {
            path,
            in_model: true,
        };
        if r.starts_with('#') {
            let n = r.bytes().take_while(|&b| b == b'#').count();
            let rest = r[n..].trim_start_matches('.');
            return in_model(format!("{}{rest}", up(self.current(), n)));
        }
        if let Some(rest) = r.strip_prefix('.') {
            return in_model(format!("{}{rest}", self.scope_root()));
        }
        if let Some((first, _)) = r.split_once('.') {
            let root = self.scope_root();
            if root.split('.').next() == Some(first) {
                return in_model(r.to_string());
            }
            let mount_root = self.ctx.mount.split('.').next().unwrap_or_default();
            if first == mount_root || first == "Device" || first == "InternetGatewayDevice" {
                return Target {
                    path: r.to_string(),
                    in_model: false,
                };
            }
        }
        in_model(format!("{}{r}", self.current()))
    }

    /// Resolves an object name, finding `Name.{i}.` when `Name.` is a table.
    pub(super) fn object_target(&self, reference: &str) -> Target {
        let mut t = self.resolve(reference);
        if !t.path.ends_with('.') {
            t.path.push('.');
        }
        if t.in_model && self.ctx.lookup(&t.path).is_none() {
            let row = format!("{}{{i}}.", t.path);
            if self.ctx.lookup(&row).is_some() {
                t.path = row;
            }
        }
        t
    }

    pub(super) fn display(&self, t: &Target) -> String {
        if t.in_model {
            format!("{}{}", self.ctx.mount, t.path)
        } else {
            t.path.clone()
        }
    }

    pub(super) fn href(&self, display: &str) -> Option<String> {
        self.ctx.linker.and_then(|l| l(display))
    }

    /// A link to an object, its full path shown.
    pub(super) fn object_link(&mut self, t: &Target, link: bool) {
        let d = self.display(t);
        let href = if link { self.href(&d) } else { None };
        self.b.link(&d, href, true);
    }

    /// A link to a parameter: its name alone when it is in the current object.
    pub(super) fn param_link(&mut self, t: &Target, link: bool) {
        let d = self.display(t);
        let href = if link { self.href(&d) } else { None };
        let (parent, name) = match t.path.rfind('.') {
            Some(i) => (&t.path[..=i], &t.path[i + 1..]),
            None => ("", t.path.as_str()),
        };
        let shown = if t.in_model && parent == self.current() {
            name.to_string()
        } else {
            d
        };
        self.b.link(&shown, href, true);
    }

    /// The first non-empty argument that is not a modifier, and whether `nolink` was given.
    fn name_arg(&mut self, rest: &[Vec<Node>]) -> (String, bool) {
        let mut name = String::new();
        let mut link = true;
        for a in rest {
            let s = self.plain(a);
            if s == "nolink" {
                link = false;
            } else if name.is_empty() && !MODIFIERS.contains(&s.as_str()) {
                name = s;
            }
        }
        (name, link)
    }

    fn arg(&mut self, rest: &[Vec<Node>], i: usize) -> String {
        rest.get(i).map(|a| self.plain(a)).unwrap_or_default()
    }

    fn template(&mut self, args: &[Vec<Node>]) {
        if self.depth >= MAX_DEPTH {
            let mut s = String::new();
            flat(&[Node::Template(args.to_vec())], &mut s);
            self.b.text(&s);
            return;
        }
        self.depth += 1;
        let name = args.first().map(|a| self.plain(a)).unwrap_or_default();
        let rest = args.get(1..).unwrap_or_default();
        self.dispatch(&name, rest);
        self.depth -= 1;
    }

    fn dispatch(&mut self, name: &str, rest: &[Vec<Node>]) {
        match name {
            "param" => self.param(rest),
            "object" => self.object(rest),
            "enum" | "pattern" if !rest.is_empty() => self.value_ref(rest),
            "enum" => self.enum_list(),
            "pattern" => self.pattern_list(),
            "empty" => self.b.text("an empty string"),
            "true" => self.b.code("true"),
            "false" => self.b.code("false"),
            "null" => self.null(),
            "units" => self.units(),
            "numentries" => self.numentries(),
            "list" => self.list(rest),
            "datatype" => self.datatype(rest),
            "reference" => self.reference(rest),
            "keys" => self.keys(),
            "hidden" | "secured" => self.hidden(name, rest),
            "command" => self.command(rest),
            "event" => {
                let n = self.arg(rest, 0);
                let t = self.resolve(&n);
                let d = self.display(&t);
                self.b.code(&d);
            }
            "maxval" | "minval" => self.bound(name == "maxval"),
            "range" => self.range(),
            "bibref" => {
                let id = self.arg(rest, 0);
                let section = self.arg(rest, 1);
                if section.is_empty() {
                    self.b.text(&format!("[{id}]"));
                } else {
                    self.b.text(&format!("[{id}] {section}"));
                }
            }
            "deprecated" | "obsoleted" | "deleted" => self.lifecycle(name, rest),
            "template" | "templ" => {
                let id = self.arg(rest, 0);
                match self.ctx.definitions.and_then(|d| d.template(&id)) {
                    Some(body) => self.embed(body),
                    None => self.b.code(&id),
                }
            }
            "docname" => {
                let t = self.arg(rest, 0);
                self.b.toggle(super::Style::Italic);
                self.b.text(&t);
                self.b.toggle(super::Style::Italic);
            }
            "appdate" | "trname" | "abbref" | "gloref" => {
                let t = self.arg(rest, 0);
                self.b.text(&t);
            }
            "xmlref" => {
                let file = self.arg(rest, 0);
                let label = self.arg(rest, 1);
                if label.is_empty() {
                    self.b.code(&file);
                } else {
                    self.b.text(&format!("{label} ({file})"));
                }
            }
            "profile" => {
                let p = self.arg(rest, 0);
                if p.is_empty() {
                    self.b.text("this profile");
                } else {
                    self.b.code(&p);
                }
            }
            // A section marker ends the paragraph; its name is not shown.
            "section" => self.b.start(Kind::Paragraph),
            // `div`/`span` wrap text in a style class: keep the text.
            "div" | "span" => {
                if let Some(a) = rest.last() {
                    self.nodes(a);
                }
            }
            // Suppressors of text the BBF tools add automatically; issues are editorial.
            "noreference" | "nolist" | "nokeys" | "nounits" | "nohidden" | "nosecured"
            | "noenum" | "nopattern" | "nodatatype" | "issue" => {}
            _ => self.unknown(name, rest),
        }
    }

    /// Any other template: its arguments, else its name (never the braces).
    fn unknown(&mut self, name: &str, rest: &[Vec<Node>]) {
        if rest.iter().all(|a| a.is_empty()) {
            self.b.text(name);
            return;
        }
        for (i, a) in rest.iter().enumerate() {
            if i > 0 {
                self.b.text(", ");
            }
            self.nodes(a);
        }
    }

    fn param(&mut self, rest: &[Vec<Node>]) {
        let (name, link) = self.name_arg(rest);
        if name.is_empty() {
            match self.ctx.parameter {
                Some(p) => self.b.code(&p.name),
                None => self.b.text("this parameter"),
            }
            return;
        }
        let t = self.resolve(&name);
        self.param_link(&t, link);
    }

    fn object(&mut self, rest: &[Vec<Node>]) {
        let (name, link) = self.name_arg(rest);
        if name.is_empty() {
            match self.ctx.object {
                Some(o) if !o.path.is_empty() => {
                    let t = Target {
                        path: o.path.clone(),
                        in_model: true,
                    };
                    // The object itself: shown, not linked, in its own description.
                    let own = self.ctx.parameter.is_none();
                    self.object_link(&t, !own);
                }
                _ => self.b.text("this object"),
            }
            return;
        }
        let t = self.object_target(&name);
        self.object_link(&t, link);
    }

    /// `{{enum|Value|Param}}` and `{{pattern|Value|Param}}`: the value, quoted,
    /// linked to the parameter that defines it when that is another one.
    fn value_ref(&mut self, rest: &[Vec<Node>]) {
        let value = self.arg(rest, 0);
        let (param, link) = self.name_arg(rest.get(1..).unwrap_or_default());
        let quoted = format!("\"{value}\"");
        if param.is_empty() {
            self.b.text(&quoted);
            return;
        }
        let t = self.resolve(&param);
        let d = self.display(&t);
        let href = if link { self.href(&d) } else { None };
        self.b.link(&quoted, href, false);
    }

    fn lifecycle(&mut self, name: &str, rest: &[Vec<Node>]) {
        let what = if self.in_value {
            "value"
        } else if self.ctx.parameter.is_some() {
            "parameter"
        } else {
            "object"
        };
        let version = self.arg(rest, 0);
        let mut s = format!("This {what} was {}", name.to_ascii_uppercase());
        if !version.is_empty() {
            s.push_str(" in ");
            s.push_str(&version);
        }
        self.b.text(&s);
        match rest.get(1) {
            Some(reason) if !reason.is_empty() => {
                self.b.text(" ");
                self.nodes(reason);
                let ends = matches!(self.b.last_char(), Some('.' | '!' | '?'));
                if !ends {
                    self.b.text(".");
                }
            }
            _ => self.b.text("."),
        }
    }

    fn datatype(&mut self, rest: &[Vec<Node>]) {
        let a = self.arg(rest, 0);
        let named = self.ctx.parameter.and_then(|p| p.syntax.data_type.clone());
        let (name, expand) = match (a.as_str(), named) {
            ("expand", Some(n)) => (n, true),
            ("" | "expand", None) => return,
            ("", Some(n)) => (n, false),
            (other, _) => (other.to_string(), false),
        };
        self.b.text(&format!("[{name}]"));
        if expand {
            if let Some(desc) = self.ctx.definitions.and_then(|d| d.data_type(&name)) {
                self.b.text(" ");
                self.embed(&desc);
            }
        }
    }

    fn hidden(&mut self, name: &str, rest: &[Vec<Node>]) {
        self.b.text("When read, this parameter returns ");
        match rest.first() {
            Some(v) if !v.is_empty() => self.nodes(v),
            _ => self.b.text("an empty string"),
        }
        if name == "secured" {
            self.b
                .text(", unless the ACS is trusted to read it (a secured parameter).");
        } else {
            self.b.text(", regardless of the actual value.");
        }
    }

    fn command(&mut self, rest: &[Vec<Node>]) {
        let n = self.arg(rest, 0);
        if n.is_empty() {
            self.b
                .text("The value is not part of the device configuration and is always ");
            self.null();
            self.b.text(" when read.");
            return;
        }
        let t = self.resolve(&n);
        let d = self.display(&t);
        self.b.code(&d);
    }

    /// The enclosing object of the item, for templates that describe a table.
    pub(super) fn table(&self) -> Option<&'a Object> {
        self.ctx.object.filter(|o| !o.path.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::up;

    #[test]
    fn up_skips_instance_placeholders() {
        assert_eq!(up("A.B.{i}.C.", 1), "A.B.{i}.");
        assert_eq!(up("A.B.{i}.", 1), "A.");
        assert_eq!(up("A.B.{i}.C.", 2), "A.");
        assert_eq!(up("A.", 1), "");
        assert_eq!(up("", 3), "");
    }
}
