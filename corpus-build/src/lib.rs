//! Generated code of BBF models, compiled to prove it builds (edition 2024,
//! documented, warning-free).
#![deny(missing_docs, warnings)]

/// TR-106 Amendment 1 `Device:1.0`.
pub mod tr106 {
    include!(concat!(env!("OUT_DIR"), "/tr_106_1_0_0.rs"));
}

/// TR-104 `VoiceService:1.1`.
pub mod tr104 {
    include!(concat!(env!("OUT_DIR"), "/tr_104_1_1_0.rs"));
}

/// TR-181 Issue 2 Amendment 17 `Device:2.17`.
pub mod tr181 {
    include!(concat!(env!("OUT_DIR"), "/tr_181_2_17_0_cwmp.rs"));
}
