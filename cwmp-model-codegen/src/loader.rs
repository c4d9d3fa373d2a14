//! Finding, reading and indexing documents: the search path, the BBF file-name
//! rule for imports, and the names each document defines or imports.

use crate::diag::Diagnostics;
use crate::source::{FileId, SourceMap, Span};
use crate::xml::{self, Element};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Index of a loaded document.
pub type DocId = usize;

/// What kind of BBF document a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// A data-model definition (cwmp-datamodel-1-N).
    DataModel,
    /// A device-type description (cwmp-devicetype-1-N).
    DeviceType,
}

/// The three kinds of named things a document defines and imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// `dataType`
    DataType,
    /// `component`
    Component,
    /// `model`
    Model,
}

impl ItemKind {
    fn from_element(name: &str) -> Option<Self> {
        Some(match name {
            "dataType" => Self::DataType,
            "component" => Self::Component,
            "model" => Self::Model,
            _ => return None,
        })
    }

    /// The element name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::DataType => "dataType",
            Self::Component => "component",
            Self::Model => "model",
        }
    }
}

/// One name an import brings in, possibly renamed.
#[derive(Debug, Clone)]
pub struct ImportItem {
    /// Kind of item.
    pub kind: ItemKind,
    /// The name it has in the importing document.
    pub name: String,
    /// The name it has in the imported document.
    pub reference: String,
    /// Where the import names it.
    pub span: Span,
}

/// An `import` element.
#[derive(Debug, Clone)]
pub struct Import {
    /// The imported document, when it was found and read.
    pub target: Option<DocId>,
    /// The names imported.
    pub items: Vec<ImportItem>,
}

/// A loaded document and its index of names.
#[derive(Debug)]
pub struct Doc {
    /// Its file.
    pub file: FileId,
    /// Its path.
    pub path: PathBuf,
    /// The root element.
    pub root: Element,
    /// The source text.
    pub text: std::sync::Arc<str>,
    /// DM or DT.
    pub kind: DocKind,
    /// Schema minor version (the N of `datamodel-1-N`).
    pub schema_minor: u32,
    /// The `spec` attribute.
    pub spec: Option<String>,
    /// Imports in document order.
    pub imports: Vec<Import>,
    /// Own definitions: kind and name to the index of the element among the root's children.
    pub defs: HashMap<(ItemKind, String), usize>,
    /// Own model names in document order.
    pub model_names: Vec<String>,
    /// Processing instructions directly inside the root element.
    pub instructions: Vec<xml::Instruction>,
}

impl Doc {
    /// A span at an offset in this document.
    pub fn span(&self, offset: u32) -> Span {
        Span {
            file: self.file,
            offset,
        }
    }

    /// The span of an element.
    pub fn at(&self, el: &Element) -> Span {
        self.span(el.offset)
    }

    /// The span of an element's attribute (the element's when it is absent).
    pub fn attr_at(&self, el: &Element, attr: &str) -> Span {
        self.span(el.attr_offset(attr, &self.text))
    }
}

/// Reads documents once each, following imports through the search path.
#[derive(Debug, Default)]
pub struct Loader {
    /// Directories searched for imported files, after the importing file's own.
    pub search_path: Vec<PathBuf>,
    /// Every file read.
    pub sources: SourceMap,
    /// Documents in load order.
    pub docs: Vec<Doc>,
    /// Documents named on the command line, in order.
    pub roots: Vec<DocId>,
    by_path: HashMap<PathBuf, Option<DocId>>,
    loading: Vec<PathBuf>,
    listings: HashMap<PathBuf, Vec<String>>,
}

impl Loader {
    /// A loader with a search path.
    pub fn new(search_path: Vec<PathBuf>) -> Self {
        Loader {
            search_path,
            ..Self::default()
        }
    }

    /// Loads a file named on the command line (no search, no name rule).
    pub fn load_root(&mut self, path: &Path, diags: &mut Diagnostics) -> Option<DocId> {
        let id = self.load_path(path, None, diags);
        if let Some(id) = id {
            self.roots.push(id);
        }
        id
    }

    fn load_path(
        &mut self,
        path: &Path,
        from: Option<Span>,
        diags: &mut Diagnostics,
    ) -> Option<DocId> {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if self.loading.contains(&key) {
            let mut chain: Vec<String> = self
                .loading
                .iter()
                .skip_while(|p| **p != key)
                .map(|p| file_name(p))
                .collect();
            chain.push(file_name(&key));
            diags.error(from, format!("import cycle: {}", chain.join(" -> ")));
            return None;
        }
        if let Some(done) = self.by_path.get(&key) {
            return *done;
        }
        let text = match read_text(path) {
            Ok(t) => t,
            Err(e) => {
                diags.error(from, format!("cannot read `{}`: {e}", path.display()));
                self.by_path.insert(key, None);
                return None;
            }
        };
        let text: std::sync::Arc<str> = text.into();
        let file = self.sources.add(path.to_path_buf(), text.clone());
        let document = match xml::parse_document(&text) {
            Ok(document) => document,
            Err(e) => {
                diags.error(
                    Span {
                        file,
                        offset: e.offset,
                    },
                    e.message,
                );
                self.by_path.insert(key, None);
                return None;
            }
        };
        self.loading.push(key.clone());
        let id = self.index(file, path, document, text, diags);
        self.loading.pop();
        self.by_path.insert(key, id);
        id
    }

    fn index(
        &mut self,
        file: FileId,
        path: &Path,
        document: xml::Document,
        text: std::sync::Arc<str>,
        diags: &mut Diagnostics,
    ) -> Option<DocId> {
        let xml::Document { root, instructions } = document;
        let span = Span {
            file,
            offset: root.offset,
        };
        let ns = root.own_namespace().unwrap_or_default().to_string();
        let (document_kind, minor) = match doc_kind(&ns) {
            Some(k) if root.local_name() == "document" => k,
            _ => {
                diags.error(
                    span,
                    format!(
                        "`{}` is not a BBF data-model or device-type document (root `<{}>` in namespace `{ns}`)",
                        path.display(),
                        root.qname
                    ),
                );
                return None;
            }
        };
        let mut defs: HashMap<(ItemKind, String), usize> = HashMap::new();
        let mut model_names = Vec::new();
        let mut raw_imports = Vec::new();
        for (i, child) in root.children.iter().enumerate() {
            let cspan = Span {
                file,
                offset: child.offset,
            };
            if child.local_name() == "import" {
                raw_imports.push(i);
                continue;
            }
            let Some(kind) = ItemKind::from_element(child.local_name()) else {
                continue;
            };
            // In a DT document `model` elements refer to models rather than define them.
            if kind == ItemKind::Model && document_kind == DocKind::DeviceType {
                continue;
            }
            let Some(name) = child.attr("name") else {
                diags.recoverable(cspan, format!("`{}` without a `name`", kind.as_str()));
                continue;
            };
            if kind == ItemKind::Model && !model_names.iter().any(|m| m == name) {
                model_names.push(name.to_string());
            }
            // The first definition stays in force, so that its own contents are checked too.
            if let Some(&prev) = defs.get(&(kind, name.to_string())) {
                let prev_span = Span {
                    file,
                    offset: root.children[prev].offset,
                };
                diags.push(
                    crate::diag::Diagnostic::error(
                        cspan,
                        format!("duplicate {} `{name}`", kind.as_str()),
                    )
                    .with_note(prev_span, "first defined here"),
                );
            } else {
                defs.insert((kind, name.to_string()), i);
            }
        }
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut imports = Vec::new();
        for i in raw_imports {
            let el = &root.children[i];
            imports.push(self.import(file, &dir, el, diags));
        }
        self.docs.push(Doc {
            file,
            path: path.to_path_buf(),
            spec: root.attr("spec").map(str::to_string),
            root,
            text,
            kind: document_kind,
            schema_minor: minor,
            imports,
            defs,
            model_names,
            instructions,
        });
        let id = self.docs.len() - 1;
        self.check_imports(id, diags);
        Some(id)
    }

    fn import(
        &mut self,
        file: FileId,
        dir: &Path,
        el: &Element,
        diags: &mut Diagnostics,
    ) -> Import {
        let span = Span {
            file,
            offset: el.offset,
        };
        let mut items = Vec::new();
        for child in &el.children {
            let cspan = Span {
                file,
                offset: child.offset,
            };
            let Some(kind) = ItemKind::from_element(child.local_name()) else {
                continue;
            };
            let Some(name) = child.attr("name") else {
                diags.recoverable(
                    cspan,
                    format!("imported `{}` without a `name`", kind.as_str()),
                );
                continue;
            };
            items.push(ImportItem {
                kind,
                name: name.to_string(),
                reference: child.attr("ref").unwrap_or(name).to_string(),
                span: cspan,
            });
        }
        let Some(name) = el.attr("file") else {
            diags.error(span, "`import` without a `file`");
            return Import {
                target: None,
                items,
            };
        };
        let target = match self.find(name, el.attr("spec"), dir) {
            Some(path) => self.load_path(&path, Some(span), diags),
            None => {
                diags.push(
                    crate::diag::Diagnostic::error(
                        span,
                        format!(
                            "imported file `{name}` not found in {} (searched: {})",
                            if self.search_path.is_empty() {
                                "the importing file's directory"
                            } else {
                                "the search path"
                            },
                            std::iter::once(dir)
                                .chain(self.search_path.iter().map(PathBuf::as_path))
                                .map(|d| format!("`{}`", d.display()))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                    .with_note(None, "add the directory that holds it with `-I DIR`"),
                );
                None
            }
        };
        Import { target, items }
    }

    /// Applies the BBF file-name rule in each directory of the search path.
    pub fn find(&mut self, name: &str, spec: Option<&str>, dir: &Path) -> Option<PathBuf> {
        let dirs: Vec<PathBuf> = std::iter::once(dir.to_path_buf())
            .chain(self.search_path.iter().cloned())
            .collect();
        for d in dirs {
            // A name with a directory part is a relative path, not a BBF name.
            if name.contains(['/', '\\']) {
                let p = d.join(name);
                if p.is_file() {
                    return Some(p);
                }
                continue;
            }
            // Listing a directory once per compilation, not once per import, matters:
            // the BBF corpus directory holds 500 files and TR-181 imports 80 of them.
            let listing = self
                .listings
                .entry(d.clone())
                .or_insert_with(|| list_dir(&d));
            if let Some(p) = find_in_listing(&d, listing, name, spec) {
                return Some(p);
            }
        }
        None
    }

    fn check_imports(&self, id: DocId, diags: &mut Diagnostics) {
        let doc = &self.docs[id];
        for import in &doc.imports {
            let Some(target) = import.target else {
                continue;
            };
            for item in &import.items {
                if self.lookup(target, item.kind, &item.reference).is_none() {
                    diags.error(
                        item.span,
                        format!(
                            "`{}` does not define or import {} `{}`",
                            file_name(&self.docs[target].path),
                            item.kind.as_str(),
                            item.reference
                        ),
                    );
                }
            }
        }
    }

    /// Finds what a name means in a document: its own definition, else an import.
    pub fn lookup(&self, doc: DocId, kind: ItemKind, name: &str) -> Option<(DocId, usize)> {
        self.lookup_depth(doc, kind, name, 0)
    }

    fn lookup_depth(
        &self,
        doc: DocId,
        kind: ItemKind,
        name: &str,
        depth: usize,
    ) -> Option<(DocId, usize)> {
        // Depth bounds renaming chains that loop back on themselves.
        if depth > 64 {
            return None;
        }
        let d = &self.docs[doc];
        if let Some(&i) = d.defs.get(&(kind, name.to_string())) {
            return Some((doc, i));
        }
        for import in &d.imports {
            let Some(target) = import.target else {
                continue;
            };
            for item in &import.items {
                if item.kind == kind && item.name == name {
                    if let Some(found) = self.lookup_depth(target, kind, &item.reference, depth + 1)
                    {
                        return Some(found);
                    }
                }
            }
        }
        None
    }

    /// Finds a name that a document uses without importing it, as the BBF tools do:
    /// first as the root documents see it, then in any document that defines it.
    pub fn lookup_unimported(&self, kind: ItemKind, name: &str) -> Option<(DocId, usize)> {
        self.roots
            .iter()
            .rev()
            .find_map(|&r| self.lookup(r, kind, name))
            .or_else(|| {
                self.docs
                    .iter()
                    .enumerate()
                    .rev()
                    .find_map(|(i, d)| d.defs.get(&(kind, name.to_string())).map(|&e| (i, e)))
            })
    }

    /// The element behind a lookup result.
    pub fn element(&self, (doc, index): (DocId, usize)) -> &Element {
        &self.docs[doc].root.children[index]
    }
}

fn read_text(path: &Path) -> std::io::Result<String> {
    let meta = std::fs::metadata(path)?;
    if meta.len() > xml::MAX_FILE_BYTES as u64 {
        return Err(std::io::Error::other(format!(
            "larger than {} bytes",
            xml::MAX_FILE_BYTES
        )));
    }
    let bytes = std::fs::read(path)?;
    String::from_utf8(bytes).map_err(|e| std::io::Error::other(format!("not UTF-8 ({e})")))
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

fn doc_kind(ns: &str) -> Option<(DocKind, u32)> {
    let rest = ns.strip_prefix("urn:broadband-forum-org:cwmp:")?;
    let (kind, version) = if let Some(v) = rest.strip_prefix("datamodel-") {
        (DocKind::DataModel, v)
    } else if let Some(v) = rest.strip_prefix("devicetype-") {
        (DocKind::DeviceType, v)
    } else {
        return None;
    };
    let minor = version.strip_prefix("1-")?.parse().ok()?;
    Some((kind, minor))
}

/// A BBF file name taken apart: `tr-181-2-17-0-common.xml` is document `tr-181`,
/// numbers `[2, 17, 0]`, label `common`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BbfName {
    /// `tr-181`.
    pub document: String,
    /// Issue, amendment, corrigendum, as far as given.
    pub numbers: Vec<u32>,
    /// What follows the numbers (`common`, `full`, `cwmp`), possibly empty.
    pub label: String,
}

impl BbfName {
    /// Parses a file name (`.xml` optional) or the tail of a spec URN.
    pub fn parse(name: &str) -> Option<BbfName> {
        let name = name.strip_suffix(".xml").unwrap_or(name);
        let name = name.rsplit(':').next()?;
        let mut parts = name.split('-');
        let kind = parts.next()?;
        let number = parts.next()?;
        if kind.is_empty() || number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut numbers = Vec::new();
        let mut label = Vec::new();
        for p in parts {
            match p.parse::<u32>() {
                Ok(n)
                    if label.is_empty()
                        && !p.is_empty()
                        && p.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    numbers.push(n)
                }
                _ => label.push(p),
            }
        }
        Some(BbfName {
            document: format!("{kind}-{number}"),
            numbers,
            label: label.join("-"),
        })
    }
}

fn list_dir(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Finds `name` among the files of `dir`: the file itself if present, else the newest
/// file the BBF rule allows, preferring the amendment the import's `spec` gives.
fn find_in_listing(
    dir: &Path,
    listing: &[String],
    name: &str,
    spec: Option<&str>,
) -> Option<PathBuf> {
    if listing.binary_search_by(|n| n.as_str().cmp(name)).is_ok() {
        return Some(dir.join(name));
    }
    let want = BbfName::parse(name)?;
    // The spec names the amendment to use; the newest corrigendum of it wins, as
    // with the BBF tools (`tr-106-1-1-types.xml` with spec `tr-106-1-1-0` is 1-1-1).
    let spec = spec.and_then(BbfName::parse).map(|mut s| {
        s.numbers.truncate(2);
        s
    });
    let spec = spec.filter(|s| {
        s.document == want.document
            && (s.label == want.label || s.label.is_empty())
            && s.numbers.len() > want.numbers.len()
            && s.numbers.starts_with(&want.numbers)
    });
    let mut candidates: Vec<(Vec<u32>, PathBuf)> = listing
        .iter()
        .filter(|f| f.ends_with(".xml") && f.starts_with(&want.document))
        .filter_map(|fname| {
            let n = BbfName::parse(fname)?;
            (n.document == want.document
                && n.label == want.label
                && n.numbers.starts_with(&want.numbers))
            .then(|| (n.numbers, dir.join(fname)))
        })
        .collect();
    candidates.sort();
    if let Some(spec) = spec {
        if let Some((_, p)) = candidates
            .iter()
            .rev()
            .find(|(n, _)| n.starts_with(&spec.numbers))
        {
            return Some(p.clone());
        }
    }
    candidates.pop().map(|(_, p)| p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bbf_names_parse() {
        assert_eq!(
            BbfName::parse("tr-181-2-17-0-common.xml"),
            Some(BbfName {
                document: "tr-181".into(),
                numbers: vec![2, 17, 0],
                label: "common".into()
            })
        );
        assert_eq!(
            BbfName::parse("urn:broadband-forum-org:tr-181-2-16-root"),
            Some(BbfName {
                document: "tr-181".into(),
                numbers: vec![2, 16],
                label: "root".into()
            })
        );
        assert_eq!(
            BbfName::parse("tr-106-types.xml"),
            Some(BbfName {
                document: "tr-106".into(),
                numbers: vec![],
                label: "types".into()
            })
        );
        assert_eq!(
            BbfName::parse("tr-104-1-0-0-full.xml").unwrap().label,
            "full"
        );
        assert_eq!(BbfName::parse("notbbf.xml"), None);
    }

    #[test]
    fn file_name_rule_fills_missing_numbers() {
        let dir = std::env::temp_dir().join(format!("cwmp-model-names-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for f in [
            "tr-104-1-0-0.xml",
            "tr-104-1-0-0-full.xml",
            "tr-104-1-1-0.xml",
            "tr-181-2-16-0-root.xml",
            "tr-181-2-14-0-root.xml",
            "tr-181-2-17-0-common.xml",
            "tr-181-2-19-0-common.xml",
            "tr-106-types.xml",
            "tr-106-1-1-1-types.xml",
            "tr-106-1-1-0-types.xml",
        ] {
            std::fs::write(dir.join(f), "").unwrap();
        }
        let listing = list_dir(&dir);
        let find = |n: &str, s: Option<&str>| {
            find_in_listing(&dir, &listing, n, s)
                .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        };
        assert_eq!(
            find("tr-104-1-0.xml", None).as_deref(),
            Some("tr-104-1-0-0.xml")
        );
        assert_eq!(
            find(
                "tr-181-2-root.xml",
                Some("urn:broadband-forum-org:tr-181-2-16-root")
            )
            .as_deref(),
            Some("tr-181-2-16-0-root.xml")
        );
        assert_eq!(
            find(
                "tr-181-2-common.xml",
                Some("urn:broadband-forum-org:tr-181-2-17-common")
            )
            .as_deref(),
            Some("tr-181-2-17-0-common.xml")
        );
        assert_eq!(
            find("tr-181-2-common.xml", None).as_deref(),
            Some("tr-181-2-19-0-common.xml")
        );
        // A spec naming an amendment that is absent falls back to the newest present.
        assert_eq!(
            find(
                "tr-181-2-root.xml",
                Some("urn:broadband-forum-org:tr-181-2-20-root")
            )
            .as_deref(),
            Some("tr-181-2-16-0-root.xml")
        );
        assert_eq!(
            find("tr-106-types.xml", Some("urn:broadband-forum-org:tr-106")).as_deref(),
            Some("tr-106-types.xml")
        );
        assert_eq!(
            find(
                "tr-106-1-1-types.xml",
                Some("urn:broadband-forum-org:tr-106-1-1-0")
            )
            .as_deref(),
            Some("tr-106-1-1-1-types.xml")
        );
        assert_eq!(find("tr-999-1.xml", None), None);
        std::fs::remove_dir_all(&dir).ok();
    }
}
