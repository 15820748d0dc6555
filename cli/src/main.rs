//! The `cyclops` command line.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use cyclops::{bench, run, test, tui};

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
    /// Run scenario files (YAML): exit 0 when all pass, 1 on a failure, 42 on a timeout,
    /// 65 when a scenario is invalid.
    Test(test::TestArgs),
    /// Watch firmware run in the terminal: pins, UART console, CPU (a demo if no argument).
    Tui(tui::TuiArgs),
    /// Exact cycles per call of each function of a Python script, as written or per emitter
    /// (--sweep): a table on stdout, JSON/CSV/SVG on request.
    Bench(bench::BenchArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run(args) => run::main(args),
        Command::Test(args) => test::main(args),
        Command::Tui(args) => tui::main(args),
        Command::Bench(args) => bench::main(args),
    }
}
