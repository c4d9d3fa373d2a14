//! No input may panic the reader: truncations, random bytes, mutations of
//! real envelopes and random CWMP-shaped documents. A small xorshift PRNG
//! with fixed seeds keeps runs reproducible without a fuzzing dependency;
//! set `CWMP_SOAP_FUZZ_SCALE=N` to run N times the iterations.

use super::*;

struct Rng(u64);

/// Iteration multiplier from `CWMP_SOAP_FUZZ_SCALE` (default 1).
fn scale() -> usize {
    std::env::var("CWMP_SOAP_FUZZ_SCALE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1)
}

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Parses, and when that succeeds also writes a reply and re-reads it: the
/// writer must accept anything the reader produced.
fn exercise(bytes: &[u8], limits: &Limits) {
    match parse_request(bytes, limits) {
        Ok(env) => {
            let body = match &env.body {
                Request::GetRPCMethodsResponse(r) => Response::GetRPCMethodsResponse {
                    methods: r.methods.clone(),
                },
                Request::SetParameterValues(s) => Response::GetParameterValuesResponse {
                    list: s.list.clone(),
                },
                other => Response::Fault(Fault::with_string(9000, other.method_name())),
            };
            let xml = write_response(&env.reply(body), &WriteOptions::default());
            if let Err(e) = parse_request(xml.as_bytes(), &Limits::default()) {
                panic!("writer output unreadable: {e}\n{xml}");
            }
        }
        Err(e) => {
            // Errors must render and map to a fault without panicking.
            let _ = e.to_string();
            let _ = write_response(&e.fault_envelope(), &WriteOptions::default());
        }
    }
}

#[test]
fn truncations_never_panic() {
    let limits = Limits::default();
    for (_, xml) in FIXTURES {
        for len in 0..=xml.len() {
            exercise(&xml[..len], &limits);
        }
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let limits = Limits::default();
    let alphabet: &[u8] = b"<>/=\"' &;#x:?![]-CDATAxmlnsEnvelopeBody\xEF\xBB\xBF\xFF\xFE\x00\n";
    for _ in 0..3000 * scale() {
        let len = rng.below(400);
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                if rng.below(2) == 0 {
                    rng.next() as u8
                } else {
                    *rng.pick(alphabet)
                }
            })
            .collect();
        exercise(&bytes, &limits);
    }
}

#[test]
fn mutated_envelopes_never_panic() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let limits = Limits::default();
    let inserts: &[&[u8]] = &[
        b"<",
        b">",
        b"/>",
        b"&",
        b"&amp;",
        b"&#0;",
        b"&#x110000;",
        b"&foo;",
        b"<![CDATA[",
        b"]]>",
        b"<!--",
        b"-->",
        b"<?pi?>",
        b"<!DOCTYPE a>",
        b"xmlns:cwmp=\"\"",
        b"\"",
        b"'",
        b"\xC3",
        b"\xFF",
        b"<Value>",
        b"</Value>",
        b"<x:y:z>",
        b" a=\"1\" a=\"2\"",
    ];
    for (_, xml) in FIXTURES {
        for _ in 0..600 * scale() {
            let mut m = xml.to_vec();
            for _ in 0..1 + rng.below(6) {
                let at = rng.below(m.len() + 1);
                match rng.below(5) {
                    0 if at < m.len() => m[at] = rng.next() as u8,
                    1 => {
                        let ins = rng.pick(inserts);
                        m.splice(at..at, ins.iter().copied());
                    }
                    2 if at < m.len() => {
                        let end = (at + 1 + rng.below(40)).min(m.len());
                        m.drain(at..end);
                    }
                    3 if at < m.len() => {
                        let end = (at + 1 + rng.below(200)).min(m.len());
                        let chunk = m[at..end].to_vec();
                        let to = rng.below(m.len() + 1);
                        m.splice(to..to, chunk);
                    }
                    _ => {
                        let len = m.len();
                        m.truncate(len.saturating_sub(rng.below(20)));
                    }
                }
            }
            exercise(&m, &limits);
        }
    }
}

#[test]
fn random_cwmp_shaped_documents_never_panic() {
    const NAMES: &[&str] = &[
        "GetParameterValues",
        "SetParameterValues",
        "SetParameterAttributes",
        "Download",
        "ScheduleDownload",
        "ChangeDUState",
        "Fault",
        "detail",
        "ParameterList",
        "ParameterNames",
        "ParameterValueStruct",
        "SetParameterAttributesStruct",
        "TimeWindowList",
        "TimeWindowStruct",
        "Operations",
        "Name",
        "Value",
        "Notification",
        "NotificationChange",
        "AccessList",
        "string",
        "URL",
        "FileType",
        "FileSize",
        "DelaySeconds",
        "MaxRetries",
        "WindowStart",
        "NextLevel",
        "ParameterPath",
        "FaultCode",
        "InformResponse",
        "MaxEnvelopes",
        "GetRPCMethodsResponse",
        "MethodList",
        "ObjectName",
        "AddObject",
        "HoldRequests",
        "ID",
        "SessionTimeout",
    ];
    const TEXTS: &[&str] = &[
        "",
        "0",
        "1",
        "7",
        "-1",
        "true",
        "maybe",
        "4294967296",
        " 12 ",
        "Device.",
        "&amp;",
        "&#233;",
        "<![CDATA[x]]>",
    ];
    let mut rng = Rng(0x0123_4567_89AB_CDEF);
    let limits = Limits::default();
    for _ in 0..3000 * scale() {
        let mut body = String::new();
        let mut open = Vec::new();
        for _ in 0..rng.below(40) {
            match rng.below(4) {
                0 | 1 if open.len() < 8 => {
                    let name = *rng.pick(NAMES);
                    let attr = if rng.below(4) == 0 {
                        " xsi:type=\"cwmp:InstallOpStruct\""
                    } else {
                        ""
                    };
                    body.push_str(&format!("<cwmp:{name}{attr}>"));
                    open.push(name);
                }
                2 => body.push_str(rng.pick::<&str>(TEXTS)),
                _ => {
                    if let Some(name) = open.pop() {
                        body.push_str(&format!("</cwmp:{name}>"));
                    }
                }
            }
        }
        while let Some(name) = open.pop() {
            body.push_str(&format!("</cwmp:{name}>"));
        }
        let xml = if rng.below(2) == 0 {
            envelope(&body)
        } else {
            format!("<Envelope><Header>{body}</Header><Body>{body}</Body></Envelope>")
        };
        exercise(xml.as_bytes(), &limits);
    }
}

#[test]
fn writer_output_is_always_well_formed() {
    let mut rng = Rng(0xFEED_F00D_DEAD_BEEF);
    let pieces = [
        "a",
        "&",
        "<",
        ">",
        "\"",
        "'",
        "]]>",
        "\r",
        "\n",
        "\t",
        "\u{0}",
        "\u{8}",
        "\u{1f}",
        "\u{7f}",
        "\u{85}",
        "\u{2028}",
        "\u{FFFD}",
        "\u{FFFE}",
        "\u{FFFF}",
        "\u{10FFFF}",
        "é",
        " ",
    ];
    for _ in 0..500 * scale() {
        let s: String = (0..rng.below(30)).map(|_| *rng.pick(&pieces)).collect();
        let env = Envelope {
            header: Header {
                id: Some(s.clone()),
                cwmp_ns: CwmpNamespace::Other(s.clone()),
                ..Header::default()
            },
            body: Response::GetParameterValuesResponse {
                list: vec![ParameterValue::new(s.clone(), s.clone(), s.clone())],
            },
        };
        let pretty = rng.below(2) == 0;
        let xml = write_response(
            &env,
            &WriteOptions {
                pretty,
                ..WriteOptions::default()
            },
        );
        if let Err(e) = parse_request(xml.as_bytes(), &Limits::default()) {
            panic!("unreadable output for {s:?}: {e}\n{xml}");
        }
    }
}
