#[cwmp_model::cwmp_model("../../../../models/no-such-device.xml")]
mod dm {}

fn main() {}
