//! Emulated cycles per iteration of the VM microbenchmarks (`tests/benches/python/*.py`) on
//! the Python runtime firmware: `cargo xtask bench`. Exact, as the emulator is deterministic;
//! each figure includes the loop's own cost (the `empty_loop` row).

use cyclops_tests::vm_bench::{per_iteration, script, N, NAMES};

/// The clock the cycle counts are converted at: the STM32F405's maximum.
const MHZ: f64 = 168.0;

fn main() {
    println!(
        "{:<14} {:>18} {:>14}",
        "microbenchmark", "cycles/iteration", "µs at 168 MHz"
    );
    for name in NAMES {
        let per = per_iteration(&script(name), N);
        let exact = per.whole as f64 + per.remainder as f64 / per.n as f64;
        println!("{name:<14} {:>18} {:>14.2}", per.to_string(), exact / MHZ);
    }
}
