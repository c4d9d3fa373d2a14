//! Parameter syntax and named data types: reading `<syntax>` and `<dataType>`
//! elements and flattening type chains, the derived type's facets overriding the base's.

use crate::diag::Diagnostics;
use crate::ir::{
    BaseType, DefaultKind, DefaultValue, Enumeration, EnumerationRef, InstanceRef, ListFacet,
    PathRef, Pattern, Range, Size, Status, Syntax,
};
use crate::loader::{DocId, ItemKind, Loader};
use crate::xml::Element;
use std::collections::HashMap;

/// Value facets as one element states them; `None`/empty means "not stated here".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facets {
    sizes: Vec<Size>,
    ranges: Vec<Range>,
    enumerations: Vec<Enumeration>,
    patterns: Vec<Pattern>,
    units: Option<String>,
    path_ref: Option<PathRef>,
    instance_ref: Option<InstanceRef>,
    enumeration_ref: Option<EnumerationRef>,
}

impl Facets {
    /// Replaces each kind of facet that `derived` states (XSD restriction semantics).
    fn restrict(&mut self, derived: Facets) {
        if !derived.sizes.is_empty() {
            self.sizes = derived.sizes;
        }
        if !derived.ranges.is_empty() {
            self.ranges = derived.ranges;
        }
        if !derived.enumerations.is_empty() {
            self.enumerations = derived.enumerations;
        }
        if !derived.patterns.is_empty() {
            self.patterns = derived.patterns;
        }
        if derived.units.is_some() {
            self.units = derived.units;
        }
        if derived.path_ref.is_some() {
            self.path_ref = derived.path_ref;
        }
        if derived.instance_ref.is_some() {
            self.instance_ref = derived.instance_ref;
        }
        if derived.enumeration_ref.is_some() {
            self.enumeration_ref = derived.enumeration_ref;
        }
    }

    /// Adds what a `base=` modification of a parameter states: new enumeration values
    /// and patterns are added to the existing ones, other facets are replaced.
    fn extend(&mut self, more: Facets) {
        for e in more.enumerations {
            match self.enumerations.iter_mut().find(|x| x.value == e.value) {
                Some(x) => *x = e,
                None => self.enumerations.push(e),
            }
        }
        for p in more.patterns {
            match self.patterns.iter_mut().find(|x| x.value == p.value) {
                Some(x) => *x = p,
                None => self.patterns.push(p),
            }
        }
        self.restrict(Facets {
            enumerations: Vec::new(),
            patterns: Vec::new(),
            ..more
        });
    }

    fn apply_to(self, s: &mut Syntax) {
        s.sizes = self.sizes;
        s.ranges = self.ranges;
        s.enumerations = self.enumerations;
        s.patterns = self.patterns;
        s.units = self.units;
        s.path_ref = self.path_ref;
        s.instance_ref = self.instance_ref;
        s.enumeration_ref = self.enumeration_ref;
    }

    fn of(s: &Syntax) -> Facets {
        Facets {
            sizes: s.sizes.clone(),
            ranges: s.ranges.clone(),
            enumerations: s.enumerations.clone(),
            patterns: s.patterns.clone(),
            units: s.units.clone(),
            path_ref: s.path_ref.clone(),
            instance_ref: s.instance_ref.clone(),
            enumeration_ref: s.enumeration_ref.clone(),
        }
    }
}

/// A named data type with its chain flattened.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The primitive at the bottom of the chain.
    pub base: BaseType,
    /// List facets stated anywhere in the chain (the most derived wins).
    pub list: Option<ListFacet>,
    /// Effective facets.
    pub facets: Facets,
}

/// Resolves named data types once each.
#[derive(Debug, Default)]
pub struct Types {
    done: HashMap<(DocId, usize), Option<TypeDef>>,
    active: Vec<(DocId, usize)>,
}

/// Where syntax is being read: which document's names apply.
pub struct Scope<'a> {
    /// The loader, for name lookup.
    pub loader: &'a Loader,
    /// The document the element is written in.
    pub doc: DocId,
}

impl Types {
    /// Resolves the data type a name means in a document.
    pub fn resolve(
        &mut self,
        scope: &Scope<'_>,
        name: &str,
        at: &Element,
        diags: &mut Diagnostics,
    ) -> Option<TypeDef> {
        let span = scope.loader.docs[scope.doc].at(at);
        let found = match scope.loader.lookup(scope.doc, ItemKind::DataType, name) {
            Some(found) => found,
            None => match scope.loader.lookup_unimported(ItemKind::DataType, name) {
                // BBF's own files use some data types without importing them, and
                // the BBF tools accept that: so do we, with a warning.
                Some(found) => {
                    diags.warning(
                        span,
                        format!(
                            "data type `{name}` is used but not imported; using its definition in `{}`",
                            scope.loader.docs[found.0].path.file_name().unwrap_or_default().to_string_lossy()
                        ),
                    );
                    found
                }
                None => {
                    diags.error(span, format!("unknown data type `{name}`"));
                    return None;
                }
            },
        };
        if let Some(done) = self.done.get(&found) {
            return done.clone();
        }
        if self.active.contains(&found) {
            diags.error(span, format!("data type `{name}` is derived from itself"));
            return None;
        }
        self.active.push(found);
        let el = scope.loader.element(found);
        let def_scope = Scope {
            loader: scope.loader,
            doc: found.0,
        };
        let result = self.define(&def_scope, el, diags);
        self.active.pop();
        self.done.insert(found, result.clone());
        result
    }

    fn define(
        &mut self,
        scope: &Scope<'_>,
        el: &Element,
        diags: &mut Diagnostics,
    ) -> Option<TypeDef> {
        let span = scope.loader.docs[scope.doc].at(el);
        let list = el.child("list").map(|l| read_list(scope, l, diags));
        let mut def = match el.attr("base") {
            Some(base) => {
                let mut def = self.resolve(scope, base, el, diags)?;
                def.facets.restrict(read_facets(scope, el, diags));
                def
            }
            None => {
                let Some(prim) = el
                    .children
                    .iter()
                    .find(|c| BaseType::from_element(c.local_name()).is_some())
                else {
                    // A dataType may also wrap another named type as `<dataType ref=...>`.
                    if let Some(inner) = el.child("dataType") {
                        let name = inner.attr("ref").or(inner.attr("base"))?;
                        let mut def = self.resolve(scope, name, inner, diags)?;
                        def.facets.restrict(read_facets(scope, inner, diags));
                        return Some(TypeDef {
                            list: list.or(def.list.take()),
                            ..def
                        });
                    }
                    diags.error(
                        span,
                        format!(
                            "data type `{}` has no base type",
                            el.attr("name").unwrap_or("?")
                        ),
                    );
                    return None;
                };
                let base = BaseType::from_element(prim.local_name())?;
                TypeDef {
                    base,
                    list: None,
                    facets: read_facets(scope, prim, diags),
                }
            }
        };
        if list.is_some() {
            def.list = list;
        }
        Some(def)
    }
}

/// Reads a parameter's `<syntax>`.
pub fn read_syntax(
    types: &mut Types,
    scope: &Scope<'_>,
    el: &Element,
    diags: &mut Diagnostics,
) -> Option<Syntax> {
    let doc = &scope.loader.docs[scope.doc];
    let mut list = el.child("list").map(|l| read_list(scope, l, diags));
    let type_el = el
        .children
        .iter()
        .find(|c| !matches!(c.local_name(), "list" | "default" | "description"));
    let Some(type_el) = type_el else {
        diags.error(doc.at(el), "`syntax` without a type");
        return None;
    };
    let mut syntax = if let Some(base) = BaseType::from_element(type_el.local_name()) {
        let mut s = Syntax::of(base);
        read_facets(scope, type_el, diags).apply_to(&mut s);
        s
    } else if type_el.local_name() == "dataType" {
        let Some(name) = type_el.attr("ref").or(type_el.attr("base")) else {
            diags.error(
                doc.at(type_el),
                "`dataType` in a syntax needs `ref` or `base`",
            );
            return None;
        };
        let def = types.resolve(scope, name, type_el, diags)?;
        let mut s = Syntax::of(def.base);
        s.data_type = Some(name.to_string());
        let mut facets = def.facets;
        facets.restrict(read_facets(scope, type_el, diags));
        facets.apply_to(&mut s);
        if list.is_none() {
            list = def.list;
        }
        s
    } else {
        diags.recoverable(
            doc.at(type_el),
            format!(
                "unknown syntax element `<{}>`; read as a string",
                type_el.qname
            ),
        );
        Syntax::of(BaseType::String)
    };
    syntax.list = list;
    syntax.hidden = flag(el.attr("hidden"));
    syntax.secured = flag(el.attr("secured"));
    syntax.command = flag(el.attr("command"));
    syntax.default = el
        .child("default")
        .and_then(|d| read_default(scope, d, diags));
    Some(syntax)
}

/// Applies a `base=` parameter's `<syntax>` to the syntax it already has.
pub fn modify_syntax(
    types: &mut Types,
    scope: &Scope<'_>,
    old: &Syntax,
    el: &Element,
    diags: &mut Diagnostics,
) -> Option<Syntax> {
    let new = read_syntax(types, scope, el, diags)?;
    if new.base != old.base || new.data_type != old.data_type {
        return Some(new);
    }
    let mut merged = old.clone();
    let mut facets = Facets::of(old);
    facets.extend(Facets::of(&new));
    facets.apply_to(&mut merged);
    if new.list.is_some() {
        merged.list = new.list;
    }
    if el.child("default").is_some() {
        merged.default = new.default;
    }
    for (attr, slot) in [
        ("hidden", &mut merged.hidden),
        ("secured", &mut merged.secured),
        ("command", &mut merged.command),
    ] {
        if let Some(v) = el.attr(attr) {
            *slot = flag(Some(v));
        }
    }
    Some(merged)
}

/// Applies a device type's `<syntax>` to a parameter's: every facet it states
/// replaces the model's (a DT narrows, it does not add).
pub fn narrow_syntax(
    scope: &Scope<'_>,
    old: &Syntax,
    el: &Element,
    diags: &mut Diagnostics,
) -> Option<Syntax> {
    let mut narrowed = old.clone();
    let mut facets = Facets::of(old);
    if let Some(type_el) = el.children.iter().find(|c| {
        !matches!(
            c.local_name(),
            "list" | "default" | "description" | "annotation"
        )
    }) {
        facets.restrict(read_facets(scope, type_el, diags));
    }
    facets.apply_to(&mut narrowed);
    if let Some(l) = el.child("list") {
        narrowed.list = Some(read_list(scope, l, diags));
    }
    if let Some(d) = el.child("default") {
        narrowed.default = read_default(scope, d, diags);
    }
    Some(narrowed)
}

fn flag(v: Option<&str>) -> bool {
    matches!(v, Some("true" | "1"))
}

fn number<T: std::str::FromStr>(
    scope: &Scope<'_>,
    el: &Element,
    attr: &str,
    diags: &mut Diagnostics,
) -> Option<T> {
    let v = el.attr(attr)?;
    match v.trim().parse() {
        Ok(n) => Some(n),
        Err(_) => {
            diags.error(
                scope.loader.docs[scope.doc].attr_at(el, attr),
                format!("`{attr}` must be a whole number, not `{v}`"),
            );
            None
        }
    }
}

fn read_list(scope: &Scope<'_>, el: &Element, diags: &mut Diagnostics) -> ListFacet {
    let max_items = match el.attr("maxItems") {
        Some("unbounded") => None,
        _ => number(scope, el, "maxItems", diags),
    };
    ListFacet {
        min_items: number(scope, el, "minItems", diags),
        max_items,
        sizes: el
            .children_named("size")
            .filter_map(|s| read_size(scope, s, diags))
            .collect(),
        nested_brackets: el.attr("nestedBrackets").map(str::to_string),
    }
}

fn read_size(scope: &Scope<'_>, el: &Element, diags: &mut Diagnostics) -> Option<Size> {
    let size = Size {
        min: number(scope, el, "minLength", diags),
        max: number(scope, el, "maxLength", diags),
    };
    if let (Some(lo), Some(hi)) = (size.min, size.max) {
        if lo > hi {
            diags.error(
                scope.loader.docs[scope.doc].at(el),
                format!("size facet has minLength {lo} greater than maxLength {hi}"),
            );
            return None;
        }
    }
    Some(size)
}

fn read_range(scope: &Scope<'_>, el: &Element, diags: &mut Diagnostics) -> Option<Range> {
    let doc = &scope.loader.docs[scope.doc];
    let mut bounds = Vec::new();
    for attr in ["minInclusive", "maxInclusive", "step"] {
        let v = el.attr(attr).map(|v| v.trim().to_string());
        if let Some(v) = &v {
            if v.parse::<f64>().is_err() {
                diags.error(
                    doc.attr_at(el, attr),
                    format!("`{attr}` must be a number, not `{v}`"),
                );
                return None;
            }
        }
        bounds.push(v);
    }
    let step = bounds.pop().flatten();
    let max = bounds.pop().flatten();
    let min = bounds.pop().flatten();
    if let (Some(lo), Some(hi)) = (&min, &max) {
        if lo.parse::<f64>().ok() > hi.parse::<f64>().ok() {
            diags.error(
                doc.at(el),
                format!("range facet has minInclusive {lo} greater than maxInclusive {hi}"),
            );
            return None;
        }
    }
    if step
        .as_deref()
        .and_then(|s| s.parse::<f64>().ok())
        .is_some_and(|s| s <= 0.0)
    {
        diags.error(doc.at(el), "range `step` must be positive");
        return None;
    }
    Some(Range { min, max, step })
}

fn description(el: &Element) -> String {
    el.child("description")
        .map(|d| dedent(&d.text))
        .unwrap_or_default()
}

fn read_facets(scope: &Scope<'_>, el: &Element, diags: &mut Diagnostics) -> Facets {
    let mut f = Facets::default();
    for c in &el.children {
        match c.local_name() {
            "size" => f.sizes.extend(read_size(scope, c, diags)),
            "range" => f.ranges.extend(read_range(scope, c, diags)),
            "enumeration" => {
                if c.attr("status") == Some("deleted") {
                    continue;
                }
                f.enumerations.push(Enumeration {
                    value: c.attr("value").unwrap_or_default().to_string(),
                    status: c.attr("status").and_then(Status::parse).unwrap_or_default(),
                    read_only: c.attr("access") == Some("readOnly"),
                    optional: flag(c.attr("optional")),
                    description: description(c),
                })
            }
            "pattern" => f.patterns.push(Pattern {
                value: c.attr("value").unwrap_or_default().to_string(),
                description: description(c),
            }),
            "units" => f.units = c.attr("value").map(str::to_string),
            "pathRef" => {
                f.path_ref = Some(PathRef {
                    target_parent: c.attr("targetParent").map(str::to_string),
                    ref_type: c.attr("refType").map(str::to_string),
                    target_type: c.attr("targetType").map(str::to_string),
                    target_data_type: c.attr("targetDataType").map(str::to_string),
                })
            }
            "instanceRef" => {
                f.instance_ref = Some(InstanceRef {
                    target_parent: c.attr("targetParent").unwrap_or_default().to_string(),
                    ref_type: c.attr("refType").map(str::to_string),
                })
            }
            "enumerationRef" => {
                f.enumeration_ref = Some(EnumerationRef {
                    target_param: c.attr("targetParam").unwrap_or_default().to_string(),
                    null_value: c.attr("nullValue").map(str::to_string),
                })
            }
            _ => {}
        }
    }
    f
}

fn read_default(scope: &Scope<'_>, el: &Element, diags: &mut Diagnostics) -> Option<DefaultValue> {
    if el.attr("status") == Some("deleted") {
        return None;
    }
    let kind = el.attr("type").unwrap_or("object");
    let Some(kind) = DefaultKind::parse(kind) else {
        diags.recoverable(
            scope.loader.docs[scope.doc].at(el),
            format!("unknown default type `{kind}` (expected object, factory, implementation or parameter)"),
        );
        return None;
    };
    Some(DefaultValue {
        kind,
        value: el.attr("value").unwrap_or_default().to_string(),
    })
}

/// Removes the common indentation of a description and its blank edge lines.
pub fn dedent(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| !l.trim().is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(start, |e| e + 1);
    let body = &lines[start..end];
    let indent = body
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    body.iter()
        .map(|l| {
            if l.len() >= indent {
                l[indent..].trim_end()
            } else {
                l.trim()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dedent_keeps_relative_indentation() {
        assert_eq!(dedent("\n    a\n      b\n\n    c\n  "), "a\n  b\n\nc");
        assert_eq!(dedent("one line"), "one line");
        assert_eq!(dedent(""), "");
    }

    #[test]
    fn restriction_replaces_stated_facets_only() {
        let mut base = Facets {
            sizes: vec![Size {
                min: None,
                max: Some(64),
            }],
            units: Some("seconds".into()),
            ..Facets::default()
        };
        base.restrict(Facets {
            sizes: vec![Size {
                min: None,
                max: Some(32),
            }],
            ..Facets::default()
        });
        assert_eq!(
            base.sizes,
            vec![Size {
                min: None,
                max: Some(32)
            }]
        );
        assert_eq!(base.units.as_deref(), Some("seconds"));
    }
}
