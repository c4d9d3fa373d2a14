//! CSV for ACS import: a header row, then one record per object and parameter,
//! quoted as RFC 4180 says (fields with `,`, `"`, CR or LF in double quotes, quotes
//! doubled, CRLF between records).

use super::{Doc, Kind, Row};

/// The header row.
pub(crate) const HEADER: [&str; 15] = [
    "Path",
    "Kind",
    "Access",
    "Type",
    "Enumeration",
    "Pattern",
    "Units",
    "Default",
    "Notification",
    "Version",
    "Status",
    "Vendor",
    "Model",
    "Notes",
    "Description",
];

fn field(s: &str, out: &mut String) {
    if s.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

fn record<S: AsRef<str>>(fields: &[S], out: &mut String) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(f.as_ref(), out);
    }
    out.push_str("\r\n");
}

fn row(r: &Row) -> [String; 15] {
    [
        r.path.clone(),
        match r.kind {
            Kind::Object => "object".into(),
            Kind::Parameter => "parameter".into(),
        },
        r.access.into(),
        r.type_text.clone(),
        r.enumerations.join(", "),
        r.patterns.join(" | "),
        r.units.clone().unwrap_or_default(),
        r.default.plain(),
        r.notification.clone(),
        r.version.clone(),
        r.status.unwrap_or_default().into(),
        r.vendor.clone().unwrap_or_default(),
        r.model.clone(),
        r.notes.join("; "),
        r.description.text(),
    ]
}

pub(crate) fn write(doc: &Doc) -> String {
    let mut out = String::with_capacity(256 * (doc.objects + doc.params + 1));
    record(&HEADER, &mut out);
    for r in doc.rows() {
        record(&row(r), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        let mut out = String::new();
        record(&["a", "b,c", "say \"hi\"", "two\nlines", ""], &mut out);
        assert_eq!(out, "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
    }
}
