//! One compilation: settings, the files read, the diagnostics, and the models resolved.

use crate::diag::Diagnostics;
use crate::ir::Model;
use crate::loader::{DocId, DocKind, ItemKind, Loader};
use crate::lower::lower;
use crate::resolve::Resolver;
use crate::source::SourceMap;
use crate::syntax::{Scope, Types};
use std::path::{Path, PathBuf};

/// What every front end (macro, build script, command line) configures.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Directories searched for imported files, after the importing file's own directory.
    pub search_path: Vec<PathBuf>,
    /// Turn recoverable schema violations into warnings.
    pub lenient: bool,
}

/// A compilation session.
pub struct Session {
    loader: Loader,
    diags: Diagnostics,
}

impl Session {
    /// A session with settings.
    pub fn new(settings: &Settings) -> Self {
        Session {
            loader: Loader::new(settings.search_path.clone()),
            diags: Diagnostics::lenient(settings.lenient),
        }
    }

    /// Reads a file and everything it imports.
    pub fn load(&mut self, path: &Path) -> Option<DocId> {
        self.loader.load_root(path, &mut self.diags)
    }

    /// The names of the models a document defines, in document order.
    pub fn model_names(&self, doc: DocId) -> Vec<String> {
        self.loader.docs[doc].model_names.clone()
    }

    /// Whether a document is a DM or a DT document.
    pub fn kind(&self, doc: DocId) -> DocKind {
        self.loader.docs[doc].kind
    }

    /// Resolves the models a document defines (or only `only`), reporting into the session.
    pub fn models(&mut self, doc: DocId, only: Option<&str>) -> Vec<Model> {
        let names: Vec<String> = match only {
            Some(n) => vec![n.to_string()],
            None => self.model_names(doc),
        };
        let mut resolver = Resolver::new(&self.loader, &mut self.diags);
        let mut out = Vec::new();
        let last = names.len().saturating_sub(1);
        for (i, name) in names.into_iter().enumerate() {
            match resolver.model(doc, &name, i < last) {
                Some(w) => out.push(lower(w)),
                None if only.is_some()
                    && self.loader.lookup(doc, ItemKind::Model, &name).is_none() =>
                {
                    let span = self.loader.docs[doc].at(&self.loader.docs[doc].root);
                    resolver_error(&mut resolver, span, &name);
                }
                None => {}
            }
        }
        out
    }

    /// Checks a document: resolves every model and named data type it defines.
    pub fn check(&mut self, doc: DocId) -> Vec<Model> {
        let models = self.models(doc, None);
        let mut types = Types::default();
        let d = &self.loader.docs[doc];
        let scope = Scope {
            loader: &self.loader,
            doc,
        };
        let mut names: Vec<&String> = d
            .defs
            .keys()
            .filter(|(k, _)| *k == ItemKind::DataType)
            .map(|(_, n)| n)
            .collect();
        names.sort();
        for name in names {
            let el = &d.root.children[d.defs[&(ItemKind::DataType, name.clone())]];
            types.resolve(&scope, name, el, &mut self.diags);
        }
        models
    }

    /// The diagnostics so far.
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diags
    }

    /// The files read so far.
    pub fn sources(&self) -> &SourceMap {
        &self.loader.sources
    }

    /// Every diagnostic rendered, one block each.
    pub fn render_diagnostics(&self) -> Vec<String> {
        self.diags
            .iter()
            .map(|d| d.render(&self.loader.sources))
            .collect()
    }
}

fn resolver_error(r: &mut Resolver<'_>, span: crate::source::Span, name: &str) {
    r.error(span, format!("no model `{name}` in this document"));
}
