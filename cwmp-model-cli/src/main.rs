//! `cwmp-model`: check, dump and generate from BBF data-model XML.

use clap::{Parser, Subcommand};
use cwmp_model_codegen::diag::Severity;
use cwmp_model_codegen::loader::DocKind;
use cwmp_model_codegen::select::Selection;
use cwmp_model_codegen::{dump, Session, Settings};
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
            for f in &files {
                if let Some(doc) = session.load(f) {
                    session.check(doc);
                }
            }
            report(&session)
        }
        Command::Dump { input, file, model } => {
            let mut session = Session::new(&input.settings());
            let mut out = String::new();
            if let Some(doc) = session.load(&file) {
                let selection = input.selection();
                let models =
                    if session.kind(doc) == DocKind::DeviceType || !selection.is_everything() {
                        session
                            .device(&[doc], model.as_deref(), &selection, &[])
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
    };
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
