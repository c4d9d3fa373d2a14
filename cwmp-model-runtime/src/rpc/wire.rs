//! What the dispatcher writes, fitted to the cwmp namespace of the
//! exchange: the methods each schema generation defines, the fault codes
//! and Notification values it allows, and the `xsi:type` and text of
//! parameter values.
//!
//! The schemas of CWMP 1.0 and 1.1 are narrower than TR-069 Amendment 6:
//! an envelope in their namespace that carries a newer method, fault code
//! or Notification value does not validate, so such values are mapped to
//! their nearest older meaning here rather than sent as they are.

use crate::engine::{Fault as EngineFault, ParamValue, SetFault};
use crate::meta::{ModelDesc, ParamIx};
use crate::soap::{
    codes, fault_string, CwmpNamespace, Fault, FaultStruct, ParameterValue, SPVFault,
};
use crate::value::BoolStyle;

/// Longest fault string written: the schema's bound on TransferComplete's
/// FaultString, applied to every fault so that messages quoting long
/// paths stay readable.
pub(crate) const MAX_FAULT_STRING: usize = 256;

/// Longest CommandKey and ParameterKey the schema allows.
pub(crate) const MAX_KEY_LEN: usize = 32;

/// Every CPE method this dispatcher implements, with the first schema
/// generation (`CwmpNamespace::minor`) that defines it.
const METHODS: &[(&str, u8)] = &[
    ("GetRPCMethods", 0),
    ("GetParameterNames", 0),
    ("GetParameterValues", 0),
    ("SetParameterValues", 0),
    ("GetParameterAttributes", 0),
    ("SetParameterAttributes", 0),
    ("AddObject", 0),
    ("DeleteObject", 0),
    ("Reboot", 0),
    ("FactoryReset", 0),
    ("Download", 0),
    ("Upload", 0),
    ("ScheduleInform", 0),
    ("GetQueuedTransfers", 0),
    ("GetAllQueuedTransfers", 1),
    ("ScheduleDownload", 2),
    ("CancelTransfer", 2),
];

/// The methods GetRPCMethods lists in namespace `ns`.
pub(crate) fn methods(ns: &CwmpNamespace) -> Vec<String> {
    METHODS
        .iter()
        .filter(|(_, since)| *since <= ns.minor())
        .map(|(name, _)| (*name).to_owned())
        .collect()
}

/// Whether `method` is implemented and defined in namespace `ns`.
pub(crate) fn implemented(ns: &CwmpNamespace, method: &str) -> bool {
    METHODS
        .iter()
        .any(|(name, since)| *name == method && *since <= ns.minor())
}

/// A fault code the namespace's schema accepts in a SOAP fault: CWMP 1.0
/// knows 9000..=9013 and the vendor range; later ones all of 9000..=9899.
/// Newer transfer codes fall back to 9010 File transfer failure, anything
/// else to 9002 Internal error.
pub(crate) fn fault_code(ns: &CwmpNamespace, code: u32) -> u32 {
    let known = match ns.minor() {
        0 => (9000..=9013).contains(&code) || (9800..=9899).contains(&code),
        _ => (9000..=9899).contains(&code),
    };
    match code {
        _ if known => code,
        9014..=9020 => codes::FILE_TRANSFER_FAILURE,
        _ => codes::INTERNAL_ERROR,
    }
}

/// A TransferComplete FaultStruct the namespace's schema accepts: code 0,
/// the transfer codes of its generation, and (CWMP 1.1 on) the extension
/// and vendor ranges. Others become 9010, or 9002 for the non-transfer
/// codes 9000..=9009.
pub(crate) fn transfer_fault(ns: &CwmpNamespace, fault: &FaultStruct) -> FaultStruct {
    let code = fault.code;
    let known = matches!(
        (ns.minor(), code),
        (_, 0 | 9001 | 9002 | 9010..=9012)
            | (1, 9014..=9899)
            | (2, 9014..=9020 | 9033..=9899)
    );
    let code = match code {
        _ if known => code,
        9000..=9009 => codes::INTERNAL_ERROR,
        _ => codes::FILE_TRANSFER_FAILURE,
    };
    let string = if code == 0 {
        String::new()
    } else if code == fault.code && !fault.string.is_empty() {
        clip(&fault.string, MAX_FAULT_STRING)
    } else {
        fault_string(code).to_owned()
    };
    FaultStruct { code, string }
}

/// The SOAP fault for an engine or device fault. The message (naming the
/// path or value at fault) is the fault string, unless the code had to be
/// mapped to an older one; then the message is kept after the standard
/// string so that nothing is lost.
pub(crate) fn fault(ns: &CwmpNamespace, fault: &EngineFault) -> Fault {
    let code = fault_code(ns, fault.code);
    Fault::with_string(code, fault_text(code, fault))
}

/// A fault with the standard fault string of `code` and a message.
pub(crate) fn fault_with(ns: &CwmpNamespace, code: u32, message: impl Into<String>) -> Fault {
    fault(ns, &EngineFault::new(code, message))
}

/// The fault string for `fault` written as `code`.
fn fault_text(code: u32, fault: &EngineFault) -> String {
    let text = match (code == fault.code, fault.message.is_empty()) {
        (_, true) => fault_string(code).to_owned(),
        (true, false) => fault.message.clone(),
        (false, false) => format!("{}: {}", fault_string(code), fault.message),
    };
    clip(&text, MAX_FAULT_STRING)
}

/// A refused SetParameterValues: fault 9003 with one
/// SetParameterValuesFault per bad entry (TR-069 A.4.2.1). A refusal that
/// names no entry is 9001 Request denied.
pub(crate) fn set_fault(ns: &CwmpNamespace, refused: &SetFault) -> Fault {
    if refused.faults.is_empty() {
        return fault_with(ns, codes::REQUEST_DENIED, "the device refused the values");
    }
    let mut out = Fault::new(codes::INVALID_ARGUMENTS);
    out.set_parameter_values_faults = refused
        .faults
        .iter()
        .map(|(name, f)| {
            let code = fault_code(ns, f.code);
            SPVFault {
                name: name.clone(),
                code,
                string: fault_text(code, f),
            }
        })
        .collect();
    out
}

/// A Notification value the namespace's schema accepts: CWMP 1.0 and 1.1
/// know 0..=2, so the lightweight values read as their non-lightweight
/// part (4 and 6 include passive notification; 3 and 5 are lightweight
/// only, which those versions cannot express).
pub(crate) fn notification(ns: &CwmpNamespace, n: u8) -> u8 {
    match (ns.minor(), n) {
        (2.., _) | (_, 0..=2) => n,
        (_, 4 | 6) => 1,
        _ => 0,
    }
}

/// The `xsi:type` of a parameter: its base type, or `string` for a list
/// (whose value is comma-separated text) and for an unknown index.
pub(crate) fn xsi_type(model: &ModelDesc, param: ParamIx) -> &'static str {
    match model.params.get(param as usize) {
        Some(p) if p.syntax.list.is_none() => p.syntax.base.xsd_type(),
        _ => "string",
    }
}

/// A tree value as a ParameterValueStruct.
pub(crate) fn parameter_value(
    model: &ModelDesc,
    value: ParamValue,
    bools: BoolStyle,
) -> ParameterValue {
    let xsi_type = xsi_type(model, value.param);
    ParameterValue::new(value.path, value.value.into_wire(bools), xsi_type)
}

/// Fault 9003 unless a CommandKey or ParameterKey fits the schema's 32
/// characters: a longer key could not be echoed in a valid Inform or
/// TransferComplete.
pub(crate) fn check_key(ns: &CwmpNamespace, what: &str, key: &str) -> Result<(), Fault> {
    if key.chars().count() <= MAX_KEY_LEN {
        return Ok(());
    }
    Err(fault_with(
        ns,
        codes::INVALID_ARGUMENTS,
        format!("{what} is longer than {MAX_KEY_LEN} characters"),
    ))
}

/// At most `max` characters of `text`.
pub(crate) fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => text.get(..end).unwrap_or_default().to_owned(),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_fit_each_generation() {
        let v0 = CwmpNamespace::V1_0;
        let v2 = CwmpNamespace::V1_2;
        assert_eq!(fault_code(&v0, 9005), 9005);
        assert_eq!(fault_code(&v0, 9017), 9010);
        assert_eq!(fault_code(&v0, 9021), 9002);
        assert_eq!(fault_code(&v2, 9021), 9021);
        assert_eq!(fault_code(&v2, 12), 9002);
        assert_eq!(transfer_fault(&v0, &FaultStruct::new(9016)).code, 9010);
        assert_eq!(transfer_fault(&v2, &FaultStruct::new(9016)).code, 9016);
        assert_eq!(transfer_fault(&v2, &FaultStruct::new(9005)).code, 9002);
        assert_eq!(transfer_fault(&v2, &FaultStruct::none()).string, "");
        assert_eq!(notification(&v0, 6), 1);
        assert_eq!(notification(&v0, 5), 0);
        assert_eq!(notification(&v2, 5), 5);
        assert_eq!(clip("héllo", 2), "hé");
        assert!(implemented(&v2, "CancelTransfer"));
        assert!(!implemented(&v0, "CancelTransfer"));
        assert!(!implemented(&v2, "ChangeDUState"));
    }
}
