//! Printing objects: `str()`, `repr()` and the console.

use core::fmt;

use alloc::vec::Vec;

use crate::{
    obj::Obj,
    state::vm,
    types::{Out, Print},
    R,
};

/// Writes formatted Rust text.
pub fn fmt(out: &mut dyn Out, args: fmt::Arguments) {
    struct Adapter<'a>(&'a mut dyn Out);
    impl fmt::Write for Adapter<'_> {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0.put_str(s);
            Ok(())
        }
    }
    let _ = fmt::write(&mut Adapter(out), args);
}

/// Prints `o` as `str()` or `repr()` would.
pub fn print(out: &mut dyn Out, o: Obj, kind: Print) -> R<()> {
    let ty = o.type_of();
    if let Some(p) = ty.find_slot(|t| t.print) {
        return p(out, o, kind);
    }
    fmt(
        out,
        format_args!("<{} object at {:x}>", ty.name.as_str(), o.word()),
    );
    Ok(())
}

/// Prints `o` with the print operation of `ty` (a base of its type).
pub fn print_as(out: &mut dyn Out, o: Obj, kind: Print, ty: &'static crate::types::Type) -> R<()> {
    match ty.print {
        Some(p) => p(out, o, kind),
        None => print(out, o, kind),
    }
}

/// `str(o)` or `repr(o)` as bytes.
pub fn to_bytes(o: Obj, kind: Print) -> R<Vec<u8>> {
    let mut v = Vec::new();
    print(&mut v, o, kind)?;
    Ok(v)
}

/// `str(o)` or `repr(o)` as a new str object.
pub fn to_str(o: Obj, kind: Print) -> R {
    if kind == Print::Str && o.type_of().is_subtype_of(&crate::types::STR) {
        return Ok(o);
    }
    let bytes = to_bytes(o, kind)?;
    crate::str::new_str_bytes(&bytes)
}

/// The console (USART1 on the board).
pub struct Console;

impl Out for Console {
    fn put(&mut self, bytes: &[u8]) {
        vm().write(bytes)
    }
}
