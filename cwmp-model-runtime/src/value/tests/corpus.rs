//! Every `<pattern value="…">` in the Broadband Forum data models must
//! translate and compile.
//!
//! The corpus is looked for in `$CWMP_BBF_DIR`, then `../shared/bbf` beside
//! the workspace, then `/work/shared/bbf`; without it the test says so and
//! passes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::value::*;

fn corpus_dir() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("CWMP_BBF_DIR").map(PathBuf::from),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/bbf")),
        Some(PathBuf::from("/work/shared/bbf")),
    ];
    candidates.into_iter().flatten().find(|dir| dir.is_dir())
}

#[test]
fn every_bbf_pattern_compiles() {
    let Some(dir) = corpus_dir() else {
        eprintln!("note: BBF corpus not found; pattern corpus test skipped");
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no XML files in {}", dir.display());

    // Pattern text → the first file it was seen in.
    let mut patterns = BTreeMap::new();
    let mut occurrences = 0;
    for path in &files {
        let xml = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for raw in pattern_values(&xml) {
            let value = expand(&raw, &entities(&xml))
                .unwrap_or_else(|e| panic!("{name}: pattern {raw:?}: {e}"));
            occurrences += 1;
            patterns.entry(value).or_insert_with(|| name.clone());
        }
    }
    eprintln!(
        "{} pattern occurrences, {} distinct, in {} files",
        occurrences,
        patterns.len(),
        files.len()
    );
    assert!(occurrences > 100, "suspiciously few patterns found");

    let mut failures = Vec::new();
    for (xsd, file) in &patterns {
        let pattern = Pattern::new(Box::leak(xsd.clone().into_boxed_str()));
        if let Err(e) = pattern.regex() {
            eprintln!("UNTRANSLATABLE ({file}): {e}");
            failures.push(xsd.clone());
        }
    }
    assert!(
        failures.is_empty(),
        "untranslatable BBF patterns: {failures:?}"
    );

    // The entity-built IPv4 pattern of tr-106-types.xml came out whole and
    // works.
    let octet = "(25[0-5]|2[0-4][0-9]|[01]?[0-9]?[0-9])";
    let ipv4 = format!(r"({octet}\.){{3}}{octet}");
    assert!(patterns.contains_key(&ipv4), "IPv4 pattern not found");
    let ipv4 = Pattern::new(Box::leak(ipv4.into_boxed_str()));
    assert!(ipv4.is_match("192.168.1.254").unwrap());
    assert!(!ipv4.is_match("192.168.1.256").unwrap());
}

/// The internal DTD subset's `<!ENTITY name "value">` declarations.
fn entities(xml: &str) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    let mut rest = xml;
    while let Some(at) = rest.find("<!ENTITY") {
        rest = &rest[at + "<!ENTITY".len()..];
        let decl = rest.trim_start();
        let name_len = decl.find(char::is_whitespace).unwrap_or(decl.len());
        let (name, after) = decl.split_at(name_len);
        let after = after.trim_start();
        let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let body = &after[1..];
        if let Some(end) = body.find(quote) {
            found.insert(name.to_owned(), body[..end].to_owned());
        }
    }
    found
}

/// The raw (unexpanded) `value` attribute of every `<pattern>` element
/// outside comments.
fn pattern_values(xml: &str) -> Vec<String> {
    let mut values = Vec::new();
    let mut rest = xml;
    loop {
        let next_tag = rest.find("<pattern");
        let next_comment = rest.find("<!--");
        match (next_tag, next_comment) {
            (Some(tag), Some(comment)) if comment < tag => {
                let end = rest[comment..]
                    .find("-->")
                    .map_or(rest.len(), |e| comment + e + 3);
                rest = &rest[end..];
            }
            (Some(tag), _) => {
                rest = &rest[tag + "<pattern".len()..];
                // `<patternFoo` is another element.
                if !rest.starts_with(|c: char| c.is_whitespace() || c == '/' || c == '>') {
                    continue;
                }
                let (attributes, after) = attributes(rest);
                rest = after;
                if let Some(value) = attributes.get("value") {
                    values.push(value.clone());
                }
            }
            (None, _) => return values,
        }
    }
}

/// The attributes at the start of `tag` (just after the element name), and
/// the text after the tag.
fn attributes(mut tag: &str) -> (BTreeMap<String, String>, &str) {
    let mut found = BTreeMap::new();
    loop {
        tag = tag.trim_start();
        if tag.is_empty() || tag.starts_with('>') || tag.starts_with("/>") {
            return (found, tag);
        }
        let Some(eq) = tag.find('=') else {
            return (found, tag);
        };
        let name = tag[..eq].trim().to_owned();
        let after_eq = tag[eq + 1..].trim_start();
        let Some(quote) = after_eq.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            return (found, after_eq);
        };
        let body = &after_eq[1..];
        let end = body.find(quote).unwrap_or(body.len());
        found.insert(name, body[..end].to_owned());
        tag = body.get(end + 1..).unwrap_or("");
    }
}

/// Replaces entity and character references, as an XML parser would.
fn expand(text: &str, entities: &BTreeMap<String, String>) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.find(';').ok_or("`&` without `;`")?;
        let name = &after[..semi];
        let replacement = match name {
            "lt" => "<".to_owned(),
            "gt" => ">".to_owned(),
            "amp" => "&".to_owned(),
            "quot" => "\"".to_owned(),
            "apos" => "'".to_owned(),
            _ if name.starts_with("#x") => u32::from_str_radix(&name[2..], 16)
                .ok()
                .and_then(char::from_u32)
                .ok_or(format!("bad reference &{name};"))?
                .to_string(),
            _ if name.starts_with('#') => name[1..]
                .parse()
                .ok()
                .and_then(char::from_u32)
                .ok_or(format!("bad reference &{name};"))?
                .to_string(),
            _ => {
                let value = entities
                    .get(name)
                    .ok_or(format!("undeclared entity &{name};"))?;
                expand(value, entities)?
            }
        };
        out.push_str(&replacement);
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[test]
fn helpers_read_xml_like_a_parser() {
    let xml = r#"<!DOCTYPE x [ <!ENTITY dot "\."> <!ENTITY two '&dot;&dot;'> ]>
        <!-- <pattern value="commented"/> -->
        <patterns/><pattern
            value='a&dot;b' />
        <pattern value="&two;&lt;&#65;&#x42;>"><description/></pattern>"#;
    let entities = entities(xml);
    let values: BTreeSet<String> = pattern_values(xml)
        .iter()
        .map(|v| expand(v, &entities).unwrap())
        .collect();
    let expected: BTreeSet<String> = [r"a\.b", r"\.\.<AB>"].map(String::from).into();
    assert_eq!(values, expected);
}
