//! Interim naming (replaced by the full naming module).
/// snake case
pub fn field_name(bbf: &str) -> String {
    heck::ToSnakeCase::to_snake_case(bbf)
}
/// camel case
pub fn type_name(bbf: &str) -> String {
    heck::ToUpperCamelCase::to_upper_camel_case(bbf)
}
