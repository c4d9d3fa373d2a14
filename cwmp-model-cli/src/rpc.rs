//! `rpc`: a CPE simulator for any data model, without compiling Rust.
//!
//! The device's models are read at run time, laid out and leaked as the
//! descriptor tables generated code would declare, its service models
//! mounted at the root's `Services.` as generated `model()` functions do
//! ([`cwmp_model_codegen::rust::leak_device`]), and driven by the engine
//! and RPC dispatcher generated code uses ([`Tree`], [`Session`]). Each run is
//! one CWMP session of one message: it answers one ACS request (or writes
//! one Inform), runs what the ACS asked for at the end of the session
//! (Reboot, FactoryReset), and saves the device's state for the next run.

use std::io::Write;
use std::path::{Path, PathBuf};

use cwmp_model_codegen::diag::Diagnostics;
use cwmp_model_codegen::ir::Model;
use cwmp_model_codegen::rust::{leak_device, leak_model};
use cwmp_model_codegen::select::Selection;
use cwmp_model_codegen::{device_files, Session, Settings};
use cwmp_model_runtime::engine::{State, Tree};
use cwmp_model_runtime::meta::ModelDesc;
use cwmp_model_runtime::rpc::{
    Action, CpeState, Device, EventCode, InMemoryDevice, Session as Cpe,
};
use cwmp_model_runtime::soap::{parse_request, Limits, ParseErrorKind, Request};
use serde::{Deserialize, Serialize};

/// What one `rpc` run is asked to do.
pub(crate) struct RpcArgs {
    /// Read settings and selection, as for the other subcommands.
    pub settings: Settings,
    /// Narrows the device's models, as for the other subcommands.
    pub selection: Selection,
    /// The device's files, then (without `inform`) the request.
    pub files: Vec<PathBuf>,
    /// The one model to simulate (default: the whole device, its service
    /// models mounted in its root model).
    pub model: Option<String>,
    /// The state file.
    pub state: PathBuf,
    /// `Some` to write an Inform with these events instead of answering a request.
    pub inform: Option<Vec<String>>,
}

/// Everything the simulated device keeps between runs, as the state file
/// holds it (JSON).
#[derive(Serialize, Deserialize)]
struct SavedDevice {
    /// The parameter tree: objects, values, attributes, pending changes.
    tree: State,
    /// Undelivered events, queued transfers, scheduled Informs, counters.
    #[serde(default)]
    cpe: CpeState,
    /// The RetryCount of the last Inform written, while no InformResponse
    /// has acknowledged it: a session spans several runs, so the next run
    /// must know which Inform an InformResponse answers, and a new Inform
    /// in its place is a retry.
    #[serde(default)]
    unacknowledged_inform: Option<u32>,
}

/// Runs `rpc`; false (with the reason on stderr) when it failed.
pub(crate) fn run(args: &RpcArgs) -> bool {
    match simulate(args) {
        Ok(()) => true,
        Err(message) => {
            if !message.is_empty() {
                let _ = writeln!(std::io::stderr(), "error: {message}");
            }
            false
        }
    }
}

/// The run; `Err` carries the message to print (empty when diagnostics
/// have been printed already).
fn simulate(args: &RpcArgs) -> Result<(), String> {
    let (device, request) = match (&args.inform, args.files.as_slice()) {
        (Some(_), files) => (files, None),
        (None, [device @ .., request]) if !device.is_empty() => (device, Some(request)),
        (None, _) => {
            return Err(
                "give the device's files and then the request envelope (REQUEST.xml), \
                 or --inform EVENT... instead of a request"
                    .into(),
            )
        }
    };
    // Read the request and the events before the model, so that mistakes
    // in them fail fast, and refuse what the CPE could not even parse: on
    // the command line that is a mistake of the user's, not an ACS to answer.
    let request = match request {
        Some(path) => Some(read_request(path)?),
        None => None,
    };
    let events = match &args.inform {
        Some(events) => Some(
            events
                .iter()
                .map(|e| event_code(e))
                .collect::<Result<Vec<_>, _>>()?,
        ),
        None => None,
    };
    let model = load_model(args, device)?;
    let (loaded, issues) = load_state(&args.state, model)?;
    for issue in issues {
        let _ = writeln!(
            std::io::stderr(),
            "warning: `{}`: {issue} (left out)",
            args.state.display()
        );
    }
    let Loaded {
        mut tree,
        mut cpe,
        mut unacknowledged_inform,
    } = loaded;
    let mut device = InMemoryDevice;
    let output = match (events, request) {
        (Some(events), _) => {
            for event in events {
                // Method events (`M Reboot`) carry no CommandKey from here.
                cpe.add_event(event, "");
            }
            // ScheduleInforms that are due go out with this Inform.
            cpe.fire_scheduled_informs(device.now());
            if cpe.events().is_empty() {
                return Err("no event to report: name one, e.g. --inform \"2 PERIODIC\"".into());
            }
            let retry = unacknowledged_inform.map_or(0, |r| r.saturating_add(1));
            let mut session = Cpe::new(&mut tree, &mut device, &mut cpe);
            let inform = session.inform_xml(retry);
            session.end_session();
            unacknowledged_inform = Some(retry);
            Some(inform)
        }
        (None, Some(request)) => {
            let mut session = Cpe::new(&mut tree, &mut device, &mut cpe);
            let answers_inform = matches!(request.kind, Kind::InformResponse);
            if let (true, Some(retry)) = (answers_inform, unacknowledged_inform) {
                // The Inform went out in an earlier run, from the state
                // saved then, which nothing has changed since: building it
                // again tells the session which events its InformResponse
                // acknowledges.
                let _ = session.inform(retry);
            }
            let reply = session.handle(&request.bytes);
            for action in session.end_session() {
                let note = match action {
                    Action::Reboot { .. } => "the device rebooted at the end of the session",
                    Action::FactoryReset => {
                        "the device was reset to factory defaults at the end of the session"
                    }
                };
                let _ = writeln!(std::io::stderr(), "note: {note}");
            }
            // An ACS fault answering the Inform leaves it unacknowledged
            // (the next Inform is a retry); any other message ends it.
            if !matches!(request.kind, Kind::Fault) {
                unacknowledged_inform = None;
            }
            reply
        }
        (None, None) => None,
    };
    let file = SavedDevice {
        tree: tree.save(),
        cpe,
        unacknowledged_inform,
    };
    if let Some(text) = output {
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.write_all(b"\n"))
            .map_err(|e| format!("cannot write to standard output: {e}"))?;
    }
    save_state(&args.state, &file)
}

/// What the dispatcher is given, and what kind of message it is, as far as
/// the run needs to know.
struct RequestFile {
    bytes: Vec<u8>,
    kind: Kind,
}

/// The messages the run treats specially.
enum Kind {
    InformResponse,
    Fault,
    Other,
}

/// Reads the request envelope and checks that the CPE can read it.
fn read_request(path: &Path) -> Result<RequestFile, String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    // An empty HTTP body is how the ACS ends a session: no answer.
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(RequestFile {
            bytes,
            kind: Kind::Other,
        });
    }
    let kind = match parse_request(&bytes, &Limits::default()) {
        Ok(env) => match env.body {
            Request::InformResponse(_) => Kind::InformResponse,
            Request::Fault(_) => Kind::Fault,
            _ => Kind::Other,
        },
        Err(e) => {
            let what = match e.kind {
                ParseErrorKind::Xml { .. }
                | ParseErrorKind::Encoding(_)
                | ParseErrorKind::NotEnvelope(_) => "is not a SOAP envelope",
                _ => "is not a CWMP request the CPE can read",
            };
            return Err(format!(
                "`{}` {what}: {e} (the CPE would answer with fault {})",
                path.display(),
                e.fault_code()
            ));
        }
    };
    Ok(RequestFile { bytes, kind })
}

/// The event codes TR-069 defines, by their wire spelling, plus vendor
/// codes (`X <OUI> <event>`, `M X_<vendor>_<method>`).
fn event_code(text: &str) -> Result<EventCode, String> {
    let text = text.trim();
    let code = EventCode::parse(text);
    let vendor = text.starts_with("X ") || text.starts_with("M X_");
    // 64 characters is the schema's bound on an EventCode.
    if matches!(code, EventCode::Other(_)) && (!vendor || text.chars().count() > 64) {
        return Err(format!(
            "`{text}` is not an Inform event code (e.g. \"1 BOOT\", \"2 PERIODIC\", \
             \"6 CONNECTION REQUEST\", \"M Reboot\", or a vendor's \"X <OUI> <event>\")"
        ));
    }
    Ok(code)
}

/// Resolves the device and leaks the tables of the model to simulate.
fn load_model(args: &RpcArgs, files: &[PathBuf]) -> Result<&'static ModelDesc, String> {
    let files = match files {
        [one] => device_files(one),
        many => many.to_vec(),
    };
    let mut session = Session::new(&args.settings);
    let ids: Vec<_> = files.iter().filter_map(|f| session.load(f)).collect();
    let mut device = None;
    if ids.len() == files.len() {
        device = session.device(&ids, args.model.as_deref(), &args.selection, &[]);
    }
    if !super::report(&session) {
        return Err(String::new());
    }
    let device = device.ok_or_else(|| "no device could be built from these files".to_owned())?;
    let mut diags = Diagnostics::new();
    let desc = match args.model.as_deref() {
        Some(wanted) => Some(leak_model(pick_model(&device.models, wanted)?, &mut diags)),
        None => leak_device(&device, &mut diags),
    };
    session.absorb(diags);
    if !super::report(&session) {
        return Err(String::new());
    }
    desc.ok_or_else(|| "the device has no model".to_owned())
}

/// The model named `--model`, by full name or by the part before `:`.
fn pick_model<'m>(models: &'m [Model], wanted: &str) -> Result<&'m Model, String> {
    models
        .iter()
        .find(|m| m.name == wanted || m.name.split(':').next() == Some(wanted))
        .ok_or_else(|| {
            let names: Vec<&str> = models.iter().map(|m| m.name.as_str()).collect();
            format!(
                "the device has no model `{wanted}` (it has {})",
                names.join(", ")
            )
        })
}

/// The state as read, with the tree loaded.
struct Loaded {
    tree: Tree,
    cpe: CpeState,
    unacknowledged_inform: Option<u32>,
}

/// Reads the state file, or starts a new device (every parameter at its
/// default, `0 BOOTSTRAP` and `1 BOOT` pending, as for a device's first
/// contact with its ACS) when there is none. Also returns the entries of
/// the saved tree that no longer fit the model.
fn load_state(path: &Path, model: &'static ModelDesc) -> Result<(Loaded, Vec<String>), String> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut cpe = CpeState::new();
            cpe.add_event(EventCode::Bootstrap, "");
            cpe.add_event(EventCode::Boot, "");
            let loaded = Loaded {
                tree: Tree::new(model),
                cpe,
                unacknowledged_inform: None,
            };
            return Ok((loaded, Vec::new()));
        }
        Err(e) => return Err(format!("cannot read `{}`: {e}", path.display())),
    };
    let saved: SavedDevice = serde_json::from_slice(&bytes).map_err(|e| {
        format!(
            "`{}` is not a state file of `cwmp-model rpc`: {e}",
            path.display()
        )
    })?;
    if saved.tree.model != model.name {
        return Err(format!(
            "`{}` holds a device of model `{}`, not `{}`: use another --state file \
             (or --model {})",
            path.display(),
            saved.tree.model,
            model.name,
            saved.tree.model
        ));
    }
    // A model file edited since the state was saved leaves entries that
    // no longer fit: the rest of the device is worth keeping.
    let (tree, issues) = Tree::load_lenient(model, &saved.tree);
    let loaded = Loaded {
        tree,
        cpe: saved.cpe,
        unacknowledged_inform: saved.unacknowledged_inform,
    };
    Ok((loaded, issues.iter().map(ToString::to_string).collect()))
}

/// Writes the state file through a temporary file beside it, so that an
/// interrupted run leaves the previous state whole.
fn save_state(path: &Path, saved: &SavedDevice) -> Result<(), String> {
    let text = serde_json::to_string_pretty(saved)
        .map_err(|e| format!("cannot encode the device's state: {e}"))?;
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, text + "\n")
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}
