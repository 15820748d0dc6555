//! The prelude at the start of a bytecode function (and at the end of a native one):
//! its signature, names, line table and closure cells.

use alloc::vec::Vec;

use super::{
    error::{LoadError, Problem, Section},
    reader::Reader,
    scope,
};

/// A function's prelude. Qstrs are indices into the module's qstr table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prelude {
    /// Slots for locals plus the value stack.
    pub n_state: u32,
    /// Depth of nested exception handlers (0 in native code).
    pub n_exc_stack: u32,
    /// The [`scope`] flags: generator, `*args`, `**kwargs`, keyword defaults.
    pub scope_flags: u32,
    pub n_pos_args: u32,
    pub n_kwonly_args: u32,
    pub n_def_pos_args: u32,
    /// The function's name (`<module>` for a module body).
    pub name: u32,
    /// One per positional then keyword-only argument, in local-slot order. Variables a
    /// closure captures come first as extra positional arguments named `*`.
    pub arg_names: Vec<u32>,
    /// The encoded line table, relative to the start of the opcodes (see `py/bc.h`).
    pub line_info: Vec<u8>,
    /// Locals the function turns into cells on entry.
    pub cells: Vec<u8>,
}

/// Decodes a prelude from the start of `data` (a function's bytes at file offset
/// `base`). Returns it and its length in bytes.
pub(super) fn parse(
    data: &[u8],
    base: usize,
    n_qstr: usize,
) -> Result<(Prelude, usize), LoadError> {
    let mut r = Reader::within(data, base, Section::Prelude);
    let start = r.offset();
    let too_large = |r: &Reader| r.corrupt_at(start, Problem::PreludeTooLarge);

    // Signature: a first byte xSSSSEAA, then xFSSKAED while x is set; fields fill from
    // their low bits, the first byte supplying 4 bits of S and 2 of A.
    let z = r.byte()?;
    let mut s = u32::from(z >> 3 & 0xf);
    let mut e = u32::from(z >> 2 & 1);
    let mut a = u32::from(z & 3);
    let (mut f, mut k, mut d) = (0, 0, 0);
    let mut more = z & 0x80 != 0;
    let mut n: u32 = 0;
    while more {
        let z = r.byte()?;
        more = z & 0x80 != 0;
        let fields = [
            (&mut s, z >> 4 & 3, 4 + 2 * n),
            (&mut e, z >> 1 & 1, 1 + n),
            (&mut f, z >> 6 & 1, n),
            (&mut a, z >> 2 & 1, 2 + n),
            (&mut k, z >> 3 & 1, n),
            (&mut d, z & 1, n),
        ];
        for (field, bits, shift) in fields {
            *field |= shifted(bits, shift).ok_or_else(|| too_large(&r))?;
        }
        // Past 32 every shift loses set bits, so the count may stop there.
        n = (n + 1).min(32);
    }
    let n_state = s.checked_add(1).ok_or_else(|| too_large(&r))?;
    if f & !scope::ALL != 0 {
        return Err(r.corrupt_at(start, Problem::UnknownScopeFlags(f)));
    }

    // Size: bytes xIIIIIIC, 6 bits of the info size and 1 of the cell count each.
    let (mut n_info, mut n_cell) = (0u32, 0u32);
    let mut n: u32 = 0;
    loop {
        let z = r.byte()?;
        n_info |= shifted(z >> 1 & 0x3f, 6 * n).ok_or_else(|| too_large(&r))?;
        n_cell |= shifted(z & 1, n).ok_or_else(|| too_large(&r))?;
        if z & 0x80 == 0 {
            break;
        }
        n = (n + 1).min(32);
    }

    let info_start = r.offset();
    let info = r.bytes(n_info as usize)?;
    let cells = r.bytes(n_cell as usize)?;

    let mut names = Reader::within(info, info_start, Section::Prelude);
    let qstr = |names: &mut Reader| -> Result<u32, LoadError> {
        let at = names.offset();
        let index = names.vuint().map_err(|e| match e {
            LoadError::Corrupt {
                problem: Problem::PreludeOverrun,
                ..
            } => names.corrupt_at(at, Problem::ArgNamesOverrun),
            other => other,
        })?;
        if index as usize >= n_qstr {
            return Err(names.corrupt_at(
                at,
                Problem::QstrIndex {
                    index,
                    table_len: n_qstr,
                },
            ));
        }
        Ok(index)
    };
    let name = qstr(&mut names)?;
    let n_args = a.checked_add(k).ok_or_else(|| too_large(&r))?;
    let mut arg_names = Vec::new();
    for _ in 0..n_args {
        arg_names.push(qstr(&mut names)?);
    }
    let line_info = names.bytes(names.remaining())?.to_vec();

    // The VM indexes its state with these, so they must be consistent.
    if d > a {
        return Err(r.corrupt_at(start, Problem::TooManyDefaults));
    }
    let star_args = u32::from(f & scope::VARARGS != 0) + u32::from(f & scope::VARKEYWORDS != 0);
    if u64::from(n_args) + u64::from(star_args) > u64::from(n_state) {
        return Err(r.corrupt_at(start, Problem::StateTooSmall));
    }
    if let Some(&local) = cells.iter().find(|&&c| u32::from(c) >= n_state) {
        return Err(r.corrupt_at(start, Problem::CellOutOfRange(local)));
    }

    let prelude = Prelude {
        n_state,
        n_exc_stack: e,
        scope_flags: f,
        n_pos_args: a,
        n_kwonly_args: k,
        n_def_pos_args: d,
        name,
        arg_names,
        line_info,
        cells: cells.to_vec(),
    };
    Ok((prelude, r.offset() - start))
}

/// `bits << shift`, or `None` if a set bit would fall off the top of 32 bits.
fn shifted(bits: u8, shift: u32) -> Option<u32> {
    let bits = u32::from(bits);
    if bits == 0 {
        return Some(0);
    }
    let out = bits.checked_shl(shift)?;
    (out >> shift == bits).then_some(out)
}
