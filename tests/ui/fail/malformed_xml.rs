#[cwmp_model::cwmp_model("../../../../tests/ui/models/malformed.xml")]
mod dm {}

fn main() {}
