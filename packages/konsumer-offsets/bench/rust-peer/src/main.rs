//! The Rust peer of `bench/decode-bench.mjs`: decodes a JSON-lines corpus of `__consumer_offsets` records with the
//! `konsumer_offsets` crate, in memory, and prints one JSON line with its rate.
//!
//! Input: one record per line, `{"key":"<hex>","value":"<hex>"|null}` (other properties ignored), as written by
//! `bench/corpus.mjs`. Every record goes through `KonsumerOffsetsData::try_from_bytes`, which decodes everything,
//! consumer-protocol subscriptions and assignments of group members included; the result is kept opaque to the
//! optimiser (`black_box`) and dropped, so building and freeing the decoded structs is part of the cost, as it is
//! for the JavaScript side.
//!
//! Usage: ko-rust-peer <corpus.jsonl> [--types all|commits|groups] [--seconds S]
//!   --types    which records to decode: all (default), commits (key types 0 and 1) or groups (key type 2).
//!   --seconds  CPU seconds of timed decoding (default 3), after a warm-up pass.
//! Output (stdout): {"impl":..,"records":..,"errors":..,"decoded":..,"cpu_s":..,"wall_s":..,"records_per_cpu_s":..,
//!   "records_per_wall_s":..,"bytes_per_record":..}. Rates are per second of this process's CPU time, as the
//!   JavaScript side reports them, so a loaded machine skews neither.

use std::hint::black_box;
use std::time::Instant;

use konsumer_offsets::KonsumerOffsetsData;

/// One record: key bytes, and value bytes or `None` for a tombstone.
struct Record {
    key: Vec<u8>,
    value: Option<Vec<u8>>,
}

fn fail(message: String) -> ! {
    eprintln!("ko-rust-peer: {message}");
    std::process::exit(2);
}

/// Decodes a hex string into bytes.
fn from_hex(text: &str, line: usize) -> Vec<u8> {
    fn nibble(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }
    let digits = text.as_bytes();
    if digits.len() % 2 != 0 {
        fail(format!("line {line}: hex string of odd length {}", digits.len()));
    }
    digits
        .chunks_exact(2)
        .map(|pair| match (nibble(pair[0]), nibble(pair[1])) {
            (Some(high), Some(low)) => (high << 4) | low,
            _ => fail(format!("line {line}: not a hex string")),
        })
        .collect()
}

/// Reads the corpus, keeping the records whose key type `keep` accepts.
fn load(path: &str, keep: fn(i16) -> bool) -> Vec<Record> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| fail(format!("cannot read {path}: {e}")));
    let mut records = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let json: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| fail(format!("line {line_no}: not JSON: {e}")));
        let key = match json.get("key") {
            Some(serde_json::Value::String(hex)) => from_hex(hex, line_no),
            _ => fail(format!("line {line_no}: \"key\" must be a hex string")),
        };
        let value = match json.get("value") {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(hex)) => Some(from_hex(hex, line_no)),
            _ => fail(format!("line {line_no}: \"value\" must be a hex string or null")),
        };
        let record_type = if key.len() >= 2 { i16::from_be_bytes([key[0], key[1]]) } else { -1 };
        if keep(record_type) {
            records.push(Record { key, value });
        }
    }
    records
}

/// CPU time used by this process so far, in seconds.
fn cpu_seconds() -> f64 {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes into the timespec we own; CLOCK_PROCESS_CPUTIME_ID exists on Linux and macOS.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut now) };
    if rc != 0 {
        fail("clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed".to_string());
    }
    now.tv_sec as f64 + now.tv_nsec as f64 / 1e9
}

/// Decodes every record once; returns how many the crate rejected.
#[inline(never)]
fn pass(records: &[Record]) -> u64 {
    let mut errors = 0;
    for record in records {
        let decoded = KonsumerOffsetsData::try_from_bytes(black_box(Some(&record.key[..])), black_box(record.value.as_deref()));
        errors += decoded.is_err() as u64;
        drop(black_box(decoded));
    }
    errors
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut types = "all".to_string();
    let mut seconds = 3.0f64;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--types" => types = args.next().unwrap_or_else(|| fail("--types needs all, commits or groups".into())),
            "--seconds" => {
                seconds = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .filter(|s: &f64| *s > 0.0)
                    .unwrap_or_else(|| fail("--seconds needs a positive number".into()))
            },
            _ if path.is_none() && !arg.starts_with("--") => path = Some(arg),
            _ => fail(format!("unexpected argument {arg:?}; usage: ko-rust-peer <corpus.jsonl> [--types all|commits|groups] [--seconds S]")),
        }
    }
    let path = path.unwrap_or_else(|| fail("usage: ko-rust-peer <corpus.jsonl> [--types all|commits|groups] [--seconds S]".into()));
    let keep: fn(i16) -> bool = match types.as_str() {
        "all" => |_| true,
        "commits" => |t| t == 0 || t == 1,
        "groups" => |t| t == 2,
        other => fail(format!("--types {other:?}: expected all, commits or groups")),
    };
    let records = load(&path, keep);
    if records.is_empty() {
        fail(format!("no {types} records in {path}"));
    }
    let bytes: usize = records.iter().map(|r| r.key.len() + r.value.as_ref().map_or(0, |v| v.len())).sum();

    let errors = pass(&records); // warm-up, and the count of records the crate rejects
    let mut decoded = 0u64;
    let cpu_start = cpu_seconds();
    let wall_start = Instant::now();
    let mut cpu = 0.0;
    while cpu < seconds {
        black_box(pass(&records));
        decoded += records.len() as u64;
        cpu = cpu_seconds() - cpu_start;
    }
    let wall = wall_start.elapsed().as_secs_f64();
    println!(
        "{}",
        serde_json::json!({
            "impl": "rust konsumer_offsets 0.3.2",
            "types": types,
            "records": records.len(),
            "errors": errors,
            "decoded": decoded,
            "cpu_s": cpu,
            "wall_s": wall,
            "records_per_cpu_s": decoded as f64 / cpu,
            "records_per_wall_s": decoded as f64 / wall,
            "bytes_per_record": bytes as f64 / records.len() as f64,
        })
    );
}
