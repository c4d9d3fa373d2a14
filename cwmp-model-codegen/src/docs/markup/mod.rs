//! The BBF description markup: `{{param|Name}}`, `{{enum}}`, `{{bibref|TR-106}}`
//! and the other templates of the Broadband Forum's report tool, `''italic''`,
//! `'''bold'''`, and `*`/`#` lists, rendered to Markdown, HTML or plain text.
//!
//! A description is rendered in a [`Context`]: the model, object and parameter it
//! describes, which templates such as `{{enum}}`, `{{units}}` or `{{numentries}}`
//! describe, and against which relative names (`#.Foo`, `.Foo`) resolve.
//!
//! [`render`] gives [`Rendered`] blocks that each output format writes its own
//! way; [`to_markdown`], [`to_html`] and [`to_text`] do both steps.

mod build;
mod definitions;
mod describe;
pub(crate) mod emit;
mod parse;
mod templates;

use crate::ir::{Model, Object, ObjectId, Parameter};
use std::collections::HashMap;

pub use definitions::Definitions;

/// Every template name this renderer knows; any other renders by a generic rule
/// (its arguments, else its name) so that no `{{` is ever left in the output.
pub const KNOWN_TEMPLATES: &[&str] = &[
    "abbref",
    "appdate",
    "bibref",
    "command",
    "datatype",
    "deleted",
    "deprecated",
    "div",
    "docname",
    "empty",
    "enum",
    "event",
    "false",
    "gloref",
    "hidden",
    "issue",
    "keys",
    "list",
    "maxval",
    "minval",
    "noreference",
    "nolist",
    "nokeys",
    "nounits",
    "nohidden",
    "nosecured",
    "noenum",
    "nopattern",
    "nodatatype",
    "null",
    "numentries",
    "object",
    "obsoleted",
    "param",
    "pattern",
    "profile",
    "range",
    "reference",
    "section",
    "secured",
    "span",
    "templ",
    "template",
    "trname",
    "true",
    "units",
    "xmlref",
];

/// Emphasis kinds of the `''` and `'''` markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `''italic''`
    Italic,
    /// `'''bold'''`
    Bold,
}

/// A run of inline content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Plain text, white space already collapsed.
    Text(String),
    /// Literal text set in code type (values, names).
    Code(String),
    /// A link to another item; `href` is `None` when the item is not documented.
    Link {
        /// What the reader sees.
        text: String,
        /// Target URL (`#Device.LAN.`).
        href: Option<String>,
        /// Whether the text is set in code type.
        code: bool,
    },
    /// Start of emphasis; always matched by a [`Inline::Close`] in the same block.
    Open(Style),
    /// End of emphasis.
    Close(Style),
}

/// A paragraph or a list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A list item.
    Item {
        /// Numbered (`#`) rather than bulleted (`*`).
        ordered: bool,
        /// Nesting level, from 1.
        level: usize,
        /// Its content.
        content: Vec<Inline>,
    },
}

/// A rendered description: blocks that each output format writes its own way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// Paragraphs and list items in order.
    pub blocks: Vec<Block>,
}

impl Rendered {
    /// Whether nothing is left (an empty description, or only `{{nolist}}`).
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// Markdown (CommonMark with GitHub tables in mind): paragraphs separated by
    /// blank lines, `-`/`1.` lists.
    pub fn markdown(&self) -> String {
        emit::markdown(&self.blocks)
    }

    /// Markdown on one line, for a table cell: `<br>` between blocks, `|` escaped.
    pub fn markdown_cell(&self) -> String {
        emit::markdown_cell(&self.blocks)
    }

    /// An HTML fragment: `<p>`, `<ul>`/`<ol>`, `<code>`, `<a>`, all text escaped.
    pub fn html(&self) -> String {
        emit::html(&self.blocks)
    }

    /// Plain text: blank lines between paragraphs, `*` and `1.` list items.
    pub fn text(&self) -> String {
        emit::text(&self.blocks)
    }
}

/// Objects of a model by path, for fast lookups while rendering many descriptions.
#[derive(Debug, Clone, Default)]
pub struct ModelIndex {
    objects: HashMap<String, ObjectId>,
}

impl ModelIndex {
    /// Indexes a model's objects.
    pub fn new(model: &Model) -> Self {
        ModelIndex {
            objects: model
                .objects
                .iter()
                .enumerate()
                .map(|(i, o)| (o.path.clone(), i))
                .collect(),
        }
    }

    /// The object at a path.
    pub fn get(&self, path: &str) -> Option<ObjectId> {
        self.objects.get(path).copied()
    }
}

/// Maps the full path of an item (with the service mount prefix) to a link target.
pub type Linker<'a> = dyn Fn(&str) -> Option<String> + 'a;

/// What a description is about, and how to link to other items.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The model the item belongs to.
    pub model: &'a Model,
    /// The object described, or the object holding the parameter described.
    pub object: Option<&'a Object>,
    /// The parameter described.
    pub parameter: Option<&'a Parameter>,
    /// An index of `model` (lookups scan the model without it).
    pub index: Option<&'a ModelIndex>,
    /// Template bodies and data type descriptions.
    pub definitions: Option<&'a Definitions>,
    /// Link targets of paths; without it nothing is a link.
    pub linker: Option<&'a Linker<'a>>,
    /// Prefix of displayed paths of a service model (`Device.Services.`), else empty.
    pub mount: &'a str,
}

impl std::fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("model", &self.model.name)
            .field("object", &self.object.map(|o| &o.path))
            .field("parameter", &self.parameter.map(|p| &p.name))
            .field("mount", &self.mount)
            .finish_non_exhaustive()
    }
}

impl<'a> Context<'a> {
    /// A context for a model-level text (no object, no parameter).
    pub fn new(model: &'a Model) -> Self {
        Context {
            model,
            object: None,
            parameter: None,
            index: None,
            definitions: None,
            linker: None,
            mount: "",
        }
    }

    /// The same context for an object's description.
    pub fn for_object(self, object: &'a Object) -> Self {
        Context {
            object: Some(object),
            parameter: None,
            ..self
        }
    }

    /// The same context for a parameter's description.
    pub fn for_parameter(self, object: &'a Object, parameter: &'a Parameter) -> Self {
        Context {
            object: Some(object),
            parameter: Some(parameter),
            ..self
        }
    }

    /// With an index of the model.
    pub fn with_index(self, index: &'a ModelIndex) -> Self {
        Context {
            index: Some(index),
            ..self
        }
    }

    /// With template and data type definitions.
    pub fn with_definitions(self, definitions: &'a Definitions) -> Self {
        Context {
            definitions: Some(definitions),
            ..self
        }
    }

    /// With links.
    pub fn with_linker(self, linker: &'a Linker<'a>) -> Self {
        Context {
            linker: Some(linker),
            ..self
        }
    }

    /// With a mount prefix for displayed paths of a service model.
    pub fn with_mount(self, mount: &'a str) -> Self {
        Context { mount, ..self }
    }

    pub(crate) fn lookup(&self, path: &str) -> Option<&'a Object> {
        let model: &'a Model = self.model;
        match self.index {
            Some(ix) => ix.get(path).map(|i| &model.objects[i]),
            None => model.objects.iter().find(|o| o.path == path),
        }
    }
}

/// Renders a description into blocks.
pub fn render(description: &str, ctx: &Context<'_>) -> Rendered {
    templates::render(description, ctx)
}

/// Renders a description to Markdown.
pub fn to_markdown(description: &str, ctx: &Context<'_>) -> String {
    render(description, ctx).markdown()
}

/// Renders a description to an HTML fragment.
pub fn to_html(description: &str, ctx: &Context<'_>) -> String {
    render(description, ctx).html()
}

/// Renders a description to plain text.
pub fn to_text(description: &str, ctx: &Context<'_>) -> String {
    render(description, ctx).text()
}

/// The full path an object name of a description (or a `targetParent`) stands
/// for, with the context's mount prefix: `#.Foo` -> `Device.X.Foo.{i}.`.
pub fn resolve_object(reference: &str, ctx: &Context<'_>) -> String {
    templates::resolve_display(ctx, reference, true)
}

/// The full path a parameter name of a description stands for, with the
/// context's mount prefix.
pub fn resolve_parameter(reference: &str, ctx: &Context<'_>) -> String {
    templates::resolve_display(ctx, reference, false)
}

/// The path of the object above an object path (`A.B.{i}.C.` -> `A.B.{i}.`,
/// `A.B.{i}.` -> `A.`); empty at the top.
pub fn up_path(path: &str) -> String {
    templates::up(path, 1)
}

/// The template names used in a text, in order of first use (for reports and tests).
pub fn template_names(description: &str) -> Vec<String> {
    fn walk(nodes: &[parse::Node], out: &mut Vec<String>) {
        for n in nodes {
            if let parse::Node::Template(args) = n {
                let name: String = args
                    .first()
                    .map(|a| {
                        a.iter()
                            .filter_map(|n| match n {
                                parse::Node::Text(t) => Some(t.trim()),
                                parse::Node::Template(_) => None,
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                if !out.contains(&name) {
                    out.push(name);
                }
                for a in args {
                    walk(a, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&parse::parse(description), &mut out);
    out
}
