//! The `.mpy` v6.3 loader: turns a file written by MicroPython 1.29's `mpy-cross` into
//! owned data — header, qstr table, constant objects and the tree of raw codes.
//!
//! It checks everything it reads against the input's bounds and the format's
//! invariants, so any input gives a value or a [`LoadError`], never a panic, and no
//! length field makes it allocate more than the input could fill. Machine code is
//! kept as bytes: linking it is the next step's job.

mod error;
mod prelude;
mod reader;

use alloc::{string::String, vec::Vec};

pub use error::{LoadError, NumberKind, Problem, Section};
pub use prelude::Prelude;

use reader::Reader;

/// Scope flags, as preludes and viper records store them.
pub mod scope {
    pub const GENERATOR: u32 = 0x01;
    pub const VARKEYWORDS: u32 = 0x02;
    pub const VARARGS: u32 = 0x04;
    pub const DEFKWARGS: u32 = 0x08;
    /// The flags a prelude can hold.
    pub(super) const ALL: u32 = 0x0f;
    /// Viper records only (from C modules linked by `mpy_ld.py`; `mpy-cross` writes 0):
    /// relocations follow the children.
    pub const VIPER_RELOC: u32 = 0x10;
    /// Viper records only: read-only data follows.
    pub const VIPER_RODATA: u32 = 0x20;
    /// Viper records only: the code needs zeroed data of a given size.
    pub const VIPER_BSS: u32 = 0x40;
}

/// How many levels of tuples may nest inside the outermost tuple, and of functions and
/// classes inside the module body. The loader recurses, and the firmware's stack is
/// small; Python code rarely goes beyond a handful of levels.
pub const MAX_NESTING: usize = 32;

/// Entries in MicroPython 1.29's native function table (`mp_fun_table`).
pub const FUN_TABLE_LEN: u8 = 87;

/// The header's version byte.
const VERSION: u8 = 6;
/// The feature byte's sub-version, which machine code must match.
const SUB_VERSION: u8 = 3;
/// Our small ints: 31 bits (MicroPython's REPR_A on a 32-bit machine).
const SMALL_INT_BITS: u8 = 31;
/// Relocations patch machine words.
const WORD: u64 = 4;

/// A loaded `.mpy` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mpy {
    pub arch: Arch,
    /// Bits in a small int where the file was compiled (at most our 31).
    pub small_int_bits: u8,
    /// The module's qstrs: entry 0 is the source file name.
    pub qstrs: Vec<Qstr>,
    /// The constant object table.
    pub constants: Vec<Const>,
    /// The module body; every function and class body is a descendant.
    pub module: RawCode,
}

impl Mpy {
    /// The text of qstr table entry `index`.
    pub fn qstr(&self, index: u32) -> Option<&str> {
        self.qstrs.get(index as usize).map(Qstr::as_str)
    }

    /// The source file name the compiler recorded, for tracebacks.
    pub fn source_file(&self) -> &str {
        self.qstrs.first().map_or("", Qstr::as_str)
    }
}

/// The architectures whose machine code a Cortex-M4F runs; `Bytecode` files have none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arch {
    Bytecode,
    ArmV6M,
    ArmV7M,
    ArmV7EM,
    ArmV7EMSP,
}

impl Arch {
    fn from_number(n: u8) -> Option<Self> {
        Some(match n {
            0 => Self::Bytecode,
            4 => Self::ArmV6M,
            5 => Self::ArmV7M,
            6 => Self::ArmV7EM,
            7 => Self::ArmV7EMSP,
            _ => return None,
        })
    }

    /// The name `mpy-cross -march=` uses.
    pub fn name(self) -> &'static str {
        match self {
            Self::Bytecode => "none",
            Self::ArmV6M => "armv6m",
            Self::ArmV7M => "armv7m",
            Self::ArmV7EM => "armv7em",
            Self::ArmV7EMSP => "armv7emsp",
        }
    }
}

/// A qstr table entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Qstr {
    /// One of the qstrs every MicroPython 1.29 has, by its number (1-based).
    Static { number: u16, text: &'static str },
    /// A string the file spells out.
    Dynamic(String),
}

impl Qstr {
    pub fn as_str(&self) -> &str {
        match self {
            Self::Static { text, .. } => text,
            Self::Dynamic(s) => s,
        }
    }
}

/// A constant object.
///
/// Numbers keep the text the compiler wrote (base-10 digits for ints too big for a
/// small int, `repr()` for floats and complex numbers): the object model converts it,
/// to single-precision floats the way MicroPython's parser rounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Const {
    /// Stands for the native function table, which machine code finds through here.
    FunTable,
    None,
    False,
    True,
    Ellipsis,
    Str(String),
    Bytes(Vec<u8>),
    /// An optional `-` and decimal digits.
    Int(String),
    /// As `float()` parses it, e.g. `3.25`, `1e-300`, `inf`.
    Float(String),
    /// As `complex()` parses it, e.g. `2.5j`, `(1+2j)`.
    Complex(String),
    Tuple(Vec<Const>),
}

/// A function, class or module body: bytecode, or machine code from one of the three
/// native emitters. Children are the functions and classes defined inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawCode {
    Bytecode(Bytecode),
    /// `@micropython.native`.
    Native(Native),
    /// `@micropython.viper`.
    Viper(Viper),
    /// `@micropython.asm_thumb`.
    Asm(Asm),
}

impl RawCode {
    pub fn children(&self) -> &[RawCode] {
        match self {
            Self::Bytecode(c) => &c.children,
            Self::Native(c) => &c.children,
            Self::Viper(c) => &c.children,
            Self::Asm(c) => &c.children,
        }
    }

    /// Bytecode and native functions have a prelude; viper and asm ones have none (not
    /// even a name).
    pub fn prelude(&self) -> Option<&Prelude> {
        match self {
            Self::Bytecode(c) => Some(&c.prelude),
            Self::Native(c) => Some(&c.prelude),
            Self::Viper(_) | Self::Asm(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bytecode {
    pub prelude: Prelude,
    /// The opcodes after the prelude.
    pub code: Vec<u8>,
    pub children: Vec<RawCode>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Native {
    /// Thumb code, with the prelude at `prelude_offset`. The first word is the index
    /// of the prelude pointer in the function's child table (its number of children);
    /// the function's code starts at +4. A generator's resume entry starts at +8
    /// instead: its second word is the offset of the body, where the first resume
    /// jumps (the initial `ip` of its code state).
    pub code: Vec<u8>,
    pub prelude_offset: u32,
    pub prelude: Prelude,
    pub children: Vec<RawCode>,
}

/// Viper code. The file stores no type signature for it: argument conversions and the
/// return conversion are compiled into the code (calls to `mp_fun_table` entries 3 and
/// 4 with the type as an immediate), and so is the argument-count check (entry 44).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viper {
    /// Thumb code; it starts at its entry point.
    pub code: Vec<u8>,
    /// [`scope::VIPER_RELOC`], [`scope::VIPER_RODATA`], [`scope::VIPER_BSS`].
    pub scope_flags: u32,
    pub rodata: Vec<u8>,
    /// Bytes of zeroed data to allocate (not bounded by the file: check before allocating).
    pub bss_size: u32,
    pub relocations: Vec<Relocation>,
    pub children: Vec<RawCode>,
}

/// Inline Thumb assembler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asm {
    /// Thumb code; it starts at its entry point.
    pub code: Vec<u8>,
    pub scope_flags: u32,
    /// Arguments, passed converted in r0-r3.
    pub n_pos_args: u32,
    /// How to convert the value left in r0: the return annotation's native type
    /// (0 object, 1 bool, 2 int — the default —, 3 uint).
    pub type_sig: u32,
    pub children: Vec<RawCode>,
}

/// One relocation: add `value` to each of `count` consecutive 32-bit words starting at
/// word `word` of `region`. The file's stream leaves out locations that follow on from
/// the previous relocation; here every relocation has its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relocation {
    pub region: Region,
    pub word: u32,
    pub count: u32,
    pub value: RelocValue,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    Text,
    Rodata,
}

/// What a relocation adds: the address where something ends up at load time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelocValue {
    Text,
    Rodata,
    Bss,
    QstrTable,
    ObjTable,
    FunTable,
    /// The value of `mp_fun_table[n]`.
    FunTableEntry(u8),
}

/// Loads a whole `.mpy` file.
pub fn parse(file: &[u8]) -> Result<Mpy, LoadError> {
    let mut r = Reader::new(file, Section::Header);
    let (arch, small_int_bits) = header(&mut r)?;

    r.section = Section::QstrTable;
    let n_qstr = r.count()?;
    r.section = Section::ObjectTable;
    let n_obj = r.count()?;

    r.section = Section::QstrTable;
    if n_qstr == 0 {
        return Err(r.corrupt_at(r.offset(), Problem::NoSourceFile));
    }
    let mut qstrs = Vec::new();
    for _ in 0..n_qstr {
        qstrs.push(qstr(&mut r)?);
    }

    r.section = Section::ObjectTable;
    let mut constants = Vec::new();
    for _ in 0..n_obj {
        constants.push(constant(&mut r, 0)?);
    }

    r.section = Section::RawCode;
    let module = raw_code(&mut r, qstrs.len(), 0)?;
    if r.remaining() != 0 {
        return Err(LoadError::TrailingBytes {
            offset: r.offset(),
            count: r.remaining(),
        });
    }
    Ok(Mpy {
        arch,
        small_int_bits,
        qstrs,
        constants,
        module,
    })
}

fn header(r: &mut Reader) -> Result<(Arch, u8), LoadError> {
    let magic = r.byte().map_err(|_| LoadError::NotMpy { found: None })?;
    if magic != b'M' {
        return Err(LoadError::NotMpy { found: Some(magic) });
    }
    let version = r.byte()?;
    if version != VERSION {
        return Err(LoadError::UnsupportedVersion { found: version });
    }
    let features = r.byte()?;
    let small_int_bits = r.byte()?;
    // Bits 2-5 and 7 hold the arch (as MicroPython decodes it); bit 6 says flags follow.
    let number = features >> 2 & 0x2f;
    let arch = Arch::from_number(number).ok_or(LoadError::UnsupportedArch { arch: number })?;
    // Bytecode is the same in every v6 sub-version; machine code is not.
    if arch != Arch::Bytecode && features & 3 != SUB_VERSION {
        return Err(LoadError::UnsupportedSubVersion {
            found: features & 3,
        });
    }
    if features & 0x40 != 0 {
        return Err(LoadError::ArchFlags);
    }
    if small_int_bits > SMALL_INT_BITS {
        return Err(LoadError::SmallIntBits {
            found: small_int_bits,
        });
    }
    Ok((arch, small_int_bits))
}

/// A vuint whose low bit says static (a number) or not (a length, then the text and a NUL).
fn qstr(r: &mut Reader) -> Result<Qstr, LoadError> {
    let start = r.offset();
    let v = r.vuint()?;
    if v & 1 != 0 {
        let number = v >> 1;
        let text = crate::qstr::static_qstr(number)
            .ok_or_else(|| r.corrupt_at(start, Problem::UnknownStaticQstr(number)))?;
        // Static qstrs number fewer than 200: the lookup bounds the number.
        let number = number as u16;
        return Ok(Qstr::Static { number, text });
    }
    let text = r.bytes_from(start, (v >> 1) as usize)?;
    let text = utf8(r, start, text)?;
    nul(r)?;
    Ok(Qstr::Dynamic(text))
}

fn constant(r: &mut Reader, depth: usize) -> Result<Const, LoadError> {
    let start = r.offset();
    Ok(match r.byte()? {
        0 => Const::FunTable,
        1 => Const::None,
        2 => Const::False,
        3 => Const::True,
        4 => Const::Ellipsis,
        5 => {
            let text = r.sized_bytes()?;
            let text = utf8(r, start, text)?;
            nul(r)?;
            Const::Str(text)
        }
        6 => {
            let bytes = r.sized_bytes()?.to_vec();
            nul(r)?;
            Const::Bytes(bytes)
        }
        7 => Const::Int(number(r, start, NumberKind::Int)?),
        8 => Const::Float(number(r, start, NumberKind::Float)?),
        9 => Const::Complex(number(r, start, NumberKind::Complex)?),
        10 => {
            if depth > MAX_NESTING {
                return Err(r.corrupt_at(start, Problem::TooDeep));
            }
            let n = r.count()?;
            let mut items = Vec::new();
            for _ in 0..n {
                items.push(constant(r, depth + 1)?);
            }
            Const::Tuple(items)
        }
        kind => return Err(r.corrupt_at(start, Problem::UnknownObjectKind(kind))),
    })
}

fn utf8(r: &Reader, start: usize, bytes: &[u8]) -> Result<String, LoadError> {
    core::str::from_utf8(bytes)
        .map(String::from)
        .map_err(|_| r.corrupt_at(start, Problem::InvalidUtf8))
}

/// The NUL the format writes after strings, bytes and dynamic qstrs.
fn nul(r: &mut Reader) -> Result<(), LoadError> {
    let at = r.offset();
    match r.byte()? {
        0 => Ok(()),
        _ => Err(r.corrupt_at(at, Problem::MissingNul)),
    }
}

/// The text of a number constant, checked to be one.
fn number(r: &mut Reader, start: usize, kind: NumberKind) -> Result<String, LoadError> {
    let text = r.sized_bytes()?;
    let valid = core::str::from_utf8(text).is_ok_and(|t| match kind {
        NumberKind::Int => is_int(t),
        NumberKind::Float => is_float(t),
        NumberKind::Complex => is_complex(t),
    });
    if !valid {
        return Err(r.corrupt_at(start, Problem::MalformedNumber(kind)));
    }
    utf8(r, start, text)
}

fn is_int(t: &str) -> bool {
    let digits = t.strip_prefix('-').unwrap_or(t);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_float(t: &str) -> bool {
    t.parse::<f64>().is_ok()
}

/// `repr()` of a complex: `<imag>j`, or `(<real><sign><imag>j)`.
fn is_complex(t: &str) -> bool {
    let t = t
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(t);
    let Some(body) = t.strip_suffix('j') else {
        return false;
    };
    if is_float(body) {
        return true;
    }
    // The imaginary part starts at the last sign that is not an exponent's.
    let bytes = body.as_bytes();
    (1..bytes.len()).rev().any(|i| {
        matches!(bytes[i], b'+' | b'-')
            && !matches!(bytes[i - 1], b'e' | b'E')
            && is_float(&body[..i])
            && is_float(&body[i..])
    })
}

fn raw_code(r: &mut Reader, n_qstr: usize, depth: usize) -> Result<RawCode, LoadError> {
    let start = r.offset();
    if depth > MAX_NESTING {
        return Err(r.corrupt_at(start, Problem::TooDeep));
    }
    // Data length << 3 | has children << 2 | kind.
    let kind_len = r.vuint()?;
    let has_children = kind_len & 4 != 0;
    let data_offset = r.offset();
    let data = r.bytes((kind_len >> 3) as usize)?;
    Ok(match kind_len & 3 {
        0 => {
            let (prelude, size) = prelude::parse(data, data_offset, n_qstr)?;
            RawCode::Bytecode(Bytecode {
                prelude,
                code: data[size..].to_vec(),
                children: children(r, has_children, n_qstr, depth)?,
            })
        }
        1 => {
            let at = r.offset();
            let prelude_offset = r.vuint()?;
            let prelude_data = data.get(prelude_offset as usize..).ok_or_else(|| {
                r.corrupt_at(
                    at,
                    Problem::PreludeOffset {
                        offset: prelude_offset,
                        code_len: data.len(),
                    },
                )
            })?;
            let prelude_at = data_offset + prelude_offset as usize;
            let (prelude, _) = prelude::parse(prelude_data, prelude_at, n_qstr)?;
            RawCode::Native(Native {
                code: data.to_vec(),
                prelude_offset,
                prelude,
                children: children(r, has_children, n_qstr, depth)?,
            })
        }
        2 => {
            let scope_flags = r.vuint()?;
            let rodata_size = match scope_flags & scope::VIPER_RODATA {
                0 => 0,
                _ => r.vuint()?,
            };
            let bss_size = match scope_flags & scope::VIPER_BSS {
                0 => 0,
                _ => r.vuint()?,
            };
            let rodata = r.bytes(rodata_size as usize)?.to_vec();
            let children = children(r, has_children, n_qstr, depth)?;
            // MicroPython reads these while linking, after loading the children.
            let relocations = match scope_flags & scope::VIPER_RELOC {
                0 => Vec::new(),
                _ => relocations(r, data.len(), rodata.len())?,
            };
            RawCode::Viper(Viper {
                code: data.to_vec(),
                scope_flags,
                rodata,
                bss_size,
                relocations,
                children,
            })
        }
        // Fields in file order.
        _ => RawCode::Asm(Asm {
            code: data.to_vec(),
            scope_flags: r.vuint()?,
            n_pos_args: r.vuint()?,
            type_sig: r.vuint()?,
            children: children(r, has_children, n_qstr, depth)?,
        }),
    })
}

fn children(
    r: &mut Reader,
    has_children: bool,
    n_qstr: usize,
    depth: usize,
) -> Result<Vec<RawCode>, LoadError> {
    let mut out = Vec::new();
    if has_children {
        for _ in 0..r.count()? {
            out.push(raw_code(r, n_qstr, depth + 1)?);
        }
    }
    Ok(out)
}

/// The relocation stream: op bytes up to 0xff. Bit 0 of an op says a location follows
/// (a vuint: word index << 1 | in rodata); otherwise the words after the previous
/// relocation's are patched. `op >> 1` says what to add: 0-5 text, rodata or bss base
/// (odd: a vuint count follows), 6 qstr table, 7 object table, 8 the function table,
/// 9 and up `mp_fun_table[op - 9]`.
fn relocations(
    r: &mut Reader,
    text_len: usize,
    rodata_len: usize,
) -> Result<Vec<Relocation>, LoadError> {
    r.section = Section::Relocations;
    let mut out = Vec::new();
    let mut next: Option<(Region, u32)> = None;
    loop {
        let at = r.offset();
        let op = r.byte()?;
        if op == 0xff {
            break;
        }
        if op & 1 != 0 {
            let loc = r.vuint()?;
            let region = if loc & 1 == 0 {
                Region::Text
            } else {
                Region::Rodata
            };
            next = Some((region, loc >> 1));
        }
        let kind = op >> 1;
        let (value, count) = match kind {
            0..=5 => {
                let count = if kind & 1 != 0 { r.vuint()? } else { 1 };
                let value =
                    [RelocValue::Text, RelocValue::Rodata, RelocValue::Bss][usize::from(kind >> 1)];
                (value, count)
            }
            6 => (RelocValue::QstrTable, 1),
            7 => (RelocValue::ObjTable, 1),
            8 => (RelocValue::FunTable, 1),
            _ => {
                let entry = kind - 9;
                if entry >= FUN_TABLE_LEN {
                    return Err(r.corrupt_at(at, Problem::UnknownFunTableEntry(entry)));
                }
                (RelocValue::FunTableEntry(entry), 1)
            }
        };
        let (region, word) =
            next.ok_or_else(|| r.corrupt_at(at, Problem::RelocationWithoutLocation))?;
        let region_len = match region {
            Region::Text => text_len,
            Region::Rodata => rodata_len,
        };
        let end = u64::from(word) + u64::from(count);
        if end * WORD > region_len as u64 {
            return Err(r.corrupt_at(at, Problem::RelocationOutOfBounds));
        }
        out.push(Relocation {
            region,
            word,
            count,
            value,
        });
        // In bounds, so the end word fits in 32 bits.
        next = Some((region, end as u32));
    }
    r.section = Section::RawCode;
    Ok(out)
}
