//! What `run` and `test` share: loading firmware onto a machine, and naming how a run ended.

use std::path::Path;

use anyhow::Context;
use emulator::{board::Board, Config, Machine, Outcome};

use crate::status;

/// Why a command could not do its job, by exit status.
pub enum Failure {
    /// Bad input: an unknown board, a file that is not firmware (exit 65).
    Input(anyhow::Error),
    /// `cyclops tui` without a terminal (exit 69).
    NoTerminal(anyhow::Error),
    /// A file that cannot be read or written (exit 74).
    Io(anyhow::Error),
    /// Cyclops itself failed (exit 70).
    Internal(anyhow::Error),
}

impl Failure {
    /// The exit status and the error, for printing.
    pub fn split(self) -> (u8, anyhow::Error) {
        match self {
            Failure::Input(e) => (status::BAD_INPUT, e),
            Failure::NoTerminal(e) => (status::NO_TERMINAL, e),
            Failure::Io(e) => (status::IO, e),
            Failure::Internal(e) => (status::INTERNAL, e),
        }
    }
}

impl From<emulator::EngineError> for Failure {
    fn from(e: emulator::EngineError) -> Failure {
        Failure::Internal(e.into())
    }
}

/// Builds a machine for `board` with the ELF `bytes` (named `path` in errors) loaded.
pub fn machine(bytes: &[u8], path: &Path, board: &'static Board) -> Result<Machine, Failure> {
    machine_with(
        bytes,
        path,
        Config {
            board,
            ..Config::default()
        },
    )
}

/// Builds a machine set up as `config` says with the ELF `bytes` (named `path` in errors).
pub fn machine_with(bytes: &[u8], path: &Path, config: Config) -> Result<Machine, Failure> {
    Machine::new(bytes, config).map_err(|e| match e {
        emulator::Error::Load(e) => {
            Failure::Input(anyhow::Error::new(e).context(format!("{}", path.display())))
        }
        emulator::Error::Engine(e) => Failure::Internal(e.into()),
    })
}

/// Reads the firmware (or Python script: `.py`, `.mpy`) at `path` and builds a machine
/// for `board_name` with it.
pub fn load(path: &Path, board_name: &str, flash_wait_states: bool) -> Result<Machine, Failure> {
    let board = Board::by_name(board_name).map_err(|e| Failure::Input(e.into()))?;
    if crate::script::is_script(path) {
        let mpy = crate::script::load_mpy(path)?;
        return crate::script::machine(&mpy, board, flash_wait_states);
    }
    let elf = std::fs::read(path)
        .with_context(|| format!("cannot read {}", path.display()))
        .map_err(Failure::Io)?;
    let config = Config {
        board,
        timing: true,
        flash_wait_states,
    };
    machine_with(&elf, path, config)
}

/// The exit status `cyclops run` gives an outcome.
pub fn exit_status(outcome: &Outcome) -> u8 {
    match outcome {
        Outcome::Exited(code) => *code as u8,
        Outcome::CycleLimit => status::CYCLE_LIMIT,
        Outcome::Halted => status::HALTED,
        Outcome::Fault(_) | Outcome::Lockup(_) => status::FAULT,
        Outcome::Breakpoint { .. } => status::BREAKPOINT,
        // The run loop feeds or closes the input, so a run never ends waiting.
        Outcome::WaitingForInput => status::HALTED,
    }
}

/// An outcome in words.
pub fn describe(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Exited(code) => format!("firmware exited with code {code}"),
        Outcome::CycleLimit => "stopped at the cycle limit (--max-cycles)".into(),
        Outcome::Halted => "the core sleeps and nothing can wake it".into(),
        Outcome::Fault(r) => format!("fault: {r}"),
        Outcome::Lockup(r) => format!("lockup: {r}"),
        Outcome::Breakpoint { pc, imm } => format!("breakpoint #{imm} at {pc:#010x}"),
        Outcome::WaitingForInput => "waiting for semihosting input".into(),
    }
}
