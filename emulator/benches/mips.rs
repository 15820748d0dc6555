//! Emulated MIPS with cycle accounting on and off, measured in one run (`cargo xtask bench`).
//!
//! With accounting off there is no block hook, so nothing counts instructions: the figure
//! uses the count of the accounted run of the same (deterministic) firmware.

use std::time::Instant;

use cyclops_emulator::{Config, Machine, Outcome};

const ROUNDS: usize = 5;

fn time(elf: &[u8], timing: bool) -> (f64, u64) {
    let mut best = f64::MAX;
    let mut instructions = 0;
    for _ in 0..ROUNDS {
        let mut m = Machine::new(
            elf,
            Config {
                timing,
                ..Config::default()
            },
        )
        .expect("loads");
        let start = Instant::now();
        let outcome = m.run(u64::MAX).expect("runs");
        let secs = start.elapsed().as_secs_f64();
        assert_eq!(outcome, Outcome::Exited(0));
        best = best.min(secs);
        instructions = m.instructions();
    }
    (best, instructions)
}

fn main() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../firmware-images");
    println!(
        "{:<8} {:>14} {:>12} {:>12} {:>7}",
        "firmware", "instructions", "MIPS on", "MIPS off", "on/off"
    );
    for name in ["blinky", "busy"] {
        let elf = std::fs::read(format!("{root}/{name}.elf")).expect("firmware image");
        let (on, instructions) = time(&elf, true);
        let (off, _) = time(&elf, false);
        let mips = |secs: f64| instructions as f64 / secs / 1e6;
        println!(
            "{name:<8} {instructions:>14} {:>12.1} {:>12.1} {:>7.2}",
            mips(on),
            mips(off),
            mips(on) / mips(off)
        );
    }
}
