//! One self-contained HTML page: inline CSS and script, no network fetch; a
//! collapsible tree of the objects, a filter box, an anchor per path, and a print
//! style that drops the navigation and shows every row.

use super::facets::DefaultCell;
use super::markup::emit::escape_html;
use super::markup::Rendered;
use super::md::LEGEND;
use super::{Doc, Row, Section};
use std::fmt::Write;

const STYLE: &str = r#"
:root { --line: #d0d7de; --muted: #57606a; --accent: #0b5cad; --vendor: #8a4b00; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; display: flex; }
code { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: break-word; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
nav { flex: none; width: 300px; height: 100vh; position: sticky; top: 0; overflow: auto; border-right: 1px solid var(--line); padding: 8px 6px 24px; background: #f6f8fa; font-size: 13px; }
nav h2 { font-size: 13px; margin: 4px 6px 8px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
nav ul { list-style: none; margin: 0; padding-left: 14px; }
nav > ul { padding-left: 2px; }
nav li { margin: 1px 0; white-space: nowrap; }
nav summary { cursor: pointer; }
nav li.leaf { padding-left: 14px; }
main { flex: 1; min-width: 0; padding: 0 24px 48px; }
header { position: sticky; top: 0; z-index: 2; background: #fff; padding: 12px 0 10px; border-bottom: 1px solid var(--line); }
header h1 { font-size: 20px; margin: 0 0 8px; }
#filter { width: min(560px, 100%); padding: 6px 10px; font-size: 14px; border: 1px solid var(--line); border-radius: 6px; }
#count { margin-left: 10px; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 4px; }
th, td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #f6f8fa; font-weight: 600; }
td p { margin: 0 0 6px; }
td p:last-child { margin-bottom: 0; }
td ul, td ol, .desc ul, .desc ol { margin: 2px 0 6px; padding-left: 20px; }
table.params { table-layout: fixed; }
table.params th:nth-child(1) { width: 16%; }
table.params th:nth-child(2) { width: 7%; }
table.params th:nth-child(3) { width: 15%; }
table.params th:nth-child(4) { width: 8%; }
table.params th:nth-child(5) { width: 11%; }
table.params th:nth-child(6) { width: 7%; }
table.params td { overflow-wrap: break-word; }
#summary details { margin: 10px 0 14px; }
#summary td code { white-space: nowrap; }
section.obj { margin-top: 22px; scroll-margin-top: 90px; }
tr { scroll-margin-top: 90px; }
section.obj h2 { font-size: 16px; margin: 0 0 4px; }
section.obj h2 code { font-size: 15px; font-weight: 600; }
.facts { color: var(--muted); margin: 0 0 6px; }
.mark { display: inline-block; font-size: 11px; padding: 0 5px; border-radius: 8px; border: 1px solid currentColor; margin: 2px 4px 0 0; }
.mark.vendor { color: var(--vendor); }
.mark.status { color: #a40e26; }
tr.vendor td.name { border-left: 3px solid var(--vendor); }
:target { background: #fff8c5; }
#summary table { width: auto; }
@media print {
  nav, #filter, #count { display: none !important; }
  body { display: block; }
  main { padding: 0; }
  header { position: static; }
  [hidden] { display: revert !important; }
  section.obj { break-inside: auto; }
  section.obj h2 { break-after: avoid; }
  tr { break-inside: avoid; }
  a { color: inherit; }
  :target { background: none; }
}
"#;

const SCRIPT: &str = r#"
(function () {
  var box = document.getElementById('filter');
  var count = document.getElementById('count');
  var sections = Array.prototype.slice.call(document.querySelectorAll('section.obj'));
  var index = null;
  function prepare() {
    index = sections.map(function (s) {
      var head = s.querySelector('.objhead');
      return {
        s: s,
        head: head ? head.textContent.toLowerCase() : '',
        rows: Array.prototype.map.call(s.querySelectorAll('tbody tr'), function (tr) {
          return [tr, tr.textContent.toLowerCase()];
        })
      };
    });
  }
  function apply() {
    if (!index) prepare();
    var q = box.value.trim().toLowerCase();
    var n = 0;
    index.forEach(function (e) {
      var headHit = !q || e.head.indexOf(q) >= 0;
      var any = false;
      e.rows.forEach(function (r) {
        var hit = headHit || r[1].indexOf(q) >= 0;
        r[0].hidden = !hit;
        if (hit) { any = true; n++; }
      });
      e.s.hidden = !(headHit || any);
      if (q && headHit) n++;
    });
    count.textContent = q ? n + ' matching' : '';
  }
  var timer = null;
  box.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 120);
  });
  // `page.html?filter=text` opens the page filtered.
  var given = /[?&]filter=([^&]*)/.exec(location.search);
  if (given) {
    box.value = decodeURIComponent(given[1].replace(/\+/g, ' '));
    apply();
  }
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) { d.open = true; });
  });
})();
"#;

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_html(s, &mut out);
    out
}

fn code(s: &str) -> String {
    format!("<code>{}</code>", esc(s))
}

/// A message with `backtick` spans set as code.
fn ticks(s: &str) -> String {
    s.split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { code(part) } else { esc(part) })
        .collect()
}

fn summary(doc: &Doc, out: &mut String) {
    out.push_str("<section id=\"summary\"><h2>Summary</h2><table>");
    let _ = write!(
        out,
        "<tr><th>Device</th><td>{}</td></tr>",
        code(&doc.device)
    );
    let models: Vec<String> = doc
        .models
        .iter()
        .map(|m| match (m.service, m.mount.is_empty()) {
            (true, false) => format!("{} (service, at {})", code(&m.name), code(&m.mount)),
            (true, true) => format!("{} (service)", code(&m.name)),
            (false, _) => format!("{} (root)", code(&m.name)),
        })
        .collect();
    let _ = write!(
        out,
        "<tr><th>Models</th><td>{}</td></tr>",
        models.join(", ")
    );
    let _ = write!(
        out,
        "<tr><th>Objects</th><td>{} ({} vendor extensions)</td></tr>",
        doc.objects, doc.vendor_objects
    );
    let _ = write!(
        out,
        "<tr><th>Parameters</th><td>{} ({} vendor extensions)</td></tr>",
        doc.params, doc.vendor_params
    );
    let claimed = if doc.claimed.is_empty() {
        "none".to_string()
    } else {
        doc.claimed
            .iter()
            .map(|c| code(c))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = write!(out, "<tr><th>Profiles claimed</th><td>{claimed}</td></tr>");
    for c in doc.undefined_claims() {
        let _ = write!(
            out,
            "<tr><th>Undefined claim</th><td>{} is defined by no model</td></tr>",
            code(c)
        );
    }
    out.push_str("</table>");
    if !doc.profiles.is_empty() {
        let satisfied = doc
            .profiles
            .iter()
            .filter(|p| p.problems.is_empty())
            .count();
        let _ = write!(
            out,
            "<details{}><summary>Profiles: {satisfied} of the {} the models define are satisfied</summary>\
             <table><thead><tr><th>Model</th><th>Profile</th><th>Claimed</th><th>Satisfied</th></tr></thead><tbody>",
            if doc.profiles.len() <= 10 { " open" } else { "" },
            doc.profiles.len()
        );
        for p in &doc.profiles {
            let ok = match p.problems.as_slice() {
                [] => "yes".to_string(),
                [one] => format!("no: {}", ticks(one)),
                [first, more @ ..] => format!("no: {} (and {} more)", ticks(first), more.len()),
            };
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{ok}</td></tr>",
                code(&p.model),
                code(&p.name),
                if p.claimed { "yes" } else { "" }
            );
        }
        out.push_str("</tbody></table></details>");
    }
    out.push_str("</section>\n");
}

/// Children of each section in the object tree, by path prefix (robust to any
/// order of objects in the model).
fn tree(doc: &Doc) -> (Vec<usize>, Vec<Vec<usize>>) {
    let by_path: std::collections::HashMap<&str, usize> = doc
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.path.as_str(), i))
        .collect();
    let mut roots = Vec::new();
    let mut children = vec![Vec::new(); doc.sections.len()];
    for (i, s) in doc.sections.iter().enumerate() {
        let mut p = super::markup::up_path(&s.path);
        let parent = loop {
            if p.is_empty() {
                break None;
            }
            if let Some(&j) = by_path.get(p.as_str()) {
                break Some(j);
            }
            p = super::markup::up_path(&p);
        };
        match parent {
            Some(j) if j != i => children[j].push(i),
            _ => roots.push(i),
        }
    }
    (roots, children)
}

fn nav_item(
    doc: &Doc,
    children: &[Vec<usize>],
    i: usize,
    parent: &str,
    depth: usize,
    out: &mut String,
) {
    let s = &doc.sections[i];
    let label = s.path.strip_prefix(parent).unwrap_or(&s.path);
    let label = if label.is_empty() {
        "(top level)"
    } else {
        label
    };
    let link = format!("<a href=\"#{}\">{}</a>", esc(&s.anchor), esc(label));
    if children[i].is_empty() {
        let _ = write!(out, "<li class=\"leaf\">{link}</li>");
        return;
    }
    let _ = write!(
        out,
        "<li><details{}><summary>{link}</summary><ul>",
        if depth < 1 { " open" } else { "" }
    );
    for &c in &children[i] {
        nav_item(doc, children, c, &s.path, depth + 1, out);
    }
    out.push_str("</ul></details></li>");
}

fn desc(r: &Rendered) -> String {
    r.html()
}

fn marks(r: &Row) -> String {
    let mut s = String::new();
    if let Some(st) = r.status {
        let _ = write!(
            s,
            "<span class=\"mark status\">{}</span>",
            st.to_ascii_uppercase()
        );
    }
    if let Some(v) = &r.vendor {
        let _ = write!(s, "<span class=\"mark vendor\">vendor: {}</span>", esc(v));
    }
    s
}

fn type_cell(r: &Row) -> String {
    let mut parts = vec![code(&r.type_text)];
    if !r.enumerations.is_empty() {
        let v: Vec<String> = r.enumerations.iter().map(|e| code(e)).collect();
        parts.push(format!("values: {}", v.join(", ")));
    }
    if !r.patterns.is_empty() {
        let v: Vec<String> = r.patterns.iter().map(|p| code(p)).collect();
        parts.push(format!("pattern: {}", v.join(", ")));
    }
    if let Some(u) = &r.units {
        parts.push(format!("units: {}", esc(u)));
    }
    parts.extend(r.notes.iter().map(|n| esc(n)));
    parts.join("<br>")
}

fn default_cell(r: &Row) -> String {
    match &r.default {
        DefaultCell::None => String::new(),
        DefaultCell::Hidden => "<em>hidden</em>".into(),
        DefaultCell::Secured => "<em>secured</em>".into(),
        DefaultCell::Value { value, note } => {
            let v = if value.is_empty() {
                "<em>empty string</em>".to_string()
            } else {
                code(value)
            };
            match note {
                Some(n) => format!("{v} ({n})"),
                None => v,
            }
        }
    }
}

fn section(s: &Section, out: &mut String) {
    let _ = write!(
        out,
        "<section class=\"obj\" id=\"{}\"><div class=\"objhead\">",
        esc(&s.anchor)
    );
    let title = if s.path.is_empty() {
        "Top-level parameters".to_string()
    } else {
        code(&s.path)
    };
    let _ = write!(out, "<h2><a href=\"#{}\">{title}</a></h2>", esc(&s.anchor));
    if let Some(o) = &s.object {
        let mut facts = vec![
            format!("Access: {}", o.access),
            esc(&o.type_text),
            format!("version {}", o.version),
        ];
        facts.extend(o.notes.iter().map(|n| esc(n)));
        let _ = write!(
            out,
            "<p class=\"facts\">{}{}</p>",
            marks(o),
            facts.join(" · ")
        );
        if !o.description.is_empty() {
            let _ = write!(out, "<div class=\"desc\">{}</div>", desc(&o.description));
        }
    }
    out.push_str("</div>");
    if !s.params.is_empty() {
        out.push_str(
            "<table class=\"params\"><thead><tr><th>Parameter</th><th>Access</th><th>Type</th>\
             <th>Default</th><th>Notification</th><th>Version</th><th>Description</th></tr></thead><tbody>",
        );
        for r in &s.params {
            let _ = writeln!(
                out,
                "<tr id=\"{}\"{}><td class=\"name\"><a href=\"#{}\">{}</a>{}</td><td>{}</td><td class=\"type\">{}</td><td>{}</td><td class=\"notify\">{}</td><td>{}</td><td class=\"desc\">{}</td></tr>",
                esc(&r.anchor),
                if r.vendor.is_some() { " class=\"vendor\"" } else { "" },
                esc(&r.anchor),
                code(&r.name),
                if r.status.is_some() || r.vendor.is_some() {
                    format!("<br>{}", marks(r))
                } else {
                    String::new()
                },
                r.access,
                type_cell(r),
                default_cell(r),
                esc(&r.notification),
                esc(&r.version),
                desc(&r.description),
            );
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</section>\n");
}

pub(crate) fn write(doc: &Doc) -> String {
    let mut out = String::with_capacity(1500 * (doc.objects + doc.params + 1));
    let title = format!("Supported TR-069 data model: {}", doc.device);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<!-- @generated by `cwmp-model docs`; edit the model files, not this file. -->\n\
         <html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"generator\" content=\"cwmp-model\"><title>{}</title><style>{STYLE}</style></head>\n<body>\n",
        esc(&title)
    );
    let (roots, children) = tree(doc);
    out.push_str("<nav aria-label=\"Objects\"><h2>Objects</h2><ul>");
    for r in roots {
        nav_item(doc, &children, r, "", 0, &mut out);
    }
    out.push_str("</ul></nav>\n<main><header>");
    let _ = write!(out, "<h1>{}</h1>", esc(&title));
    out.push_str(
        "<input id=\"filter\" type=\"search\" placeholder=\"Filter by path or text\" aria-label=\"Filter by path or text\" autocomplete=\"off\"><span id=\"count\"></span></header>\n",
    );
    summary(doc, &mut out);
    out.push_str("<p class=\"facts\">");
    let legend = esc(LEGEND).replace("{i}", "<code>{i}</code>");
    out.push_str(&legend.replace('`', ""));
    out.push_str("</p>\n");
    for s in &doc.sections {
        section(s, &mut out);
    }
    let _ = write!(out, "</main>\n<script>{SCRIPT}</script>\n</body></html>\n");
    out
}
