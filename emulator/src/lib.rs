//! Cyclops' machine: a deterministic, cycle-exact Cortex-M4F with a board around it.
//!
//! [`Machine`] loads an ELF image onto a [`board::Board`], runs it under Unicorn with the
//! [`timing`] model charging every instruction, and reports [`Event`]s and an [`Outcome`].
//! It does no terminal or file I/O of its own.

mod art;
pub mod board;
pub mod elf;
mod error;
pub mod event;
mod machine;
pub mod peripherals;
pub mod semihosting;
pub mod system;
pub mod timing;

pub use error::{EngineError, LoadError};
pub use event::{pin_name, Event, FaultReport, Outcome};
pub use machine::{CallProbe, Config, Machine};

/// Anything that can go wrong building a machine.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Engine(#[from] EngineError),
}
