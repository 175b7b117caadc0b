//! The fuzz targets on stable, in the default test run: every file of `fuzz/corpus/<target>/`
//! goes through the function its cargo-fuzz target calls, then a short deterministic
//! mutation loop (bit flips, byte changes, inserts, deletes, splices of corpus entries)
//! per target. cargo-fuzz explores; this keeps what it found from coming back
//! (docs/fuzzing.md).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// Mutated inputs are cut to this length (the corpora are small too).
const MAX_LEN: usize = 4096;

/// xorshift64*: deterministic, dependency-free pseudo-randomness.
struct Rng(u64);

impl Rng {
    fn new(target: &str) -> Self {
        // FNV-1a of the name: a different, fixed sequence per target.
        let seed = target.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        Self(seed | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        let n = u64::try_from(n).unwrap_or(u64::MAX);
        if n == 0 {
            return 0;
        }
        usize::try_from(self.next() % n).unwrap_or(0)
    }
}

/// Bytes the parsers treat specially, more likely than the others.
const INTERESTING: &[u8] = b"%;=/\\\r\n\" \t\0\xff\x80\xc3\xc4\xed[]{}()*.-:,'@~#?+&";

fn mutate(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut data = corpus[rng.below(corpus.len())].clone();
    for _ in 0..=rng.below(4) {
        let len = data.len();
        let at = rng.below(len + 1);
        match rng.below(7) {
            0 if len > 0 => data[at.min(len - 1)] ^= 1 << rng.below(8),
            1 if len > 0 => data[at.min(len - 1)] = INTERESTING[rng.below(INTERESTING.len())],
            2 => data.insert(at, INTERESTING[rng.below(INTERESTING.len())]),
            3 => {
                let (a, b) = (at, at + rng.below(len - at + 1));
                data.drain(a..b.min(len));
            }
            4 if len > 0 => {
                // Repeat a slice of the input in place.
                let from = rng.below(len);
                let to = from + 1 + rng.below((len - from).min(64));
                let chunk = data[from..to].to_vec();
                data.splice(at..at, chunk);
            }
            5 => {
                // Splice in a slice of another corpus entry.
                let other = &corpus[rng.below(corpus.len())];
                let from = rng.below(other.len());
                let to = from + rng.below(other.len() - from + 1);
                data.splice(at..at, other[from..to].iter().copied());
            }
            _ => data.insert(at, u8::try_from(rng.below(256)).unwrap_or(0)),
        }
    }
    data.truncate(MAX_LEN);
    data
}

fn corpus(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    let inputs: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(f).unwrap_or_else(|e| panic!("{}: {e}", f.display())))
        .collect();
    assert!(!inputs.is_empty(), "{} is empty", dir.display());
    inputs
}

/// Replays the corpus of `target`, then `mutations` mutated inputs, through `run`.
fn exercise(target: &str, mutations: usize, mut run: impl FnMut(&[u8])) {
    let inputs = corpus(target);
    let mut one = |data: &[u8], what: &str| {
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| run(data))) {
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)");
            panic!(
                "fuzz target {target} failed on {what}: {message}\ninput ({} bytes): {:?}\n\
                 save it under fuzz/corpus/{target}/ once fixed",
                data.len(),
                String::from_utf8_lossy(data)
            );
        }
    };
    for (i, input) in inputs.iter().enumerate() {
        one(input, &format!("corpus file #{i}"));
    }
    let mut rng = Rng::new(target);
    for i in 0..mutations {
        let data = mutate(&mut rng, &inputs);
        one(&data, &format!("mutation #{i}"));
    }
}

#[test]
fn fuzz_router() {
    exercise("router", 20_000, ferroute_router::fuzz::match_path);
}

#[test]
fn fuzz_route_files() {
    exercise("route_files", 10_000, ferroute_router::fuzz::route_files);
}

#[test]
fn fuzz_cookie() {
    exercise("cookie", 40_000, ferroute_runtime::fuzz::cookie);
}

#[test]
fn fuzz_header_value() {
    exercise("header_value", 50_000, ferroute_runtime::fuzz::header_value);
}

#[test]
fn fuzz_multipart() {
    let mut engine = ferroute_runtime::fuzz::Multipart::new();
    exercise("multipart", 4_000, |data| engine.run(data));
}

#[test]
fn fuzz_tsconfig() {
    let mut project = ferroute_compiler::fuzz::Tsconfig::new();
    exercise("tsconfig", 500, |data| project.run(data));
}
