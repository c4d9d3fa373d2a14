//! The BBF markup renderer: one case per template the BBF corpus uses (and the
//! text conventions), rendered in the context of an item of the docs fixture
//! model; and odd input that must neither panic nor leave `{{` behind.

use cwmp_model_codegen::docs::markup::{self, Context, Definitions, ModelIndex};
use cwmp_model_codegen::ir::Device;
use cwmp_model_codegen::select::Selection;
use cwmp_model_codegen::{Session, Settings};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Every template name used in `../shared/bbf` (`grep -ho '{{[a-zA-Z]*'`), most used first.
const CORPUS_TEMPLATES: &[&str] = &[
    "param",
    "bibref",
    "enum",
    "object",
    "units",
    "true",
    "false",
    "empty",
    "numentries",
    "list",
    "datatype",
    "reference",
    "deprecated",
    "template",
    "pattern",
    "obsoleted",
    "deleted",
    "null",
    "noreference",
    "keys",
    "templ",
    "hidden",
    "nolist",
    "command",
    "docname",
    "appdate",
    "trname",
    "xmlref",
    "nokeys",
    "section",
    "event",
    "maxval",
    "range",
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/docs")
        .join(name)
}

struct Fixture {
    device: Device,
    definitions: Definitions,
}

fn fixture_device() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let mut s = Session::new(&Settings::default());
        let docs: Vec<_> = ["tr-950-1-0-0.xml", "tr-951-1-0-0.xml"]
            .iter()
            .map(|f| s.load(&fixture(f)).expect("fixture loads"))
            .collect();
        let device = s
            .device(&docs, None, &Selection::default(), &[])
            .unwrap_or_else(|| panic!("{}", s.render_diagnostics().join("\n")));
        Fixture {
            definitions: Definitions::from_sources(s.sources()),
            device,
        }
    })
}

fn link(p: &str) -> Option<String> {
    Some(format!("#{}", p.replace("{i}", "i")))
}

/// Renders markup as the description of the item at `path` (an object path ends
/// in `.`; service model paths as the model writes them).
fn render(markup: &str, path: &str) -> String {
    let f = fixture_device();
    let linker: &markup::Linker<'_> = &link;
    for m in &f.device.models {
        let index = ModelIndex::new(m);
        let ctx = Context::new(m)
            .with_index(&index)
            .with_definitions(&f.definitions)
            .with_linker(linker)
            .with_mount(if m.is_service { "Device.Services." } else { "" });
        for o in &m.objects {
            if o.path == path {
                return markup::to_markdown(markup, &ctx.for_object(o));
            }
            for p in &o.params {
                if format!("{}{}", o.path, p.name) == path {
                    return markup::to_markdown(markup, &ctx.for_parameter(o, p));
                }
            }
        }
    }
    panic!("no item {path} in the fixture")
}

const HOST: &str = "Device.Host.{i}.";
const PORT: &str = "Device.Host.{i}.Port";

/// (template, markup, item, expected Markdown)
const CASES: &[(&str, &str, &str, &str)] = &[
    ("param", "{{param|Enable}}", PORT, "[`Enable`](#Device.Host.i.Enable)"),
    ("param", "{{param}}", PORT, "`Port`"),
    ("param", "{{param|#.HostNumberOfEntries}}", PORT, "[`Device.HostNumberOfEntries`](#Device.HostNumberOfEntries)"),
    ("param", "{{param|.Info.UpTime}}", PORT, "[`Device.Info.UpTime`](#Device.Info.UpTime)"),
    ("param", "{{param|Device.Info.UpTime|nolink}}", PORT, "`Device.Info.UpTime`"),
    ("param", "{{param|Gone|deleted}}", PORT, "[`Gone`](#Device.Host.i.Gone)"),
    ("param", "{{param||Enable}}", HOST, "[`Enable`](#Device.Host.i.Enable)"),
    ("object", "{{object}}", PORT, "[`Device.Host.{i}.`](#Device.Host.i.)"),
    ("object", "{{object}}", HOST, "`Device.Host.{i}.`"),
    ("object", "{{object|#.Info}}", PORT, "[`Device.Info.`](#Device.Info.)"),
    ("object", "{{object|Host}}", "Device.HostNumberOfEntries", "[`Device.Host.{i}.`](#Device.Host.i.)"),
    ("object", "{{object|.Capabilities}}", "FixService.{i}.Level", "[`Device.Services.FixService.{i}.Capabilities.`](#Device.Services.FixService.i.Capabilities.)"),
    ("object", "{{object|Device.|absolute}}", PORT, "[`Device.`](#Device.)"),
    ("enum", "{{enum|Auto}}", "Device.Host.{i}.Mode", "\"Auto\""),
    ("enum", "{{enum|Fast|#.X_EXAMPLE-COM_Mode}}", "Device.Host.{i}.Mode", "[\"Fast\"](#Device.X_EXAMPLE-COM_Mode)"),
    ("enum", "{{enum|CM_UNDEFINED||Mode}}", PORT, "[\"CM\\_UNDEFINED\"](#Device.Host.i.Mode)"),
    ("enum", "{{enum}}", "Device.Host.{i}.Mode", "Enumeration of:\n\n- `Auto`\n- `Manual` (read-only)\n- `Legacy` (DEPRECATED): This value was DEPRECATED in 1.0 because \"Manual\" does the same."),
    ("bibref", "{{bibref|TR-106}}", PORT, "\\[TR-106\\]"),
    ("bibref", "See {{bibref|TR-106|Section 3}}.", PORT, "See \\[TR-106\\] Section 3."),
    ("units", "in {{units}}", "Device.Info.UpTime", "in seconds"),
    ("units", "[{{units}}]", PORT, "\\[\\]"),
    ("true", "{{true}}", PORT, "`true`"),
    ("false", "{{false}}", PORT, "`false`"),
    ("empty", "{{empty}}", PORT, "an empty string"),
    ("numentries", "{{numentries}}", "Device.HostNumberOfEntries", "The number of entries in the [`Device.Host.{i}.`](#Device.Host.i.) table."),
    ("numentries", "{{numentries}}", "FixServiceNumberOfEntries", "The number of entries in the [`Device.Services.FixService.{i}.`](#Device.Services.FixService.i.) table."),
    ("list", "{{list}}", "Device.Host.{i}.Servers", "Comma-separated list (up to 4 items, maximum length 1024) of strings (maximum length 256 each)."),
    ("list", "{{list|each a name}}", "FixService.{i}.Capabilities.Codecs", "Comma-separated list of strings (maximum length 32 each), each a name."),
    ("datatype", "{{datatype}}", "Device.Host.{i}.Address", "\\[IPAddress\\]"),
    ("datatype", "{{datatype|expand}}", "Device.Host.{i}.Address", "\\[IPAddress\\] An IPv4 or IPv6 address in its textual form (\\[RFC4291\\] Section 2.2)."),
    ("datatype", "x{{datatype}}", PORT, "x"),
    ("reference", "{{reference}}", "Device.Host.{i}.Peer", "The value MUST be the Path Name of a row in the [`Device.Host.{i}.`](#Device.Host.i.) table. If the referenced object is deleted, the parameter value MUST be set to an empty string."),
    ("reference", "{{reference|a host}}", "Device.Host.{i}.Peer", "The value MUST be the Path Name of a host. If the referenced object is deleted, the parameter value MUST be set to an empty string."),
    ("reference", "{{reference||delete}}", "Device.Host.{i}.Peer", "The value MUST be the Path Name of a row in the [`Device.Host.{i}.`](#Device.Host.i.) table. If the referenced object is deleted, this object MUST also be deleted."),
    ("reference", "{{reference|a {{object|#.Info}}}}", PORT, "The value MUST be the Path Name of a [`Device.Info.`](#Device.Info.)."),
    ("deprecated", "{{deprecated|2.11|because it is old}}", PORT, "This parameter was DEPRECATED in 2.11 because it is old."),
    ("deprecated", "{{deprecated|2.11}}", HOST, "This object was DEPRECATED in 2.11."),
    ("template", "{{template|FIX-NOTE}}", PORT, "Changing this value takes effect after the next [`Device.Info.UpTime`](#Device.Info.UpTime) reset."),
    ("template", "{{template|UNDEFINED}}", PORT, "`UNDEFINED`"),
    ("pattern", "{{pattern}}", "Device.Info.ManufacturerOUI", "Possible patterns:\n\n- `[0-9A-F]{6}`: Six upper-case hex digits."),
    ("pattern", "{{pattern|Null}}", PORT, "\"Null\""),
    ("obsoleted", "{{obsoleted|2.14-2.17}}", PORT, "This parameter was OBSOLETED in 2.14-2.17."),
    ("deleted", "{{deleted|2.12|because it doesn't apply}}", PORT, "This parameter was DELETED in 2.12 because it doesn't apply."),
    ("null", "{{null}}", "Device.Host.{i}.Bytes", "`0`"),
    ("null", "{{null}}", "Device.Host.{i}.Name", "an empty string"),
    ("null", "{{null}}", "Device.Host.{i}.Enable", "`false`"),
    ("noreference", "A.{{noreference}}", PORT, "A."),
    ("keys", "{{keys}}", HOST, "At most one entry in this table (regardless of whether or not it is enabled) can exist with a given value for [`Alias`](#Device.Host.i.Alias). At most one enabled entry in this table can exist with the same values for all of [`Name`](#Device.Host.i.Name) and [`Address`](#Device.Host.i.Address)."),
    ("templ", "{{templ|FIX-NOTE}}", PORT, "Changing this value takes effect after the next [`Device.Info.UpTime`](#Device.Info.UpTime) reset."),
    ("hidden", "{{hidden}}", "Device.Host.{i}.Password", "When read, this parameter returns an empty string, regardless of the actual value."),
    ("hidden", "{{hidden|{{null}}}}", "Device.Host.{i}.Bytes", "When read, this parameter returns `0`, regardless of the actual value."),
    ("nolist", "{{nolist}}B", PORT, "B"),
    ("command", "{{command}}", "Device.Host.{i}.Name", "The value is not part of the device configuration and is always an empty string when read."),
    ("command", "{{command|.Reboot()|model}}", PORT, "`Device.Reboot()`"),
    ("docname", "{{docname|Device Data Model for TR-069}}", PORT, "*Device Data Model for TR-069*"),
    ("appdate", "{{appdate|September 2019}}", PORT, "September 2019"),
    ("trname", "{{trname|TR-181i2a14}}", PORT, "TR-181i2a14"),
    ("xmlref", "{{xmlref|tr-104-2-0-1-cwmp|Corrigendum 1}}", PORT, "Corrigendum 1 (tr-104-2-0-1-cwmp)"),
    ("xmlref", "{{xmlref|tr-104-2-0-1-cwmp}}", PORT, "`tr-104-2-0-1-cwmp`"),
    ("nokeys", "{{nokeys}}", HOST, ""),
    ("section", "{{section|table}}Table text.\n\n{{section|row}}Row text.", HOST, "Table text.\n\nRow text."),
    ("section", "A {{section|row}}B", HOST, "A\n\nB"),
    ("event", "{{event|.LocalAgent.TransferComplete!}}", PORT, "`Device.LocalAgent.TransferComplete!`"),
    ("maxval", "{{maxval}}", PORT, "`65535`"),
    ("maxval", "{{maxval}}", "Device.Host.{i}.Bytes", "`18446744073709551615`"),
    ("range", "{{range}}", PORT, "1 to 65535"),
    ("range", "{{range}}", "FixService.{i}.Level", "-10 to 10"),
    // Templates outside the corpus, and the generic rule.
    ("profile", "{{profile|Baseline:1}}", PORT, "`Baseline:1`"),
    ("issue", "A{{issue|TBD}}", PORT, "A"),
    ("(unknown)", "{{frobnicate|one|two}}", PORT, "one, two"),
    ("(unknown)", "{{frobnicate}}", PORT, "frobnicate"),
    // Text conventions.
    ("(italic)", "''a'' b", PORT, "*a* b"),
    ("(bold)", "'''a''' b", PORT, "**a** b"),
    ("(bold italic)", "'''''a''''' b", PORT, "***a*** b"),
    ("(list)", "Intro:\n* one\n** two\n# three", PORT, "Intro:\n\n- one\n  - two\n1. three"),
    ("(paragraphs)", "One\nline.\n\nTwo.", PORT, "One line.\n\nTwo."),
    ("(escaping)", "a*b <c> [d] `e` | f_g", PORT, "a\\*b \\<c\\> \\[d\\] \\`e\\` \\| f\\_g"),
];

#[test]
fn every_corpus_template_has_a_case() {
    for name in CORPUS_TEMPLATES {
        assert!(
            CASES.iter().any(|c| c.0 == *name),
            "no test case for {{{{{name}}}}}"
        );
        assert!(
            markup::KNOWN_TEMPLATES.contains(name),
            "{{{{{name}}}}} is not a known template"
        );
    }
}

#[test]
fn templates_render_as_the_bbf_tools_describe() {
    let mut failures = Vec::new();
    for (name, input, item, expected) in CASES {
        let got = render(input, item);
        if got != *expected {
            failures.push(format!(
                "{{{{{name}}}}}: {input:?} at {item}\n    expected {expected:?}\n    got      {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn html_and_text_renderings() {
    let f = fixture_device();
    let m = &f.device.models[0];
    let o = m.object("Device.Host.{i}.").unwrap();
    let p = o.params.iter().find(|p| p.name == "Mode").unwrap();
    let ctx = Context::new(m).for_parameter(o, p);
    let src = "Use ''{{enum|Auto}}'' & {{param|Enable}} <b>.\n\n* x\n** y";
    assert_eq!(
        markup::to_html(src, &ctx),
        "<p>Use <em>&quot;Auto&quot;</em> &amp; <code>Enable</code> &lt;b&gt;.</p><ul><li>x<ul><li>y</li></ul></li></ul>"
    );
    assert_eq!(
        markup::to_text(src, &ctx),
        "Use \"Auto\" & Enable <b>.\n\n* x\n  * y"
    );
    assert_eq!(
        markup::render(src, &ctx).markdown_cell(),
        "Use *\"Auto\"* \\& `Enable` \\<b\\>.<br>• x<br>&nbsp;&nbsp;• y"
    );
}

/// Inputs a careless or hostile file might hold.
const ODD: &[&str] = &[
    "{{",
    "}}",
    "{{}}",
    "{{|}}",
    "{{{{}}}}",
    "{{param|{{param}}}}",
    "{{param|{{template|IP-DIAGNOSTICS-PARENT}}X}}",
    "{{bibref|TR-106",
    "unbalanced {{param|A}} then {{object|",
    "{{enum|{{enum|{{enum}}}}}}",
    "{{object|A.{i}}}.",
    "{i}}}{{{i}",
    "''''''''",
    "'''bold ''both''' italic''",
    "* \n**\n#\n## \n",
    "\n\n\n",
    "{{list|}}{{reference|}}{{keys}}{{numentries}}{{units}}{{datatype|expand}}",
    "{{deprecated}}{{obsoleted|}}{{deleted|||}}",
    "{{hidden|{{hidden|{{hidden}}}}}}",
    "{{template|FIX-NOTE}}{{templ|}}{{template}}",
    "{{param|########.X}}{{object|.}}{{object|#}}{{param|.}}",
    "é{{param|ü}}ß{{enum|ä|ö}}",
];

fn all_contexts(check: &mut dyn FnMut(&str, &Context<'_>)) {
    let f = fixture_device();
    for m in &f.device.models {
        let ctx = Context::new(m).with_definitions(&f.definitions);
        check("model", &ctx);
        for o in &m.objects {
            check(&o.path, &ctx.for_object(o));
            for p in &o.params {
                check(&p.name, &ctx.for_parameter(o, p));
            }
        }
    }
}

#[test]
fn odd_descriptions_neither_panic_nor_leave_braces_from_templates() {
    all_contexts(&mut |item, ctx| {
        for src in ODD {
            let md = markup::to_markdown(src, ctx);
            let html = markup::to_html(src, ctx);
            let text = markup::to_text(src, ctx);
            // Balanced templates never survive; braces that were never a template may.
            let balanced = !src.contains("{{bibref|TR-106")
                && !src.contains("{{object|\"")
                && !src.ends_with("{{object|")
                && *src != "{{"
                && !src.starts_with("{i}}}");
            if balanced {
                for out in [&md, &html, &text] {
                    assert!(!out.contains("{{"), "{src:?} at {item} gave {out:?}");
                }
            }
        }
    });
}

#[test]
fn deep_and_random_input_does_not_panic() {
    let deep = format!("{}x{}", "{{param|".repeat(5000), "}}".repeat(5000));
    let recursive = "{{template|SELF}}";
    let mut defs = Definitions::new();
    defs.insert_template("SELF", "again {{template|SELF}}");
    let f = fixture_device();
    let m = &f.device.models[0];
    let ctx = Context::new(m).with_definitions(&defs);
    assert!(!markup::to_markdown(&deep, &ctx).is_empty());
    let out = markup::to_markdown(recursive, &ctx);
    assert!(out.starts_with("again again"), "{out}");
    assert!(!out.contains("{{"));
    // A small deterministic generator over the characters that matter.
    let alphabet: Vec<char> = "{}|#*'.\n abX".chars().collect();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    all_contexts(&mut |_, ctx| {
        for _ in 0..40 {
            let mut s = String::new();
            for _ in 0..64 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                s.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            let _ = markup::to_markdown(&s, ctx);
            let _ = markup::to_html(&s, ctx);
            let _ = markup::to_text(&s, ctx);
        }
    });
}

#[test]
fn template_names_are_listed_in_order() {
    assert_eq!(
        markup::template_names("{{param|{{template|X}}A}} {{enum}} {{param}}"),
        vec!["param", "template", "enum"]
    );
}
