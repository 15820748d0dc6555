//! Qstrs ("quoted strings"): MicroPython's interned identifiers and strings.
//!
//! `.mpy` files name the ones every MicroPython build has, the static qstrs, by number;
//! the table is generated from `static-qstrs.tsv` by `build.rs`. The runtime interns its
//! own names next (`runtime-qstrs.txt`), then whatever a program brings.

use alloc::{boxed::Box, string::String};

use crate::state::vm;

include!(concat!(env!("OUT_DIR"), "/static_qstrs.rs"));

/// An interned string's id: an index into the static, runtime and dynamic tables
/// (1-based: 0 is MicroPython's null qstr).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Qstr(pub u16);

/// The text of static qstr `number` (1-based: 0 is MicroPython's null qstr).
pub fn static_qstr(number: u32) -> Option<&'static str> {
    let index = usize::try_from(number).ok()?.checked_sub(1)?;
    STATIC_QSTRS.get(index).copied()
}

const FIXED: usize = STATIC_QSTRS.len() + RUNTIME_QSTRS.len();

/// MicroPython's string hash (djb2 with xor, 16 bits, never 0): dict and set order
/// depend on it, so it must be exactly this.
pub fn hash(bytes: &[u8]) -> u32 {
    let mut h: u32 = 5381;
    for &b in bytes {
        h = h.wrapping_mul(33) ^ u32::from(b);
    }
    match h & 0xffff {
        0 => 1,
        h => h,
    }
}

impl Qstr {
    pub fn as_str(self) -> &'static str {
        let i = usize::from(self.0);
        if i == 0 {
            ""
        } else if i <= STATIC_QSTRS.len() {
            STATIC_QSTRS[i - 1]
        } else if i <= FIXED {
            RUNTIME_QSTRS[i - 1 - STATIC_QSTRS.len()]
        } else {
            vm().qstr_table().get(i - 1 - FIXED).copied().unwrap_or("")
        }
    }

    pub fn hash(self) -> u32 {
        hash(self.as_str().as_bytes())
    }
}

/// The qstr for `text` if it is interned already.
pub fn find(text: &str) -> Option<Qstr> {
    let fixed = STATIC_QSTRS.iter().chain(RUNTIME_QSTRS.iter());
    if let Some(i) = fixed.clone().position(|s| *s == text) {
        return Some(Qstr(i as u16 + 1));
    }
    vm().qstr_table()
        .iter()
        .position(|s| *s == text)
        .map(|i| Qstr((FIXED + i + 1) as u16))
}

/// Interns `text`; `None` when the 16-bit id space is full.
pub fn intern(text: &str) -> Option<Qstr> {
    if let Some(q) = find(text) {
        return Some(q);
    }
    let table = vm().qstr_table();
    let id = FIXED + table.len() + 1;
    let id = u16::try_from(id).ok()?;
    table.push(Box::leak(String::from(text).into_boxed_str()));
    Some(Qstr(id))
}
