//! Typed errors of the emulator library. Binaries wrap them with `anyhow`.

use thiserror::Error;

/// Why an ELF image could not be loaded onto a board.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum LoadError {
    #[error(
        "not an ELF file (the first bytes are {found:02x?}, an ELF file starts with 7f 45 4c 46)"
    )]
    NotElf { found: Vec<u8> },
    #[error("the ELF file is truncated or malformed: {0}")]
    Malformed(String),
    #[error("the ELF file is for {found}, Cyclops runs 32-bit little-endian ARM (EM_ARM) images")]
    WrongArch { found: String },
    #[error(
        "segment {index} ({len} bytes at {addr:#010x}) lies outside the memory of board `{board}`"
    )]
    OutsideMemory {
        index: usize,
        addr: u32,
        len: u32,
        board: &'static str,
    },
    #[error("segment {index} at {addr:#010x} has {len} bytes of file data but the file holds only {file_len}")]
    SegmentPastEnd {
        index: usize,
        addr: u32,
        len: u64,
        file_len: usize,
    },
    #[error("the image has no loadable segments")]
    NoSegments,
    #[error("{len} bytes at {addr:#010x} would overlap the image's segment at {other:#010x}")]
    Overlap { addr: u32, len: u32, other: u32 },
    #[error(
        "the vector table at {vtor:#010x} is not in loaded memory (no initial SP and reset vector)"
    )]
    NoVectorTable { vtor: u32 },
    #[error("the reset vector {0:#010x} is not a Thumb address in executable memory")]
    BadResetVector(u32),
}

/// A failure of the emulation engine itself (never of the guest program:
/// guest faults are [`crate::Outcome`]s).
#[derive(Debug, Error)]
pub enum EngineError {
    #[error("unicorn failed during {what}: {err:?}")]
    Unicorn {
        what: &'static str,
        err: unicorn_engine::uc_error,
    },
    #[error("unknown board `{0}` (known boards: {known})", known = crate::board::Board::names().join(", "))]
    UnknownBoard(String),
}

pub(crate) trait UcResultExt<T> {
    fn during(self, what: &'static str) -> Result<T, EngineError>;
}

impl<T> UcResultExt<T> for Result<T, unicorn_engine::uc_error> {
    fn during(self, what: &'static str) -> Result<T, EngineError> {
        self.map_err(|err| EngineError::Unicorn { what, err })
    }
}
