//! Reading one parameter without allocating: [`Tree::read_wire`] finds the
//! parameter a full path names and appends its wire text to a buffer the
//! caller reuses, for GetParameterValues writers that copy the text into
//! their output anyway (the tree work of a read is then the lookup alone).
//!
//! The lookup is the one of `lookup.rs`: one probe of the path index for
//! the object instance, one scan or probe for the parameter's name,
//! nothing built.

use std::fmt::Write as _;

use crate::meta::{ParamDesc, ParamIx};
use crate::value::BoolStyle;

use super::node::{Node, NodeId};
use super::slot::Slot;
use super::walk::itoa;
use super::{Fault, Tree};

impl Tree {
    /// Appends to `out` the wire text of the parameter the full path `path`
    /// names, as the ACS may read it (hidden, secured and command
    /// parameters read as their type's null value, as in [`Tree::values`]),
    /// with booleans in `bools`, and returns the parameter (for its
    /// `xsi:type`). Allocates nothing for strings, integers and booleans
    /// once `out` has room.
    ///
    /// Same text as [`Value::to_wire`](crate::value::Value::to_wire) of what
    /// [`Tree::get_many`] returns for the path. Fault 9005 when the path is
    /// malformed, partial, or names no parameter of an existing instance;
    /// `out` is then unchanged.
    pub fn read_wire(
        &self,
        path: &str,
        bools: BoolStyle,
        out: &mut String,
    ) -> Result<ParamIx, Fault> {
        let Some(found) = self.find_param(path, false) else {
            return Err(self.not_found(path));
        };
        self.push_found(found.param, found.desc, found.node, found.pos, bools, out);
        Ok(found.param)
    }

    /// Appends to `out` what [`Tree::read_wire`] reads for `param` at
    /// position `pos` of node `id`, found earlier. Appends nothing unless
    /// the tree still [`holds`](Tree::holds) it there.
    pub(crate) fn wire_of(
        &self,
        id: NodeId,
        pos: u32,
        param: ParamIx,
        bools: BoolStyle,
        out: &mut String,
    ) {
        if let (Some(node), Some(desc)) = (self.nodes.get(id), self.param(param)) {
            if desc.object == node.object {
                self.push_found(param, desc, node, pos, bools, out);
            }
        }
    }

    /// Whether node `id` exists and is an instance of `param`'s object.
    pub(crate) fn holds(&self, id: NodeId, param: ParamIx) -> bool {
        matches!((self.nodes.get(id), self.param(param)), (Some(node), Some(desc)) if desc.object == node.object)
    }

    fn push_found(
        &self,
        param: ParamIx,
        desc: &ParamDesc,
        node: &Node,
        pos: u32,
        bools: BoolStyle,
        out: &mut String,
    ) {
        match node.values.get(pos as usize) {
            // The layout's flag spares loading the syntax for most values.
            Some(slot) if !self.layout.masked(param) => push_wire(slot, desc, bools, out),
            _ => push_wire(&Slot::zero(desc.syntax), desc, bools, out),
        }
    }
}

/// Appends the wire text of a slot.
fn push_wire(slot: &Slot, desc: &ParamDesc, bools: BoolStyle, out: &mut String) {
    // Writing to a `String` cannot fail.
    let _ = match slot {
        Slot::Short { .. } | Slot::Text(_) => {
            out.push_str(slot.as_str().unwrap_or_default());
            Ok(())
        }
        Slot::Bool(b) => {
            out.push_str(match (bools, *b) {
                (BoolStyle::TrueFalse, true) => "true",
                (BoolStyle::TrueFalse, false) => "false",
                (BoolStyle::OneZero, true) => "1",
                (BoolStyle::OneZero, false) => "0",
            });
            Ok(())
        }
        Slot::UnsignedInt(n) => {
            out.push_str(itoa(u64::from(*n)).as_str());
            Ok(())
        }
        Slot::UnsignedLong(n) => {
            out.push_str(itoa(*n).as_str());
            Ok(())
        }
        Slot::Int(n) => {
            push_signed(i64::from(*n), out);
            Ok(())
        }
        Slot::Long(n) => {
            push_signed(*n, out);
            Ok(())
        }
        Slot::DateTime(d) => write!(out, "{d}"),
        Slot::Decimal(d) => write!(out, "{d}"),
        Slot::Bytes(_) => write!(out, "{}", slot.to_value(desc.syntax)),
    };
}

/// Appends a signed integer's decimal text, as `fmt` writes it.
fn push_signed(n: i64, out: &mut String) {
    if n < 0 {
        out.push('-');
    }
    out.push_str(itoa(n.unsigned_abs()).as_str());
}

#[cfg(test)]
mod tests {
    use crate::engine::Tree;
    use crate::meta::testing::{self, object};
    use crate::meta::*;
    use crate::value::{BaseType, BoolStyle, Syntax, Writer};

    static STRING: Syntax = Syntax::new(BaseType::String);
    static BOOL: Syntax = Syntax::new(BaseType::Boolean);
    static UINT: Syntax = Syntax::new(BaseType::UnsignedInt);
    static TIME: Syntax = Syntax::new(BaseType::DateTime);
    static SECRET: Syntax = Syntax {
        hidden: true,
        ..Syntax::new(BaseType::String)
    };
    /// A parameter whose new instances start at `default`.
    const fn param(
        name: &'static str,
        object: ObjectIx,
        syntax: &'static Syntax,
        default: &'static str,
    ) -> ParamDesc {
        ParamDesc {
            default: Some((DefaultKind::Object, default)),
            ..testing::param(name, object, syntax)
        }
    }

    static MODEL: ModelDesc = ModelDesc {
        name: "Example:1.0",
        is_service: false,
        objects: &[
            object("Device.", "Device", None, false, (0, 6), &[1, 2]),
            object("Device.Info.", "Info", Some(0), false, (6, 1), &[]),
            object("Device.Host.{i}.", "Host", Some(0), true, (7, 2), &[]),
        ],
        params: &[
            param("Name", 0, &STRING, "a rather long name, stored out of line"),
            param("Enable", 0, &BOOL, "true"),
            param("Count", 0, &UINT, "42"),
            param("Time", 0, &TIME, "2024-01-02T03:04:05Z"),
            param("Password", 0, &SECRET, "secret"),
            param("N", 0, &STRING, ""),
            param("Model", 1, &STRING, "m1"),
            param("Name", 2, &STRING, "host"),
            param("Active", 2, &BOOL, "false"),
        ],
        parts: &[],
    };

    #[test]
    fn reads_what_get_many_reads() {
        let mut tree = Tree::new(&MODEL);
        for _ in 0..12 {
            tree.add_object("Device.Host.", Writer::Acs, None).unwrap();
        }
        tree.delete_object("Device.Host.3.", Writer::Acs, None)
            .unwrap();
        let batch = [
            ("Device.Count".to_string(), "7".to_string()),
            ("Device.Host.11.Name".to_string(), "eleven".to_string()),
        ];
        tree.set_values(&batch, Writer::Acs, None).unwrap();
        let mut out = String::new();
        let all = tree.values("").unwrap();
        assert_eq!(all.len(), 6 + 1 + 11 * 2);
        for want in &all {
            for bools in [BoolStyle::TrueFalse, BoolStyle::OneZero] {
                out.clear();
                let param = tree.read_wire(&want.path, bools, &mut out).unwrap();
                assert_eq!(param, want.param, "{}", want.path);
                assert_eq!(out, want.value.to_wire(bools), "{}", want.path);
            }
        }
        out.clear();
        tree.read_wire("Device.Enable", BoolStyle::OneZero, &mut out)
            .unwrap();
        tree.read_wire("Device.Password", BoolStyle::OneZero, &mut out)
            .unwrap();
        tree.read_wire("Device.Host.11.Name", BoolStyle::OneZero, &mut out)
            .unwrap();
        assert_eq!(out, "1eleven");
        for bad in [
            "Device.Nope",
            "Device.",
            "",
            "Device",
            "Device.Name.x",
            "Device.Info.",
            "Device.Info",
            "Device.Host.3.Name",
            "Device.Host.03.Name",
            "Device.Host.0.Name",
            "Device.Host.99999999999.Name",
            "Device.Host.Name",
            "Device.Host.1.",
            "Device.Host.1",
            "Device..Name",
            "Devices.Name",
            "Device.Info.Model.",
        ] {
            let fault = tree
                .read_wire(bad, BoolStyle::TrueFalse, &mut out)
                .unwrap_err();
            assert_eq!(fault.code, 9005, "{bad}");
            assert!(tree.get(bad).is_err(), "{bad}");
        }
        assert_eq!(out, "1eleven");
        assert!(tree.find_param(&"x".repeat(300), false).is_none());
    }

    #[test]
    fn integers_read_as_fmt_writes_them() {
        use super::{push_wire, Slot};
        let cases = [
            (Slot::Int(i32::MIN), &INT),
            (Slot::Int(-7), &INT),
            (Slot::Int(0), &INT),
            (Slot::Long(i64::MIN), &LONG),
            (Slot::Long(i64::MAX), &LONG),
            (Slot::UnsignedLong(u64::MAX), &ULONG),
            (Slot::UnsignedInt(u32::MAX), &UINT),
        ];
        for (slot, syntax) in cases {
            let mut out = String::from(">");
            let desc = testing::param("N", 0, syntax);
            push_wire(&slot, &desc, BoolStyle::TrueFalse, &mut out);
            let want = slot.to_value(syntax).to_wire(BoolStyle::TrueFalse);
            assert_eq!(out, format!(">{want}"));
        }
    }

    static INT: Syntax = Syntax::new(BaseType::Int);
    static LONG: Syntax = Syntax::new(BaseType::Long);
    static ULONG: Syntax = Syntax::new(BaseType::UnsignedLong);
}
