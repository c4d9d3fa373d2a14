//! `cwmp-model`: check, dump and generate from BBF data-model XML, and
//! simulate a CPE of any model (`rpc`).

mod rpc;

use clap::{Parser, Subcommand};
use cwmp_model_codegen::diag::Severity;
use cwmp_model_codegen::loader::DocKind;
use cwmp_model_codegen::rust::{to_source, RustSettings, Serde};
use cwmp_model_codegen::select::Selection;
use cwmp_model_codegen::{compile, device_files, dump, Options, Session, Settings};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "cwmp-model",
    version,
    about = "Compile TR-069 (CWMP) data-model XML into typed Rust, docs and checks"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct Input {
    /// Directory searched for imported files (repeatable), after the importing file's own.
    #[arg(short = 'I', long = "search", value_name = "DIR")]
    search: Vec<PathBuf>,
    /// Report recoverable schema violations of vendor files as warnings.
    #[arg(long)]
    lenient: bool,
    /// Keep only what this profile requires (repeatable).
    #[arg(long = "profile", value_name = "NAME")]
    profiles: Vec<String>,
    /// The device claims this profile, in addition to the claims of its DT
    /// documents (repeatable; an error unless the selection satisfies it).
    #[arg(long = "claim", value_name = "NAME")]
    claims: Vec<String>,
    /// Keep only paths matching this pattern (repeatable; `Device.LAN.` is a subtree, `*` one segment).
    #[arg(long, value_name = "PATTERN")]
    include: Vec<String>,
    /// Drop paths matching this pattern (repeatable).
    #[arg(long, value_name = "PATTERN")]
    exclude: Vec<String>,
}

impl Input {
    fn settings(&self) -> Settings {
        Settings {
            search_path: self.search.clone(),
            lenient: self.lenient,
        }
    }

    fn selection(&self) -> Selection {
        Selection {
            profiles: self.profiles.clone(),
            include: self.include.clone(),
            exclude: self.exclude.clone(),
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Read, resolve and check data-model files; print diagnostics.
    Check {
        #[command(flatten)]
        input: Input,
        /// Files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the resolved model, one line per object and parameter.
    Dump {
        #[command(flatten)]
        input: Input,
        /// The file defining the model.
        file: PathBuf,
        /// Only this model (default: every model the file defines).
        #[arg(long)]
        model: Option<String>,
    },
    /// Write the documentation of what a device supports (Markdown, HTML or CSV).
    Docs {
        #[command(flatten)]
        input: Input,
        /// The device: device-type documents and/or model files, read as one device.
        #[arg(required = true, value_name = "DEVICE")]
        files: Vec<PathBuf>,
        /// Only this model of a model file (default: every model the files define).
        #[arg(long)]
        model: Option<String>,
        /// Output format.
        #[arg(long, value_enum)]
        format: DocFormat,
        /// Write to this file instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write the Rust code of a device (what `#[cwmp_model]` and the build-script API generate).
    Gen {
        #[command(flatten)]
        input: Input,
        /// The device: a device-type document (with the other DT documents of its
        /// directory that name the same device type) or a model file (the whole model).
        #[arg(required = true, value_name = "DEVICE")]
        files: Vec<PathBuf>,
        /// Only this model of a model file (default: every model the files define).
        #[arg(long)]
        model: Option<String>,
        /// Path generated code names the runtime by.
        #[arg(long, value_name = "PATH", default_value = "::cwmp_model_runtime")]
        runtime: String,
        /// Derive serde's traits behind this cargo feature of the including crate.
        #[arg(long, value_name = "FEATURE")]
        serde_feature: Option<String>,
        /// Leave out the rustdoc of the model's descriptions.
        #[arg(long)]
        no_docs: bool,
        /// Write to this file instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Simulate the device as a CPE: answer one ACS request envelope (or write an
    /// Inform) from a device state kept in a JSON file between runs.
    ///
    /// The model is read at run time and run on the engine and RPC dispatcher
    /// generated code uses. Each run is a session of one message: the response
    /// goes to standard output (nothing for an ACS response or an empty body),
    /// a Reboot or FactoryReset takes effect at its end, and the state is saved.
    /// The whole device is simulated, its service models mounted at the root
    /// model's `Services.` object; --model simulates one of its models alone.
    #[command(
        override_usage = "cwmp-model rpc [OPTIONS] DEVICE... --state STATE.json REQUEST.xml\n       \
                          cwmp-model rpc [OPTIONS] DEVICE... --state STATE.json --inform [EVENT]..."
    )]
    Rpc {
        #[command(flatten)]
        input: Input,
        /// The device (a device-type document with its DT siblings, or model
        /// files), then the request envelope, which --inform replaces.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Simulate this model of the device (`VoiceService:1.0`, or `VoiceService`)
        /// instead of its root model.
        #[arg(long)]
        model: Option<String>,
        /// The device's state (tree, pending events, queued transfers), read and
        /// written back; a new device at the model's defaults when missing.
        #[arg(long, value_name = "STATE.json")]
        state: PathBuf,
        /// Write an Inform instead, with these events besides the pending ones
        /// (`"1 BOOT"`, `"2 PERIODIC"`, `"M Reboot"`...). Put it last.
        #[arg(long, value_name = "EVENT", num_args = 0..)]
        inform: Option<Vec<String>>,
    },
    /// Write the device's BBF device-type (DT) documents, one per model.
    Dt {
        #[command(flatten)]
        input: Input,
        /// The device: device-type documents and/or model files, read as one device.
        #[arg(required = true, value_name = "DEVICE")]
        files: Vec<PathBuf>,
        /// Only this model of a model file (default: every model the files define).
        #[arg(long)]
        model: Option<String>,
        /// Directory to write the documents to (default: standard output).
        #[arg(short = 'o', long = "output", value_name = "DIR")]
        output: Option<PathBuf>,
    },
}

/// `dt`: resolve the device and write one DT document per model.
fn write_dt(
    input: &Input,
    files: &[PathBuf],
    model: Option<&str>,
    output: Option<&std::path::Path>,
) -> bool {
    let mut session = Session::new(&input.settings());
    let ids: Vec<_> = files.iter().filter_map(|f| session.load(f)).collect();
    let mut documents = None;
    if ids.len() == files.len() {
        documents = session
            .device(&ids, model, &input.selection(), &input.claims)
            .map(|d| cwmp_model_codegen::dt::device_type_documents(&d));
    }
    if !report(&session) {
        return false;
    }
    let Some(documents) = documents else {
        return false;
    };
    documents
        .iter()
        .all(|(name, text)| emit(output.map(|dir| dir.join(name)).as_deref(), text))
}

/// `gen`: compile the device into Rust and write it.
fn write_gen(files: &[PathBuf], options: &Options, output: Option<&std::path::Path>) -> bool {
    let files = match files {
        [one] => device_files(one),
        many => many.to_vec(),
    };
    let mut stderr = std::io::stderr().lock();
    match compile(&files, options) {
        Ok(out) => {
            for w in &out.warnings {
                let _ = writeln!(stderr, "{w}");
            }
            let source = files
                .iter()
                .map(|f| f.display().to_string().replace('\\', "/"))
                .collect::<Vec<_>>()
                .join(", ");
            match to_source(&out.tokens, &source) {
                Ok(text) => emit(output, &text),
                Err(e) => {
                    let _ = writeln!(stderr, "error: generated code does not parse: {e}");
                    false
                }
            }
        }
        Err(failure) => {
            for m in &failure.messages {
                let _ = writeln!(stderr, "{m}");
            }
            false
        }
    }
}

/// Writes output to a file, or to standard output; reports a failure on stderr.
fn emit(path: Option<&std::path::Path>, text: &str) -> bool {
    let written = match path {
        Some(path) => std::fs::write(path, text.as_bytes())
            .map_err(|e| format!("cannot write `{}`: {e}", path.display())),
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(|e| format!("cannot write to standard output: {e}")),
    };
    if let Err(e) = &written {
        let _ = writeln!(std::io::stderr(), "error: {e}");
    }
    written.is_ok()
}

/// Output formats of `docs`.
#[derive(clap::ValueEnum, Clone, Copy)]
enum DocFormat {
    /// GitHub-flavoured Markdown.
    Md,
    /// One self-contained HTML page.
    Html,
    /// RFC 4180 CSV, one row per object and parameter.
    Csv,
}

/// `docs`: resolve the device, render, write to the file or standard output.
fn write_docs(
    input: &Input,
    files: &[PathBuf],
    model: Option<&str>,
    format: DocFormat,
    output: Option<&std::path::Path>,
) -> bool {
    use cwmp_model_codegen::docs::{self, markup::Definitions, Format};
    let mut session = Session::new(&input.settings());
    let ids: Vec<_> = files.iter().filter_map(|f| session.load(f)).collect();
    let mut text = None;
    if ids.len() == files.len() {
        if let Some(device) = session.device(&ids, model, &input.selection(), &input.claims) {
            let format = match format {
                DocFormat::Md => Format::Markdown,
                DocFormat::Html => Format::Html,
                DocFormat::Csv => Format::Csv,
            };
            let definitions = Definitions::from_sources(session.sources());
            text = Some(docs::render_with(&device, format, &definitions));
        }
    }
    if !report(&session) {
        return false;
    }
    let Some(text) = text else { return false };
    emit(output, &text)
}

fn report(session: &Session) -> bool {
    let mut stderr = std::io::stderr().lock();
    for d in session.diagnostics().iter() {
        let _ = writeln!(stderr, "{}", d.render(session.sources()));
    }
    let errors = session.diagnostics().error_count();
    let warnings = session
        .diagnostics()
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    if errors > 0 || warnings > 0 {
        let _ = writeln!(stderr, "{errors} error(s), {warnings} warning(s)");
    }
    errors == 0
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ok = match cli.command {
        Command::Check { input, files } => {
            let mut session = Session::new(&input.settings());
            let mut docs = Vec::new();
            for f in &files {
                if let Some(doc) = session.load(f) {
                    session.check(doc);
                    docs.push(doc);
                }
            }
            // Claims given here are about the files as one device.
            if !input.claims.is_empty() && docs.len() == files.len() {
                session.device(&docs, None, &input.selection(), &input.claims);
            }
            report(&session)
        }
        Command::Dump { input, file, model } => {
            let mut session = Session::new(&input.settings());
            let mut out = String::new();
            if let Some(doc) = session.load(&file) {
                let selection = input.selection();
                let models = if session.kind(doc) == DocKind::DeviceType
                    || !selection.is_everything()
                    || !input.claims.is_empty()
                {
                    session
                        .device(&[doc], model.as_deref(), &selection, &input.claims)
                        .map(|d| d.models)
                        .unwrap_or_default()
                } else {
                    session.models(doc, model.as_deref())
                };
                for m in models {
                    out.push_str(&dump::dump(&m));
                }
            }
            let ok = report(&session);
            if ok {
                let _ = std::io::stdout().lock().write_all(out.as_bytes());
            }
            ok
        }
        Command::Docs {
            input,
            files,
            model,
            format,
            output,
        } => write_docs(&input, &files, model.as_deref(), format, output.as_deref()),
        Command::Gen {
            input,
            files,
            model,
            runtime,
            serde_feature,
            no_docs,
            output,
        } => {
            let options = Options {
                settings: input.settings(),
                model,
                selection: input.selection(),
                claims: input.claims.clone(),
                rust: RustSettings {
                    runtime,
                    serde: serde_feature.map_or(Serde::No, Serde::Feature),
                    docs: !no_docs,
                },
            };
            write_gen(&files, &options, output.as_deref())
        }
        Command::Dt {
            input,
            files,
            model,
            output,
        } => write_dt(&input, &files, model.as_deref(), output.as_deref()),
        Command::Rpc {
            input,
            files,
            model,
            state,
            inform,
        } => rpc::run(&rpc::RpcArgs {
            settings: input.settings(),
            selection: input.selection(),
            files,
            model,
            state,
            inform,
        }),
    };
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
