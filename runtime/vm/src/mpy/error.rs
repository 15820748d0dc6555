//! Why a `.mpy` file cannot be loaded.

use core::fmt;

use super::{Arch, FUN_TABLE_LEN, MAX_NESTING};
use crate::qstr::STATIC_QSTRS;

/// What the loader supports, for the messages.
const SUPPORTED: &str = "Cyclops runs mpy v6.3 (MicroPython 1.29)";

/// A `.mpy` file the loader rejects. Offsets are byte offsets into the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The first byte is not `'M'`.
    NotMpy { found: Option<u8> },
    /// A format version other than 6.
    UnsupportedVersion { found: u8 },
    /// Machine code for a sub-version other than 3 (bytecode-only files carry none).
    UnsupportedSubVersion { found: u8 },
    /// Machine code for an architecture a Cortex-M4F cannot run (the header's number).
    UnsupportedArch { arch: u8 },
    /// Architecture-specific flags follow the header (only RISC-V files have them).
    ArchFlags,
    /// Small ints wider than ours (31 bits): constants may not fit.
    SmallIntBits { found: u8 },
    /// The file ends in the middle of something.
    Truncated { section: Section, offset: usize },
    /// The bytes at `offset` cannot be what the format says is there.
    Corrupt {
        section: Section,
        offset: usize,
        problem: Problem,
    },
    /// Bytes follow the module's code.
    TrailingBytes { offset: usize, count: usize },
}

/// The part of the file an error is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Header,
    QstrTable,
    ObjectTable,
    RawCode,
    Prelude,
    Relocations,
}

/// What is wrong in a corrupt file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A variable-length number does not fit in 32 bits.
    NumberTooLarge,
    /// A string is not UTF-8.
    InvalidUtf8,
    /// A string does not end in the NUL byte the format puts after it.
    MissingNul,
    /// A static qstr number MicroPython 1.29 does not have.
    UnknownStaticQstr(u32),
    /// The qstr table is empty, but its entry 0 names the source file.
    NoSourceFile,
    /// An object type byte the format does not define.
    UnknownObjectKind(u8),
    /// The text of an int, float or complex constant is not a number.
    MalformedNumber(NumberKind),
    /// Tuples or functions nested deeper than the loader's limit.
    TooDeep,
    /// A prelude refers to a qstr beyond the module's table.
    QstrIndex { index: u32, table_len: usize },
    /// A native function's prelude offset lies beyond its code.
    PreludeOffset { offset: u32, code_len: usize },
    /// A prelude runs past the end of its function's data.
    PreludeOverrun,
    /// A prelude's signature does not fit in 32-bit fields.
    PreludeTooLarge,
    /// Scope flags other than generator, `*args`, `**kwargs` and keyword defaults.
    UnknownScopeFlags(u32),
    /// The argument names do not fit in the prelude's info section.
    ArgNamesOverrun,
    /// More default values than positional arguments.
    TooManyDefaults,
    /// Fewer state slots than arguments.
    StateTooSmall,
    /// A closure cell names a local beyond the state.
    CellOutOfRange(u8),
    /// A relocation before any relocation said where to start.
    RelocationWithoutLocation,
    /// A relocation patches words beyond the text or rodata.
    RelocationOutOfBounds,
    /// A relocation names an entry beyond the native function table.
    UnknownFunTableEntry(u8),
}

/// The kinds of constant stored as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    Int,
    Float,
    Complex,
}

/// The name MicroPython's `-march` option uses for an architecture number.
fn arch_name(arch: u8) -> Option<&'static str> {
    const NAMES: [&str; 14] = [
        "none",
        "x86",
        "x64",
        "armv6",
        "armv6m",
        "armv7m",
        "armv7em",
        "armv7emsp",
        "armv7emdp",
        "xtensa",
        "xtensawin",
        "rv32imc",
        "rv64imc",
        "debug",
    ];
    NAMES.get(usize::from(arch)).copied()
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::NotMpy { found: None } => write!(f, "not an .mpy file: it is empty"),
            Self::NotMpy { found: Some(b) } => write!(
                f,
                "not an .mpy file: it starts with byte 0x{b:02x}, not 'M'"
            ),
            Self::UnsupportedVersion { found } => {
                write!(f, "mpy version {found} is not supported: {SUPPORTED}")
            }
            Self::UnsupportedSubVersion { found } => write!(
                f,
                "native code for mpy v6.{found} is not supported: {SUPPORTED}"
            ),
            Self::UnsupportedArch { arch } => {
                match arch_name(arch) {
                    Some(name) => write!(f, "arch {name}")?,
                    None => write!(f, "unknown arch {arch}")?,
                }
                write!(
                    f,
                    " cannot run on a Cortex-M4F: compile with mpy-cross -march={} \
                     (or armv6m, armv7m, armv7em), or to bytecode only",
                    Arch::ArmV7EMSP.name()
                )
            }
            Self::ArchFlags => write!(
                f,
                "the file has architecture flags (only RISC-V code has them): {SUPPORTED} \
                 for Cortex-M"
            ),
            Self::SmallIntBits { found } => write!(
                f,
                "the file was compiled for {found}-bit small ints: Cyclops has 31-bit small ints"
            ),
            Self::Truncated { section, offset } => {
                write!(f, "truncated in the {section} at byte {offset}")
            }
            Self::Corrupt {
                section,
                offset,
                problem,
            } => write!(
                f,
                "corrupt .mpy file: {problem} at byte {offset}, in the {section}"
            ),
            Self::TrailingBytes { offset, count } => write!(
                f,
                "corrupt .mpy file: {count} unexpected bytes after the module's code at byte {offset}"
            ),
        }
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Header => "header",
            Self::QstrTable => "qstr table",
            Self::ObjectTable => "constant object table",
            Self::RawCode => "raw-code tree",
            Self::Prelude => "prelude of a function",
            Self::Relocations => "relocations of a viper function",
        })
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::NumberTooLarge => write!(f, "a number does not fit in 32 bits"),
            Self::InvalidUtf8 => write!(f, "a string is not valid UTF-8"),
            Self::MissingNul => write!(f, "a string does not end in a NUL byte"),
            Self::UnknownStaticQstr(n) => write!(
                f,
                "static qstr {n} does not exist (MicroPython 1.29 has 1 to {})",
                STATIC_QSTRS.len()
            ),
            Self::NoSourceFile => {
                write!(f, "the qstr table is empty (entry 0 names the source file)")
            }
            Self::UnknownObjectKind(k) => write!(f, "unknown constant object type {k}"),
            Self::MalformedNumber(kind) => {
                let kind = match kind {
                    NumberKind::Int => "an int",
                    NumberKind::Float => "a float",
                    NumberKind::Complex => "a complex",
                };
                write!(f, "the text of {kind} constant is not a number")
            }
            Self::TooDeep => write!(f, "nesting deeper than {MAX_NESTING} levels"),
            Self::QstrIndex { index, table_len } => write!(
                f,
                "qstr index {index} is outside the module's table of {table_len} qstrs"
            ),
            Self::PreludeOffset { offset, code_len } => write!(
                f,
                "prelude offset {offset} is beyond the function's {code_len} bytes of code"
            ),
            Self::PreludeOverrun => write!(f, "the prelude runs past the end of the function"),
            Self::PreludeTooLarge => write!(f, "a prelude field does not fit in 32 bits"),
            Self::UnknownScopeFlags(flags) => write!(f, "unknown scope flags 0x{flags:x}"),
            Self::ArgNamesOverrun => {
                write!(f, "the argument names run past the prelude's info section")
            }
            Self::TooManyDefaults => write!(f, "more default values than positional arguments"),
            Self::StateTooSmall => write!(f, "fewer state slots than arguments"),
            Self::CellOutOfRange(local) => {
                write!(f, "closure cell for local {local} is beyond the state")
            }
            Self::RelocationWithoutLocation => write!(f, "a relocation has no location"),
            Self::RelocationOutOfBounds => {
                write!(f, "a relocation patches words beyond its section")
            }
            Self::UnknownFunTableEntry(e) => write!(
                f,
                "relocation to native function table entry {e} (the table has {FUN_TABLE_LEN})"
            ),
        }
    }
}
