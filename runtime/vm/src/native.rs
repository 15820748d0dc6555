//! Machine code from MicroPython's native and viper emitters (`@micropython.native`,
//! `@micropython.viper`, `mpy-cross -X emit=…`): linking it into RAM, the function
//! objects it runs as, and the runtime functions it calls through `mp_fun_table`.
//!
//! Native code reaches everything through the function object it is called with:
//! `fun->context` gives the globals and the qstr and constant tables, where the loader
//! put the address of [`glue::FUN_TABLE`]; `fun->child_table` gives the children it
//! makes functions from. The layouts are in `func.rs`.

mod glue;
mod nlr;

use alloc::vec::Vec;

use crate::{
    exc,
    func::{Context, FunBc},
    mpy::{self, RawCode, Region, RelocValue},
    obj::Obj,
    types::{Args, Out, Print},
    vm, R,
};

pub use glue::FUN_TABLE;

/// Where the function's code starts in its `fun_data`: native functions begin with the
/// index of their prelude pointer in the child table.
const NATIVE_ENTRY: usize = 4;

/// Copies a raw code's machine code (and a viper record's data) to word-aligned RAM
/// and applies its relocations. Returns the code's address, or NULL for bytecode.
pub fn link(raw: &RawCode, ctx: *const Context) -> R<*const u8> {
    let (code, viper) = match raw {
        RawCode::Bytecode(_) => return Ok(core::ptr::null()),
        RawCode::Native(n) => (&n.code, None),
        RawCode::Viper(v) => (&v.code, Some(v)),
        RawCode::Asm(a) => (&a.code, None),
    };
    let text = words_of(code, code.len())?;
    let Some(v) = viper.filter(|v| !v.relocations.is_empty() || !v.rodata.is_empty()) else {
        return Ok(text.as_ptr().cast());
    };
    let rodata = words_of(&v.rodata, v.rodata.len())?;
    let bss = words_of(&[], v.bss_size as usize)?;
    // SAFETY: the context is alive; its tables live as long as the program.
    let ctx = unsafe { &*ctx };
    for r in &v.relocations {
        let value = match r.value {
            RelocValue::Text => text.as_ptr() as usize,
            RelocValue::Rodata => rodata.as_ptr() as usize,
            RelocValue::Bss => bss.as_ptr() as usize,
            RelocValue::QstrTable => ctx.qstr_table as usize,
            RelocValue::ObjTable => ctx.obj_table as usize,
            RelocValue::FunTable => FUN_TABLE.address(),
            RelocValue::FunTableEntry(n) => FUN_TABLE.entry(n),
        };
        let region: &mut [usize] = match r.region {
            Region::Text => text,
            Region::Rodata => rodata,
        };
        let (start, count) = (r.word as usize, r.count as usize);
        let words = region
            .get_mut(start..start.saturating_add(count))
            .ok_or_else(|| exc::value_error("relocation outside the code"))?;
        for w in words {
            *w = w.wrapping_add(value);
        }
    }
    Ok(text.as_ptr().cast())
}

/// `bytes`, zero-padded to `len` bytes, in memory that lives as long as the program
/// (machine code keeps pointing into it).
fn words_of(bytes: &[u8], len: usize) -> R<&'static mut [usize]> {
    const W: usize = core::mem::size_of::<usize>();
    let mut words: Vec<usize> = Vec::new();
    words
        .try_reserve_exact(len.div_ceil(W))
        .map_err(|_| exc::memory_error())?;
    words.resize(len.div_ceil(W), 0);
    for (w, chunk) in words.iter_mut().zip(bytes.chunks(W)) {
        let mut b = [0u8; W];
        b[..chunk.len()].copy_from_slice(chunk);
        *w = usize::from_le_bytes(b);
    }
    Ok(words.leak())
}

fn fun(f: Obj) -> &'static FunBc {
    // SAFETY: installed on function types over machine code only.
    unsafe { f.as_ref::<FunBc>() }
}

/// Enters machine code with the arguments laid out as native code expects them: the
/// positional ones, then the keyword pairs, in one array.
fn enter(entry: usize, f: Obj, args: &Args) -> R {
    vm::check_stack()?;
    let joined: Vec<Obj>;
    let contiguous = args.kw.is_empty() || args.pos.as_ptr_range().end == args.kw.as_ptr();
    let all = if contiguous {
        args.pos.as_ptr()
    } else {
        // The objects stay reachable through `args` while the copy is in use.
        joined = [args.pos, args.kw].concat();
        joined.as_ptr()
    };
    nlr::call(entry, f, args.pos.len(), args.n_kw(), all)
}

fn native_call(f: Obj, args: &Args) -> R {
    enter(fun(f).proto.code as usize + NATIVE_ENTRY, f, args)
}

fn viper_call(f: Obj, args: &Args) -> R {
    enter(fun(f).proto.code as usize, f, args)
}

/// Viper functions have no prelude, so no name to print.
fn viper_print(out: &mut dyn Out, _: Obj, _: Print) -> R<()> {
    out.put_str("<function>");
    Ok(())
}

pub static NATIVE_FUNCTION: crate::types::Type = crate::types::Type {
    call: Some(native_call),
    ..crate::func::FUNCTION_TYPE_TEMPLATE
};

pub static VIPER_FUNCTION: crate::types::Type = crate::types::Type {
    call: Some(viper_call),
    print: Some(viper_print),
    attr: None,
    ..crate::func::FUNCTION_TYPE_TEMPLATE
};

/// The function type for a raw code of machine code.
pub fn function_type(raw: &RawCode) -> R<&'static crate::types::Type> {
    match raw {
        RawCode::Native(n) if n.prelude.scope_flags & mpy::scope::GENERATOR != 0 => {
            Err(exc::not_implemented("native generators"))
        }
        RawCode::Native(_) => Ok(&NATIVE_FUNCTION),
        RawCode::Viper(_) => Ok(&VIPER_FUNCTION),
        RawCode::Asm(_) => Err(exc::not_implemented("@micropython.asm_thumb")),
        RawCode::Bytecode(_) => unreachable!("bytecode has its own function types"),
    }
}
