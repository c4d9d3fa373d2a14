//! An Aastra 6737i (6700i series) managed by a scripted ACS: every SOAP
//! envelope of the story in `device.rs`, session by session.
//!
//! Run with `cargo run --example aastra-6700i`.

// The test (`tests/device_aastra_6700i.rs`) reads what this printout does
// not.
#[allow(dead_code)]
mod device;

fn main() {
    let run = device::run();
    for (i, scene) in run.scenes.iter().enumerate() {
        println!("=== Session {}: {} ===", i + 1, scene.about);
        println!("(phone clock {})", scene.opened_at);
        for message in &scene.messages {
            print!("{message}");
        }
        println!();
    }
    println!(
        "=== The end: firmware {}, {} boots, {} sessions ===",
        run.phone.firmware,
        run.phone.boots,
        run.acs.sessions()
    );
}
