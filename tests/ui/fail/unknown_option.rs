#[cwmp_model::cwmp_model("../../../../models/tr-106-device-1.xml", profile = ["Baseline:1"])]
mod dm {}

fn main() {}
