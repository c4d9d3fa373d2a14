//! One entry point for every front end: [`Options`] says what to compile and
//! how, [`compile`] turns device files into Rust tokens plus the list of
//! files read, and [`Config`] is the build-script API on top (in the style of
//! prost-build: it writes `$OUT_DIR/<name>.rs` and tells cargo when to rerun).

use std::fmt;
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;

use crate::docs::markup::Definitions;
use crate::rust::{self, RustSettings, Serde};
use crate::select::Selection;
use crate::{Session, Settings};

/// What to compile and how: the settings shared by `#[cwmp_model]`,
/// [`Config`] and `cwmp-model gen`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Search path and leniency of the front end.
    pub settings: Settings,
    /// Only this model of a model file.
    pub model: Option<String>,
    /// Profiles and include/exclude patterns.
    pub selection: Selection,
    /// Profiles the device claims (an error if the selection drops one).
    pub claims: Vec<String>,
    /// Rust output settings.
    pub rust: RustSettings,
}

/// Generated code, and every file read to make it.
#[derive(Debug, Clone)]
pub struct Output {
    /// The tokens (one module per model).
    pub tokens: TokenStream,
    /// Every file read, imports included, for rebuild tracking.
    pub files: Vec<PathBuf>,
    /// Rendered warnings.
    pub warnings: Vec<String>,
}

/// Why nothing was generated: rendered diagnostics, rustc style.
#[derive(Debug, Clone)]
pub struct Failure {
    /// Each diagnostic, rendered with its `file:line:col` and snippet.
    pub messages: Vec<String>,
    /// Every file read before the failure, for rebuild tracking.
    pub files: Vec<PathBuf>,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.messages.join("\n"))
    }
}

impl std::error::Error for Failure {}

/// The files that make up the device `path` describes: the file itself and,
/// when it is a device-type document, every other device-type document in
/// the same directory with the same `deviceType` (the DT schema allows one
/// model per document, so a device with a service model is several files).
pub fn device_files(path: &Path) -> Vec<PathBuf> {
    let mut files = vec![path.to_path_buf()];
    let Ok(text) = std::fs::read_to_string(path) else {
        return files;
    };
    let Some(urn) = device_type_of(&text) else {
        return files;
    };
    // Siblings are named the way `path` is (relative stays relative).
    let parent = path.parent().unwrap_or(Path::new(""));
    let listing = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let Ok(entries) = std::fs::read_dir(listing) else {
        return files;
    };
    let mut siblings: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| parent.join(e.file_name())))
        .filter(|p| p.extension().is_some_and(|e| e == "xml") && p.as_path() != path)
        .filter(|p| {
            std::fs::read_to_string(p)
                .ok()
                .and_then(|t| device_type_of(&t))
                .is_some_and(|u| u == urn)
        })
        .collect();
    siblings.sort();
    files.extend(siblings);
    files
}

/// The `deviceType` of a DT document's root element, by a light scan: the
/// loader reads the files properly afterwards.
fn device_type_of(text: &str) -> Option<String> {
    let start = text.find("<dt:document")?;
    let tag = &text[start..];
    let tag = &tag[..tag.find('>')?];
    let at = tag.find("deviceType=")? + "deviceType=".len();
    let quote = tag[at..].chars().next()?;
    let rest = &tag[at + 1..];
    Some(rest[..rest.find(quote)?].to_string())
}

/// Compiles a device (device-type documents and/or model files, read as one
/// device) into Rust tokens.
pub fn compile(files: &[PathBuf], options: &Options) -> Result<Output, Failure> {
    let mut session = Session::new(&options.settings);
    let ids: Vec<_> = files.iter().filter_map(|f| session.load(f)).collect();
    let mut tokens = None;
    if ids.len() == files.len() {
        if let Some(device) = session.device(
            &ids,
            options.model.as_deref(),
            &options.selection,
            &options.claims,
        ) {
            if !session.diagnostics().has_errors() {
                let definitions = options
                    .rust
                    .docs
                    .then(|| Definitions::from_sources(session.sources()));
                let mut diags = crate::diag::Diagnostics::new();
                let t = rust::generate(&device, &options.rust, definitions.as_ref(), &mut diags);
                session.absorb(diags);
                tokens = Some(t);
            }
        }
    }
    let read: Vec<PathBuf> = session.sources().paths().map(Path::to_path_buf).collect();
    let rendered = session.render_diagnostics();
    let (errors, warnings): (Vec<_>, Vec<_>) = session
        .diagnostics()
        .iter()
        .zip(rendered)
        .partition(|(d, _)| d.severity == crate::diag::Severity::Error);
    let warnings: Vec<String> = warnings.into_iter().map(|(_, r)| r).collect();
    match tokens {
        Some(tokens) if errors.is_empty() => Ok(Output {
            tokens,
            files: read,
            warnings,
        }),
        _ => {
            let mut messages: Vec<String> = errors.into_iter().map(|(_, r)| r).collect();
            if messages.is_empty() {
                messages.push("error: no device could be built from these files".into());
            }
            Err(Failure {
                messages,
                files: read,
            })
        }
    }
}

/// Why [`Config::compile`] failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The model files have errors.
    #[error("{0}")]
    Model(#[from] Failure),
    /// Writing the output failed.
    #[error("cannot write `{path}`: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// `OUT_DIR` is not set (not running under cargo) and no output directory was given.
    #[error("OUT_DIR is not set; call `out_dir` when not running from a build script")]
    NoOutDir,
    /// The generated tokens did not parse back (a bug: please report it).
    #[error("generated code does not parse: {0}")]
    Syntax(String),
}

/// The build-script API:
///
/// ```no_run
/// // build.rs
/// fn main() -> Result<(), Box<dyn std::error::Error>> {
///     cwmp_model_codegen::Config::new()
///         .search_path("models")
///         .compile("models/aastra-6700i.xml")?;
///     Ok(())
/// }
/// // src/lib.rs:
/// // pub mod dm { include!(concat!(env!("OUT_DIR"), "/aastra_6700i.rs")); }
/// ```
///
/// Each `compile` writes `$OUT_DIR/<file stem, snake case>.rs` (formatted,
/// with an `@generated` header) and prints `cargo:rerun-if-changed` for
/// every file read, imports included, and for the device's directory (a
/// new device-type document there may join the device).
#[derive(Debug, Clone, Default)]
pub struct Config {
    options: Options,
    out_dir: Option<PathBuf>,
    cargo: bool,
}

impl Config {
    /// Default settings, printing cargo directives.
    pub fn new() -> Self {
        Config {
            cargo: true,
            ..Config::default()
        }
    }

    /// Adds a directory searched for imported files.
    pub fn search_path(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.options.settings.search_path.push(dir.into());
        self
    }

    /// Reports recoverable schema violations as warnings.
    pub fn lenient(&mut self, lenient: bool) -> &mut Self {
        self.options.settings.lenient = lenient;
        self
    }

    /// Only this model of a model file.
    pub fn model(&mut self, name: impl Into<String>) -> &mut Self {
        self.options.model = Some(name.into());
        self
    }

    /// Keeps only what a profile requires (repeatable).
    pub fn profile(&mut self, name: impl Into<String>) -> &mut Self {
        self.options.selection.profiles.push(name.into());
        self
    }

    /// Keeps only paths matching a pattern (repeatable).
    pub fn include(&mut self, pattern: impl Into<String>) -> &mut Self {
        self.options.selection.include.push(pattern.into());
        self
    }

    /// Drops paths matching a pattern (repeatable).
    pub fn exclude(&mut self, pattern: impl Into<String>) -> &mut Self {
        self.options.selection.exclude.push(pattern.into());
        self
    }

    /// The path generated code names the runtime by (default
    /// `::cwmp_model_runtime`; `::cwmp_model::runtime` through the facade).
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.options.rust.runtime = path.into();
        self
    }

    /// serde derives on generated types.
    pub fn serde(&mut self, serde: Serde) -> &mut Self {
        self.options.rust.serde = serde;
        self
    }

    /// Rustdoc from the model's descriptions (default on).
    pub fn docs(&mut self, docs: bool) -> &mut Self {
        self.options.rust.docs = docs;
        self
    }

    /// Writes to this directory instead of `$OUT_DIR`.
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Whether to print `cargo:` directives (default on).
    pub fn cargo_directives(&mut self, on: bool) -> &mut Self {
        self.cargo = on;
        self
    }

    /// The settings as [`compile`] takes them.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Compiles the device `device` describes (see [`device_files`]) and
    /// writes its code; returns the file written.
    pub fn compile(&self, device: impl AsRef<Path>) -> Result<PathBuf, BuildError> {
        let device = device.as_ref();
        let files = device_files(device);
        let result = compile(&files, &self.options);
        if self.cargo {
            let read = match &result {
                Ok(o) => &o.files,
                Err(f) => &f.files,
            };
            let mut seen = std::collections::BTreeSet::new();
            for f in read.iter().chain(&files).filter(|f| seen.insert(*f)) {
                println!("cargo:rerun-if-changed={}", f.display());
            }
            if let Some(dir) = device.parent().filter(|d| !d.as_os_str().is_empty()) {
                println!("cargo:rerun-if-changed={}", dir.display());
            }
        }
        let output = result?;
        if self.cargo {
            for w in &output.warnings {
                for line in w.lines().take(1) {
                    println!("cargo:warning={line}");
                }
            }
        }
        let dir = match &self.out_dir {
            Some(d) => d.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(BuildError::NoOutDir)?,
        };
        let stem = device
            .file_stem()
            .map(|s| crate::naming::field_name(&s.to_string_lossy()))
            .unwrap_or_else(|| "device".into());
        let path = dir.join(format!("{}.rs", stem.trim_start_matches("r#")));
        let source = device.display().to_string().replace('\\', "/");
        let text = rust::to_source(&output.tokens, &source)
            .map_err(|e| BuildError::Syntax(e.to_string()))?;
        std::fs::write(&path, text).map_err(|source| BuildError::Io {
            path: path.clone(),
            source,
        })?;
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_device_type_of_a_dt_document() {
        let dt =
            r#"<?xml version="1.0"?><dt:document xmlns:dt="urn:x" deviceType="urn:a:b" uuid="u">"#;
        assert_eq!(device_type_of(dt).as_deref(), Some("urn:a:b"));
        assert_eq!(device_type_of("<dm:document>"), None);
    }
}
