//! Regression scenarios: YAML files in Wokwi's scenario format v1 plus Cyclops' own verbs,
//! checked before they run, then run on the machine with a verdict per step.

mod check;
mod diagram;
mod exec;
pub mod format;

pub use check::{load, Invalid, Scenario, Sources};
pub use exec::{run, Report, StepReport, Verdict};
