#[cwmp_model::cwmp_model(
    "../../../../models/tr-106-device-1.xml",
    search = ["../../../../models"],
    model = "Device:9.9"
)]
mod dm {}

fn main() {}
