//! Plays the RDK gateway story of `device.rs` and prints every SOAP
//! envelope exchanged with the ACS, scene by scene.
//!
//! `cargo run --example rdk-gateway`

// The integration test reads parts of the run that this printout does not.
#[allow(dead_code)]
mod device;

fn main() {
    let run = device::run();
    for (n, scene) in run.scenes.iter().enumerate() {
        println!("=== {}. {}", n + 1, scene.title);
        print_notes(&scene.before);
        for message in &run.acs.transcript()[scene.messages.clone()] {
            print!("{message}");
        }
        print_notes(&scene.after);
        println!();
    }
}

/// Notes indented, to stand apart from the envelopes.
fn print_notes(notes: &[String]) {
    for note in notes {
        println!("    {}", note.trim_end().replace('\n', "\n    "));
    }
}
