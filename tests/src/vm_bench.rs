//! VM microbenchmarks: the scripts in `tests/benches/python/`, run on the Python runtime
//! firmware. Each script has one line `N = <count>` that sets its iteration count; it is
//! rewritten before compiling, so the code is the same for every count. Running a script
//! with N and with 2N iterations, (cycles(2N) - cycles(N)) / N is what one iteration costs,
//! with start-up, loading and the final check cancelled out. The scripts print nothing and
//! check their result with `assert` (a failure exits with status 1), so they run the same
//! instructions with the timing model off.

use std::{
    fmt,
    path::{Path, PathBuf},
};

use cyclops::script;
use emulator::{board::STM32F405, Event, Outcome};

/// The iteration count the microbenchmarks are measured at (and twice that).
pub const N: u32 = 1000;

/// Cycles one run may take before it counts as hung.
const MAX_CYCLES: u64 = 4_000_000_000;

/// The microbenchmarks, in the order they are reported.
pub const NAMES: &[&str] = &[
    "empty_loop",
    "int_loop",
    "calls",
    "attributes",
    "list_append",
    "dict_lookup",
    "str_build",
];

/// The path of the microbenchmark `name`.
pub fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("benches/python")
        .join(format!("{name}.py"))
}

/// `script` compiled with its `N = ...` line set to `n`.
pub fn compile(script: &Path, n: u32) -> Vec<u8> {
    let source = std::fs::read_to_string(script)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", script.display()));
    let counts = source.lines().filter(|l| l.starts_with("N = ")).count();
    assert_eq!(
        counts,
        1,
        "{}: needs exactly one `N = <count>` line",
        script.display()
    );
    let rewritten: String = source
        .lines()
        .map(|l| {
            if l.starts_with("N = ") {
                format!("N = {n}\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join(script.file_name().expect("a file name"));
    std::fs::write(&path, rewritten).expect("write the rewritten script");
    let name = script.file_name().expect("a file name").to_string_lossy();
    script::compile(&path, &name)
        .unwrap_or_else(|f| panic!("{}: {:#}", script.display(), f.split().1))
}

/// Runs `mpy` on the runtime firmware: how it ended, what it printed on USART1, and its
/// cycles.
pub fn run(mpy: &[u8]) -> (Outcome, Vec<u8>, u64) {
    run_with(mpy, false)
}

/// [`run`], with flash wait states when asked (`Config::flash_wait_states`).
fn run_with(mpy: &[u8], flash_wait_states: bool) -> (Outcome, Vec<u8>, u64) {
    let mut m = script::machine(mpy, &STM32F405, flash_wait_states)
        .unwrap_or_else(|f| panic!("the runtime image: {:#}", f.split().1));
    let outcome = m.run(MAX_CYCLES).expect("engine");
    let printed = m
        .drain_events()
        .into_iter()
        .filter_map(|e| match e {
            Event::Uart { uart: 1, byte, .. } => Some(byte),
            _ => None,
        })
        .collect();
    (outcome, printed, m.cycles())
}

/// Emulated cycles of one run of `mpy`, which must exit with status 0 having printed nothing.
fn cycles(mpy: &[u8], script: &Path, flash_wait_states: bool) -> u64 {
    let (outcome, printed, cycles) = run_with(mpy, flash_wait_states);
    assert_eq!(
        (outcome, String::from_utf8_lossy(&printed)),
        (Outcome::Exited(0), "".into()),
        "{} failed",
        script.display()
    );
    cycles
}

/// Cycles per iteration, exactly: `whole` and `remainder`/`n` of a cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PerIteration {
    pub whole: u64,
    pub remainder: u64,
    pub n: u64,
}

impl fmt::Display for PerIteration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.remainder == 0 {
            write!(f, "{}", self.whole)
        } else {
            write!(f, "{} {}/{}", self.whole, self.remainder, self.n)
        }
    }
}

/// What one iteration of `script` costs, from runs with `n` and `2n` iterations.
pub fn per_iteration(script: &Path, n: u32) -> PerIteration {
    per_iteration_with(script, n, false)
}

/// [`per_iteration`], with flash wait states when asked (`Config::flash_wait_states`).
pub fn per_iteration_with(script: &Path, n: u32, flash_wait_states: bool) -> PerIteration {
    let once = cycles(&compile(script, n), script, flash_wait_states);
    let twice = cycles(&compile(script, 2 * n), script, flash_wait_states);
    let extra = twice.checked_sub(once).unwrap_or_else(|| {
        panic!(
            "{}: {n} more iterations took fewer cycles",
            script.display()
        )
    });
    let n = u64::from(n);
    PerIteration {
        whole: extra / n,
        remainder: extra % n,
        n,
    }
}
