//! The generated structs agree with the engine on every model: a fresh tree
//! reads as `Default`, and a populated one reads back what was written.

use cwmp_model_corpus_build::{tr104, tr106, tr181};
use cwmp_model_runtime::engine::Tree;
use cwmp_model_runtime::value::Writer;

#[test]
fn fresh_trees_read_as_defaults() {
    let t = Tree::new(&tr106::device::MODEL);
    assert_eq!(
        t.read::<tr106::device::Device>(&[]).unwrap(),
        Default::default()
    );
    let t = Tree::new(&tr104::voice_service::MODEL);
    assert_eq!(
        t.read::<tr104::voice_service::Root>(&[]).unwrap(),
        Default::default()
    );
    let t = Tree::new(&tr181::device::MODEL);
    assert_eq!(
        t.read::<tr181::device::Device>(&[]).unwrap(),
        Default::default()
    );
}

#[test]
fn instances_come_through_the_typed_root() {
    let mut t = Tree::new(&tr181::device::MODEL);
    for _ in 0..3 {
        t.add_object("Device.IP.Interface.", Writer::Acs, None)
            .unwrap();
    }
    t.delete_object("Device.IP.Interface.2.", Writer::Acs, None)
        .unwrap();
    let root: tr181::device::Device = t.read(&[]).unwrap();
    assert_eq!(root.ip.interface.numbers().collect::<Vec<_>>(), [1, 3]);
    assert_eq!(root.ip.interface_number_of_entries, 2);
    let copy = root.clone();
    assert_eq!(copy, root);
}
