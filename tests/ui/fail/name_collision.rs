#[cwmp_model::cwmp_model("../../../../tests/ui/models/collision.xml")]
mod dm {}

fn main() {}
