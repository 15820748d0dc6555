//! The `cyclops` command line.

mod run;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit statuses besides the firmware's own exit code (documented in the README).
pub mod status {
    /// The run used up `--max-cycles`.
    pub const CYCLE_LIMIT: u8 = 124;
    /// The firmware faulted with no handler, or locked up.
    pub const FAULT: u8 = 125;
    /// The core went to sleep with nothing left to wake it.
    pub const HALTED: u8 = 123;
    /// The firmware hit a breakpoint that is not a semihosting call.
    pub const BREAKPOINT: u8 = 122;
    /// The input (ELF file, arguments) is not something Cyclops can run.
    pub const BAD_INPUT: u8 = 65;
    /// A host I/O error (a file that cannot be read or written).
    pub const IO: u8 = 74;
    /// Cyclops itself failed.
    pub const INTERNAL: u8 = 70;
}

#[derive(Parser)]
#[command(
    name = "cyclops",
    version,
    about = "A cycle-exact Cortex-M4 emulator for STM32F405 firmware"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a firmware ELF: USART1 to stdout, a summary on stderr.
    Run(run::RunArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run(args) => run::main(args),
    }
}
