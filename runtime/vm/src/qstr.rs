//! Qstrs ("quoted strings"): MicroPython's interned identifiers and strings.
//!
//! `.mpy` files name the ones every MicroPython build has, the static qstrs, by number;
//! the table is generated from `static-qstrs.tsv` by `build.rs`.

include!(concat!(env!("OUT_DIR"), "/static_qstrs.rs"));

/// The text of static qstr `number` (1-based: 0 is MicroPython's null qstr).
pub fn static_qstr(number: u32) -> Option<&'static str> {
    let index = usize::try_from(number).ok()?.checked_sub(1)?;
    STATIC_QSTRS.get(index).copied()
}
