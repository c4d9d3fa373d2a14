//! `#[cwmp_model]` as a user meets it: modules that compile (and pass
//! `#![deny(missing_docs)]`), and model errors reported at the attribute
//! with the XML file:line:col.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/fail/*.rs");
}
