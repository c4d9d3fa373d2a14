//! One test per resolution rule, on small fixture files written for the purpose
//! (`tests/fixtures/rules`).

use cwmp_model_codegen::diag::Severity;
use cwmp_model_codegen::dump::dump;
use cwmp_model_codegen::ir::{BaseType, Model};
use cwmp_model_codegen::{Session, Settings};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(name)
}

fn resolve(name: &str) -> Vec<Model> {
    let mut s = Session::new(&Settings::default());
    let doc = s.load(&fixture(name)).expect("fixture loads");
    let models = s.models(doc, None);
    let problems: Vec<String> = s.render_diagnostics();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    models
}

fn line<'a>(dump: &'a str, path: &str) -> &'a str {
    dump.lines()
        .find(|l| l.split('\t').nth(1) == Some(path))
        .unwrap_or_else(|| panic!("no line for {path} in\n{dump}"))
}

fn field<'a>(line: &'a str, key: &str) -> &'a str {
    line.split('\t')
        .find_map(|f| f.strip_prefix(key).and_then(|r| r.strip_prefix('=')))
        .unwrap_or_else(|| panic!("no {key} in {line}"))
}

fn test_model() -> (Model, String) {
    let m = resolve("tr-900-1-1-0.xml").remove(0);
    let d = dump(&m);
    (m, d)
}

#[test]
fn base_model_is_extended_under_its_new_name() {
    let (m, d) = test_model();
    assert_eq!(m.name, "Test:1.1");
    assert!(d.starts_with("M Test:1.1\n"));
    // Items of Test:1.0 are all there.
    line(&d, "Device.Summary");
    line(&d, "Device.Host.{i}.Password");
}

#[test]
fn import_follows_the_file_name_rule_and_renames() {
    // tr-900-1-1-0.xml imports `tr-900-1-0.xml` (no corrigendum) as `_Test:1.0`.
    let (m, _) = test_model();
    assert!(m.object("Device.Host.{i}.").is_some());
}

#[test]
fn components_expand_at_their_path_and_nest() {
    let (_, d) = test_model();
    // `_WithStats` (a renamed import) includes `Stats` at `Device.Host.{i}.`.
    let stats = line(&d, "Device.Host.{i}.Stats.BytesSent");
    assert_eq!(field(stats, "activeNotify"), "canDeny");
    assert_eq!(field(stats, "base"), "unsignedLong");
}

#[test]
fn component_version_raises_the_versions_inside() {
    let (_, d) = test_model();
    assert_eq!(field(line(&d, "Device.Time."), "version"), "1.1");
    assert_eq!(field(line(&d, "Device.Time.NTPServer"), "version"), "1.1");
    // The Alias component says 1.0; inside a 1.0 table it stays 1.0.
    assert_eq!(field(line(&d, "Device.Host.{i}.Alias"), "version"), "1.0");
}

#[test]
fn base_objects_and_parameters_are_modified_in_place() {
    let (m, d) = test_model();
    let host = line(&d, "Device.Host.{i}.");
    assert_eq!(field(host, "max"), "8");
    assert_eq!(field(host, "min"), "0");
    let mode = line(&d, "Device.Host.{i}.Mode");
    assert_eq!(field(mode, "access"), "readOnly");
    let p = m
        .object("Device.Host.{i}.")
        .unwrap()
        .params
        .iter()
        .find(|p| p.name == "Mode")
        .unwrap();
    let values: Vec<&str> = p
        .syntax
        .enumerations
        .iter()
        .map(|e| e.value.as_str())
        .collect();
    assert_eq!(
        values,
        ["A", "B", "C"],
        "enumeration values are added by a modification"
    );
    assert_eq!(p.description, "Mode.\nNow read only.");
}

#[test]
fn object_attributes_are_read() {
    let (_, d) = test_model();
    let host = line(&d, "Device.Host.{i}.");
    assert_eq!(field(host, "access"), "readWrite");
    assert_eq!(field(host, "numEntries"), "HostNumberOfEntries");
    assert_eq!(field(host, "enable"), "Enable");
    assert_eq!(field(host, "uniqueKeys"), "nf:Alias;Name,Address");
    assert_eq!(field(line(&d, "Device."), "max"), "1");
}

#[test]
fn named_data_types_chain_and_derived_facets_win() {
    let (m, d) = test_model();
    let host = m.object("Device.Host.{i}.").unwrap();
    let alias = host.params.iter().find(|p| p.name == "Alias").unwrap();
    assert_eq!(alias.syntax.data_type.as_deref(), Some("ShortName"));
    assert_eq!(
        alias.syntax.sizes[0].max,
        Some(16),
        "ShortName narrows _Name's 64"
    );
    let name = host.params.iter().find(|p| p.name == "Name").unwrap();
    assert_eq!(
        name.syntax.data_type.as_deref(),
        Some("Name"),
        "imported under a new name"
    );
    assert_eq!(name.syntax.sizes[0].max, Some(64));
    assert_eq!(field(line(&d, "Device.Host.{i}.Name"), "base"), "string");
}

#[test]
fn lists_keep_item_facets_apart_from_the_list() {
    let (m, d) = test_model();
    let ports = m
        .object("Device.Host.{i}.")
        .unwrap()
        .params
        .iter()
        .find(|p| p.name == "Ports")
        .unwrap();
    assert_eq!(ports.syntax.base, BaseType::UnsignedInt);
    assert_eq!(ports.syntax.list.as_ref().unwrap().max_items, Some(4));
    assert_eq!(ports.syntax.ranges[0].max.as_deref(), Some("65535"));
    assert_eq!(field(line(&d, "Device.Host.{i}.Ports"), "list"), "1");
}

#[test]
fn dtd_entities_expand_in_patterns() {
    let (m, _) = test_model();
    let addr = m
        .object("Device.Host.{i}.")
        .unwrap()
        .params
        .iter()
        .find(|p| p.name == "Address")
        .unwrap();
    let octet = "(25[0-5]|2[0-4][0-9]|[01]?[0-9]?[0-9])";
    assert_eq!(
        addr.syntax.patterns[0].value,
        format!("{octet}\\.{octet}\\.{octet}\\.{octet}")
    );
}

#[test]
fn defaults_hidden_secured_and_forced_inform() {
    let (_, d) = test_model();
    assert_eq!(
        field(line(&d, "Device.Host.{i}.Enable"), "default"),
        "object:false"
    );
    // A tab written as a character reference survives and is escaped in the dump.
    assert_eq!(
        field(line(&d, "Device.Host.{i}.Name"), "default"),
        "factory:a\\tb"
    );
    assert_eq!(
        field(line(&d, "Device.Host.{i}.Password"), "hidden"),
        "true"
    );
    assert_eq!(field(line(&d, "Device.Host.{i}.Extra"), "secured"), "true");
    assert_eq!(field(line(&d, "Device.Summary"), "forcedInform"), "true");
}

#[test]
fn status_and_version_inherit_through_the_hierarchy() {
    let (_, d) = test_model();
    assert_eq!(
        field(line(&d, "Device.Time.NTPServer"), "status"),
        "deprecated"
    );
    assert_eq!(field(line(&d, "Device.Gone.Flag"), "status"), "obsoleted");
    assert_eq!(field(line(&d, "Device.Gone.Flag"), "version"), "1.1");
    assert_eq!(field(line(&d, "Device.Summary"), "version"), "1.0");
}

#[test]
fn usp_commands_are_skipped() {
    let (m, _) = test_model();
    let time = m.object("Device.Time.").unwrap();
    assert_eq!(time.params.len(), 1);
    assert!(!m.objects.iter().any(|o| o.path.contains("Sync")));
}

#[test]
fn profiles_keep_base_and_extends() {
    let (m, _) = test_model();
    let b2 = m.profile("Baseline:2").unwrap();
    assert_eq!(b2.base.as_deref(), Some("Baseline:1"));
    assert_eq!(b2.objects[0].path, "Device.Host.{i}.");
    assert_eq!(b2.objects[0].requirement, "createDelete");
    let full = m.profile("Full:1").unwrap();
    assert_eq!(full.extends, ["Baseline:2"]);
    assert!(
        m.profile("Baseline:1").is_some(),
        "profiles of the base model are inherited"
    );
}

#[test]
fn service_models_keep_relative_paths() {
    let m = resolve("tr-901-1-0-0.xml").remove(0);
    assert!(m.is_service);
    let d = dump(&m);
    line(&d, "SvcNumberOfEntries");
    assert_eq!(
        field(line(&d, "Svc.{i}."), "numEntries"),
        "SvcNumberOfEntries"
    );
    let svc = m.object("Svc.{i}.").unwrap();
    assert_eq!(
        m.objects[svc.parent.unwrap()].path,
        "",
        "the top of a service model encloses its tables"
    );
}

#[test]
fn every_item_gets_a_rust_name() {
    let (m, _) = test_model();
    let host = m.object("Device.Host.{i}.").unwrap();
    assert_eq!(host.rust_type, "Host");
    assert_eq!(host.rust_name, "host");
    let p = host.params.iter().find(|p| p.name == "BytesSent");
    assert!(p.is_none());
    let stats = m.object("Device.Host.{i}.Stats.").unwrap();
    assert_eq!(stats.params[0].rust_name, "bytes_sent");
}

#[test]
fn warnings_do_not_fail_a_resolution() {
    let mut s = Session::new(&Settings::default());
    let doc = s.load(&fixture("tr-900-1-1-0.xml")).unwrap();
    s.models(doc, None);
    assert!(s
        .diagnostics()
        .iter()
        .all(|d| d.severity != Severity::Error));
}

mod selection {
    use super::*;
    use cwmp_model_codegen::ir::{ActiveNotify, ObjectAccess, ParamAccess};
    use cwmp_model_codegen::select::Selection;

    fn device(
        files: &[&str],
        sel: &Selection,
        claims: &[&str],
    ) -> (Option<cwmp_model_codegen::ir::Device>, Vec<String>) {
        let mut s = Session::new(&Settings::default());
        let docs: Vec<_> = files.iter().map(|f| s.load(&fixture(f)).unwrap()).collect();
        let claims: Vec<String> = claims.iter().map(|c| c.to_string()).collect();
        let d = s.device(&docs, None, sel, &claims);
        let msgs = s.diagnostics().iter().map(|d| d.message.clone()).collect();
        (d, msgs)
    }

    #[test]
    fn a_device_type_narrows_its_model() {
        let (d, msgs) = device(&["dt-900.xml"], &Selection::default(), &[]);
        let d = d.unwrap_or_else(|| panic!("{msgs:?}"));
        assert_eq!(d.name, "urn:example-com:device:test-box");
        let m = &d.models[0];
        let host = m.object("Device.Host.{i}.").unwrap();
        assert_eq!(host.access, ObjectAccess::Create);
        assert_eq!(host.max_entries, Some(4));
        let names: Vec<&str> = host.params.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            ["Enable", "Name", "Mode"],
            "only what the DT lists, in model order"
        );
        let name = &host.params[1];
        assert_eq!(name.access, ParamAccess::ReadOnly);
        assert_eq!(name.active_notify, ActiveNotify::WillDeny);
        let mode = &host.params[2];
        assert_eq!(
            mode.syntax.enumerations.len(),
            1,
            "the DT narrows the enumeration"
        );
        // The table's NumberOfEntries comes along although the DT does not list it.
        let top = m.object("Device.").unwrap();
        assert!(top.params.iter().any(|p| p.name == "HostNumberOfEntries"));
        assert!(m.object("Device.Time.").is_none());
        assert_eq!(
            m.objects[m
                .object("Device.Host.{i}.")
                .map(|o| o.parent.unwrap())
                .unwrap()]
            .path,
            "Device."
        );
    }

    #[test]
    fn a_device_type_cannot_widen() {
        let mut s = Session::new(&Settings::default());
        let doc = s
            .load(
                &PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/fixtures/errors/dt-widens.xml"),
            )
            .unwrap();
        assert!(s.device(&[doc], None, &Selection::default(), &[]).is_none());
        let msgs: Vec<String> = s
            .diagnostics()
            .iter()
            .map(|d| d.headline(s.sources()))
            .collect();
        assert!(msgs.iter().any(|m| m.contains("dt-widens.xml:8:27: error: device type widens object `Device.` from `readOnly` to `createDelete`")), "{msgs:#?}");
        assert!(
            msgs.iter()
                .any(|m| m
                    .contains("dt-widens.xml:9:32: error: device type widens `Device.Summary`")),
            "{msgs:#?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains(
                "dt-widens.xml:10:18: error: `Test:1.1` has no parameter `Device.Missing`"
            )),
            "{msgs:#?}"
        );
    }

    #[test]
    fn profiles_select_with_base_and_extends() {
        let sel = Selection {
            profiles: vec!["Full:1".into()],
            ..Selection::default()
        };
        let (d, msgs) = device(&["tr-900-1-1-0.xml"], &sel, &[]);
        let m = d.unwrap_or_else(|| panic!("{msgs:?}")).models.remove(0);
        // Full:1 extends Baseline:2, which is based on Baseline:1.
        assert!(m.object("Device.Time.").is_some());
        let top = m.object("Device.").unwrap();
        assert!(top.params.iter().any(|p| p.name == "Summary"));
        let host = m.object("Device.Host.{i}.").unwrap();
        assert_eq!(host.params.len(), 1);
        assert!(m.object("Device.Gone.").is_none());
    }

    #[test]
    fn include_and_exclude_patterns() {
        let sel = Selection {
            include: vec!["Device.Host.".into(), "Device.Summary".into()],
            exclude: vec![
                "Device.Host.*.Stats.".into(),
                "Device.Host.*.Password".into(),
            ],
            ..Selection::default()
        };
        let (d, msgs) = device(&["tr-900-1-1-0.xml"], &sel, &[]);
        let m = d.unwrap_or_else(|| panic!("{msgs:?}")).models.remove(0);
        let host = m.object("Device.Host.{i}.").unwrap();
        assert!(host.params.iter().all(|p| p.name != "Password"));
        assert!(host.params.iter().any(|p| p.name == "Mode"));
        assert!(m.object("Device.Host.{i}.Stats.").is_none());
        assert!(m.object("Device.Time.").is_none());
        assert_eq!(
            m.object("Device.")
                .unwrap()
                .params
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>(),
            ["Summary", "HostNumberOfEntries"]
        );
    }

    #[test]
    fn a_claimed_profile_the_selection_drops_is_an_error() {
        let sel = Selection {
            include: vec!["Device.Summary".into()],
            ..Selection::default()
        };
        let (d, msgs) = device(&["tr-900-1-1-0.xml"], &sel, &["Baseline:2"]);
        assert!(d.is_none());
        assert!(
            msgs.iter()
                .any(|m| m
                    .contains("claims profile `Baseline:2` but drops object `Device.Host.{i}.`")),
            "{msgs:#?}"
        );
        let (d, msgs) = device(&["dt-900.xml"], &Selection::default(), &["Baseline:2"]);
        assert!(d.is_none());
        assert!(
            msgs.iter().any(|m| m.contains(
                "requires `createDelete` access to `Device.Host.{i}.`, but allows `create`"
            )),
            "{msgs:#?}"
        );
        let (d, msgs) = device(
            &["tr-900-1-1-0.xml"],
            &Selection::default(),
            &["Baseline:2"],
        );
        assert!(d.is_some(), "{msgs:?}");
    }

    /// dt-900.xml with `extra` inserted after its imports, written beside a
    /// search path that finds the model it imports.
    fn dt_with(extra: &str, tag: &str) -> (Option<cwmp_model_codegen::ir::Device>, Vec<String>) {
        let text = std::fs::read_to_string(fixture("dt-900.xml")).unwrap();
        let text = text.replacen("  <model ref=", &format!("  {extra}\n  <model ref="), 1);
        let dir =
            std::env::temp_dir().join(format!("cwmp-model-claims-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("dt-900.xml");
        std::fs::write(&path, text).unwrap();
        let settings = Settings {
            search_path: vec![fixture("")],
            ..Settings::default()
        };
        let mut s = Session::new(&settings);
        let doc = s.load(&path).unwrap();
        let d = s.device(&[doc], None, &Selection::default(), &[]);
        let msgs = s.render_diagnostics();
        let _ = std::fs::remove_dir_all(&dir);
        (d, msgs)
    }

    #[test]
    fn a_device_type_claims_profiles_in_a_processing_instruction() {
        let (d, msgs) = dt_with(r#"<?cwmp-model claims="Baseline:1"?>"#, "ok");
        let d = d.unwrap_or_else(|| panic!("{msgs:?}"));
        assert_eq!(d.profiles, ["Baseline:1"]);

        let (d, msgs) = dt_with(r#"<?cwmp-model claims="Baseline:1 Baseline:2"?>"#, "unmet");
        assert!(d.is_none());
        let all = msgs.join("\n");
        assert!(
            all.contains(
                "requires `createDelete` access to `Device.Host.{i}.`, but allows `create`"
            ),
            "{all}"
        );
        assert!(
            all.contains("dt-900.xml:8:3"),
            "the error points at the instruction: {all}"
        );

        let (d, msgs) = dt_with(r#"<?cwmp-model claims="Nope:1"?>"#, "undefined");
        assert!(d.is_none());
        assert!(
            msgs.join("\n")
                .contains("claims profile `Nope:1`, which `Test:1.1` does not define"),
            "{msgs:?}"
        );

        let (d, msgs) = dt_with(r#"<?cwmp-model claim="Baseline:1"?>"#, "unknown");
        assert!(d.is_some_and(|d| d.profiles.is_empty()));
        assert!(
            msgs.join("\n")
                .contains("unknown `cwmp-model` instruction `claim`"),
            "{msgs:?}"
        );
        // Other applications' instructions are none of our business.
        let (d, msgs) = dt_with(r#"<?xml-stylesheet href="dt.css"?>"#, "other");
        assert!(d.is_some_and(|d| d.profiles.is_empty()), "{msgs:?}");
        assert!(msgs.is_empty(), "{msgs:?}");
    }
}
