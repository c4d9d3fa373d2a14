//! The parameter tree engine against what a hand-written agent keeps (a
//! `BTreeMap` from full path to wire value), on the same TR-181 2.17 tree
//! with instances, built in the same run. See `common` for the tree and the
//! baseline's operations.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use cwmp_model_runtime::engine::Tree;
use cwmp_model_runtime::rpc::{CpeState, InMemoryDevice, Session};
use cwmp_model_runtime::soap::{
    Envelope, Header, Limits, ParameterValue, Request, Response, WriteOptions, parse_request,
    write_response,
};
use cwmp_model_runtime::value::{BoolStyle, Writer};

mod common;

/// A multiply-rotate hash over eight bytes at a time (the scheme of
/// rustc's `FxHasher`), as fast as a hash of a string gets.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes(c.try_into().unwrap());
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

use common::Map;

fn envelope(list: Vec<ParameterValue>) -> Envelope<Response> {
    Envelope {
        header: Header {
            id: Some("bench-1".into()),
            ..Header::default()
        },
        body: Response::GetParameterValuesResponse { list },
    }
}

/// GetParameterValues of `path` through the engine, as the dispatcher
/// answers it: the tree's values, each made a ParameterValueStruct with
/// its wire text and `xsi:type`, written as a SOAP envelope.
fn engine_gpv(tree: &Tree, path: &str) -> String {
    let values = tree.get_many(&[path]).expect("path exists");
    let list = values
        .into_iter()
        .map(|v| ParameterValue {
            value: v.value.into_wire(BoolStyle::TrueFalse),
            xsi_type: Some(common::xsi_type(v.param).into()),
            name: v.path,
        })
        .collect();
    write_response(&envelope(list), &WriteOptions::default())
}

/// The same on the map: the range under the path, every value typed
/// `string` (the map knows no types; this spares the baseline the lookup
/// an agent would need for `xsi:type`).
fn baseline_gpv(map: &Map, path: &str) -> String {
    let list = common::baseline_range(map, path)
        .map(|(k, v)| ParameterValue::new(k.clone(), v.clone(), "string"))
        .collect();
    write_response(&envelope(list), &WriteOptions::default())
}

/// A GetParameterValues request for `names`.
fn gpv_request(names: &[String]) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cwmp="urn:dslforum-org:cwmp-1-2">
<soap:Header><cwmp:ID soap:mustUnderstand="1">bench-1</cwmp:ID></soap:Header>
<soap:Body><cwmp:GetParameterValues><ParameterNames soapenc:arrayType="xsd:string["#,
    );
    xml.push_str(&names.len().to_string());
    xml.push_str("]\">\n");
    for n in names {
        xml.push_str("<string>");
        xml.push_str(n);
        xml.push_str("</string>\n");
    }
    xml.push_str("</ParameterNames></cwmp:GetParameterValues></soap:Body></soap:Envelope>\n");
    xml
}

/// The parse a hand-written agent might do instead: the text of every
/// `<string>` element, no XML parser, no checks.
fn baseline_parse(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<string>") {
        rest = &rest[start + "<string>".len()..];
        let Some(end) = rest.find("</string>") else {
            break;
        };
        out.push(rest[..end].to_owned());
        rest = &rest[end..];
    }
    out
}

fn bench(c: &mut Criterion) {
    let tree = common::populated_tree();
    let map = common::baseline_map(&tree);
    let n_values = map.len();
    println!(
        "tree: {n_values} parameter values, {} names with objects",
        { tree.walk("", false).unwrap().len() }
    );

    // 1. GetParameterNames NextLevel=true on Device.
    let engine_names = tree.walk("Device.", true).unwrap();
    let baseline_names = common::baseline_next_level(&map, "Device.");
    println!(
        "GPN Device. next level: engine {} names, baseline {} (the map cannot list empty tables and objects)",
        engine_names.len(),
        baseline_names.len()
    );
    let mut g = c.benchmark_group("1 GPN Device. NextLevel");
    g.bench_function("engine", |b| {
        b.iter(|| tree.walk(black_box("Device."), true).unwrap())
    });
    g.bench_function("baseline", |b| {
        b.iter(|| common::baseline_next_level(&map, black_box("Device.")))
    });
    g.finish();

    // 2. 100 full names spread over the tree: look up and read.
    let names = common::spread_names(&tree, 100);
    assert_eq!(names.len(), 100);
    let mut g = c.benchmark_group("2 read 100 names");
    g.bench_function("engine get_many", |b| {
        b.iter(|| tree.get_many(black_box(&names)).unwrap())
    });
    g.bench_function("baseline owned (name, value)", |b| {
        b.iter(|| {
            black_box(&names)
                .iter()
                .map(|n| map.get(n).map(|v| (n.clone(), v.clone())).ok_or(n))
                .collect::<Result<Vec<_>, _>>()
                .unwrap()
        })
    });
    // The same without allocating: each value's wire text appended to a
    // reused buffer, as a response writer would copy it.
    let mut buf = String::with_capacity(64 * 1024);
    for (path, value) in &map {
        buf.clear();
        tree.read_wire(path, BoolStyle::TrueFalse, &mut buf)
            .unwrap();
        assert_eq!(&buf, value, "read_wire of {path}");
    }
    buf.clear();
    let mut check = String::new();
    for n in &names {
        tree.read_wire(n, BoolStyle::TrueFalse, &mut buf).unwrap();
        check.push_str(&map[n]);
    }
    assert_eq!(buf, check, "read_wire reads what the map holds");
    g.bench_function("engine read_wire into buffer", |b| {
        b.iter(|| {
            buf.clear();
            for n in black_box(&names) {
                tree.read_wire(n, BoolStyle::TrueFalse, &mut buf).unwrap();
            }
            buf.len()
        })
    });
    g.bench_function("baseline get into buffer", |b| {
        b.iter(|| {
            buf.clear();
            for n in black_box(&names) {
                buf.push_str(map.get(n).ok_or(n).unwrap());
            }
            buf.len()
        })
    });
    // References, not baselines: the same reads from hash maps of every
    // full path, the structure with the fewest steps per exact lookup, to
    // show what any index of full names can gain over the B-tree.
    let std_hash: HashMap<&str, &str> = map.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let word_hash: HashMap<&str, &str, BuildHasherDefault<WordHasher>> =
        map.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    g.bench_function("reference std HashMap get into buffer", |b| {
        b.iter(|| {
            buf.clear();
            for n in black_box(&names) {
                buf.push_str(std_hash.get(n.as_str()).ok_or(n).unwrap());
            }
            buf.len()
        })
    });
    g.bench_function("reference word-hash HashMap get into buffer", |b| {
        b.iter(|| {
            buf.clear();
            for n in black_box(&names) {
                buf.push_str(word_hash.get(n.as_str()).ok_or(n).unwrap());
            }
            buf.len()
        })
    });
    g.finish();

    // 2d. The same 100 names as a GetParameterValues through the
    // dispatcher, SOAP excluded on both sides: the request parsed once,
    // the response envelope built but not written. The map builds the
    // same list of name, value and type.
    let request = match parse_request(gpv_request(&names).as_bytes(), &Limits::default()) {
        Ok(env) => env,
        Err(e) => panic!("GPV request: {e}"),
    };
    let mut dispatch_tree = tree.clone();
    let (mut device, mut state) = (InMemoryDevice, CpeState::new());
    let mut session = Session::new(&mut dispatch_tree, &mut device, &mut state);
    let answered = session.handle_envelope(&request);
    let Some(Envelope {
        body: Response::GetParameterValuesResponse { list },
        ..
    }) = &answered
    else {
        panic!("GPV answered {answered:?}");
    };
    assert_eq!(list.len(), 100);
    let mut g = c.benchmark_group("2d GPV 100 names, no SOAP");
    g.bench_function("engine Session::handle_envelope", |b| {
        b.iter(|| session.handle_envelope(black_box(&request)))
    });
    g.bench_function("baseline list of name, value, type", |b| {
        b.iter(|| {
            let list = black_box(&names)
                .iter()
                .map(|n| {
                    map.get(n)
                        .map(|v| ParameterValue::new(n.clone(), v.clone(), "string"))
                        .ok_or(n)
                })
                .collect::<Result<Vec<_>, _>>()
                .unwrap();
            envelope(list)
        })
    });
    g.finish();
    drop(session);
    let gpv_device = gpv_request(&["Device.".to_owned()]);

    // 3. The whole GetParameterValues of Device., response written.
    let engine_xml = engine_gpv(&tree, "Device.");
    let baseline_xml = baseline_gpv(&map, "Device.");
    println!(
        "GPV Device.: engine response {} bytes, baseline {} bytes",
        engine_xml.len(),
        baseline_xml.len()
    );
    let mut g = c.benchmark_group("3 GPV Device. with SOAP response");
    g.bench_function("engine", |b| {
        b.iter(|| engine_gpv(&tree, black_box("Device.")))
    });
    g.bench_function("baseline", |b| {
        b.iter(|| baseline_gpv(&map, black_box("Device.")))
    });
    // The product's own path: the request parsed, dispatched (the device's
    // refresh list, the values read) and the response written.
    let (mut device, mut state) = (InMemoryDevice, CpeState::new());
    let mut session = Session::new(&mut dispatch_tree, &mut device, &mut state);
    let answer = session.handle(gpv_device.as_bytes()).expect("an answer");
    assert_eq!(
        answer.len(),
        engine_xml.len(),
        "the dispatcher writes what pair 3 writes"
    );
    g.bench_function("engine through Session::handle", |b| {
        b.iter(|| session.handle(black_box(gpv_device.as_bytes())))
    });
    // The same answer built as a list first (what `handle_envelope`
    // returns), then written: the cost of not streaming it.
    let parsed = match parse_request(gpv_device.as_bytes(), &Limits::default()) {
        Ok(env) => env,
        Err(e) => panic!("GPV Device. request: {e}"),
    };
    g.bench_function(
        "engine through Session::handle_envelope, list written",
        |b| {
            b.iter(|| {
                let reply = session
                    .handle_envelope(black_box(&parsed))
                    .expect("an answer");
                write_response(&reply, &WriteOptions::default())
            })
        },
    );
    g.finish();
    drop(session);
    let env = {
        let values = tree.get_many(&["Device."]).unwrap();
        envelope(
            values
                .into_iter()
                .map(|v| ParameterValue {
                    value: v.value.into_wire(BoolStyle::TrueFalse),
                    xsi_type: Some(common::xsi_type(v.param).into()),
                    name: v.path,
                })
                .collect(),
        )
    };
    let mut g = c.benchmark_group("3b write GPV response");
    g.throughput(Throughput::Bytes(engine_xml.len() as u64));
    g.bench_function("write_response", |b| {
        b.iter(|| write_response(black_box(&env), &WriteOptions::default()))
    });
    g.finish();

    // 4. SetParameterValues of 50 valid parameters, validated.
    let mut spv_tree = tree.clone();
    let (batch_a, batch_b) = common::spv_batches(&mut spv_tree, 50);
    println!("SPV batch: {} parameters", batch_a.len());
    let mut spv_map = common::baseline_map(&spv_tree);
    let mut g = c.benchmark_group("4 SPV 50 params");
    let mut flip = false;
    g.bench_function("engine", |b| {
        b.iter(|| {
            flip = !flip;
            let batch = if flip { &batch_a } else { &batch_b };
            spv_tree
                .set_values(black_box(batch), Writer::Acs, Some("k"))
                .unwrap()
        })
    });
    g.bench_function("baseline", |b| {
        b.iter(|| {
            flip = !flip;
            let batch = if flip { &batch_a } else { &batch_b };
            common::baseline_set(&mut spv_map, black_box(batch), "k").unwrap()
        })
    });
    g.finish();

    // 5. Parse of a 100-parameter GetParameterValues request.
    let request = gpv_request(&names);
    let limits = Limits::default();
    match parse_request(request.as_bytes(), &limits).unwrap().body {
        Request::GetParameterValues(r) => assert_eq!(r.names, names),
        other => panic!("parsed as {}", other.method_name()),
    }
    assert_eq!(baseline_parse(&request), names);
    println!("GPV request: {} bytes", request.len());
    let mut g = c.benchmark_group("5 parse GPV request 100 names");
    g.throughput(Throughput::Bytes(request.len() as u64));
    g.bench_function("engine parse_request", |b| {
        b.iter(|| parse_request(black_box(request.as_bytes()), &limits).unwrap())
    });
    g.bench_function("baseline string scan", |b| {
        b.iter(|| baseline_parse(black_box(&request)))
    });
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench
}
criterion_main!(benches);
