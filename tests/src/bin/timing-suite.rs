//! Writes the timing conformance suite as one firmware image (see `tests/timing/README.md`):
//! `cargo run -p cyclops-tests --bin timing-suite -- timing-suite.elf`.

use std::process::ExitCode;

use cyclops_tests::{assemble, suite};

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: timing-suite OUTPUT.elf");
        return ExitCode::from(2);
    };
    let elf = assemble(&suite::image_source(&suite::cases()));
    if let Err(e) = std::fs::write(&path, elf) {
        eprintln!("cannot write {}: {e}", path.to_string_lossy());
        return ExitCode::from(74);
    }
    ExitCode::SUCCESS
}
