use cwmp_model_codegen::{Session, Settings};
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let t = Instant::now();
    let mut s = Session::new(&Settings::default());
    let doc = s.load(path.as_ref()).unwrap();
    let t1 = t.elapsed();
    let models = s.models(doc, None);
    let t2 = t.elapsed();
    eprintln!(
        "load {:?} resolve {:?} objects {}",
        t1,
        t2 - t1,
        models[0].objects.len()
    );
}
