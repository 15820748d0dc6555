//! The `cyclops` command line as a library: the binary's commands, the scenario runner
//! that the `scenarios` test harness (`cli/tests/scenarios.rs`) also drives, and the TUI
//! whose emulator thread and renderer the `tui` benchmark drives.

pub mod bench;
pub mod outcome;
pub mod profile;
pub mod run;
pub mod scenario;
pub mod script;
pub mod test;
pub mod trace;
pub mod tui;

/// Exit statuses besides the firmware's own exit code (documented in the README).
pub mod status {
    /// `cyclops test`: a scenario failed.
    pub const TEST_FAILED: u8 = 1;
    /// `cyclops test`: a scenario ran into its timeout (as wokwi-cli).
    pub const TEST_TIMEOUT: u8 = 42;
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
    /// `cyclops tui` was started without a terminal.
    pub const NO_TERMINAL: u8 = 69;
    /// A host I/O error (a file that cannot be read or written).
    pub const IO: u8 = 74;
    /// Cyclops itself failed.
    pub const INTERNAL: u8 = 70;
}
