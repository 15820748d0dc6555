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
    let args = [f.word(), args.pos.len(), args.n_kw(), all as usize];
    let r = nlr::call(entry, args, fun(f).proto.index)?;
    Ok(Obj::from_word(r))
}

fn native_call(f: Obj, args: &Args) -> R {
    enter(fun(f).proto.code as usize + NATIVE_ENTRY, f, args)
}

fn viper_call(f: Obj, args: &Args) -> R {
    enter(fun(f).proto.code as usize, f, args)
}

/// MicroPython's `mp_code_state_native_t`: the function, the ip, the sp, `n_state` and
/// `exc_sp_idx` (16 bits each), the old globals; then the frame (`n_state` words).
const CODE_STATE_HEADER: usize = 5;
/// `exc_sp_idx` of a native generator's code state.
const NATIVE_GENERATOR: usize = 0xffff << 16;

fn prelude_of(f: &FunBc) -> R<&'static mpy::Prelude> {
    match f.proto.raw {
        RawCode::Native(n) => Ok(&n.prelude),
        _ => Err(exc::type_error("not a native function")),
    }
}

/// Fills a native code state whose word 0 is the function: ip at the prelude, sp
/// below the frame, and the arguments in the locals as for bytecode.
pub fn setup_code_state(cs: *mut usize, args: &Args) -> R<()> {
    // SAFETY: native code passes its code state with word 0 set to the function.
    let f = fun(Obj::from_word(unsafe { *cs }));
    let p = prelude_of(f)?;
    let RawCode::Native(n) = f.proto.raw else {
        unreachable!("prelude_of checked")
    };
    let n_state = p.n_state as usize;
    // SAFETY: the code state has its header and n_state words.
    unsafe {
        let state = cs.add(CODE_STATE_HEADER);
        *cs.add(1) = f.proto.code as usize + n.prelude_offset as usize;
        *cs.add(2) = state as usize - core::mem::size_of::<usize>();
        core::ptr::write_bytes(state, 0, n_state);
        vm::fill_args(f, p, state.cast(), args)
    }
}

/// `type->call` of native generator functions: the code state goes on the heap,
/// inside the generator, with the ip at the generator's body.
fn native_gen_call(f: Obj, args: &Args) -> R {
    let fb = fun(f);
    let n_state = prelude_of(fb)?.n_state as usize;
    let words = CODE_STATE_HEADER + n_state;
    let cs = crate::state::alloc_bytes(words * core::mem::size_of::<usize>())?.cast::<usize>();
    // SAFETY: freshly allocated with room for the header and the frame; the code's
    // second word is the body's offset.
    unsafe {
        *cs = f.word();
        *cs.add(3) = n_state | NATIVE_GENERATOR;
        setup_code_state(cs, args)?;
        let body = *fb.proto.code.add(4).cast::<u32>() as usize;
        *cs.add(1) = (fb.proto.code as usize + body) | 1;
    }
    crate::gen::new_native(f, cs)
}

/// Where a native generator's resume code leaves what it yields or returns, and where
/// a sent value goes.
pub fn generator_sp(cs: *mut usize) -> *mut Obj {
    // SAFETY: a native generator's code state; word 2 is its sp.
    unsafe { *cs.add(2) as *mut Obj }
}

/// Runs a native generator until it yields, returns or raises.
pub fn resume_generator(cs: *mut usize, throw: Option<crate::Exc>) -> R<vm::Outcome> {
    // SAFETY: word 0 is the generator function.
    let f = fun(Obj::from_word(unsafe { *cs }));
    let entry = f.proto.code as usize + 2 * core::mem::size_of::<u32>();
    let throw = throw.map_or(0, |e| e.0.word());
    let kind = nlr::call(entry, [cs as usize, throw, 0, 0], f.proto.index)?;
    // SAFETY: the generator's sp points into its frame.
    let value = unsafe { *generator_sp(cs) };
    match kind {
        0 => Ok(vm::Outcome::Return(value)),
        1 => Ok(vm::Outcome::Yield(value)),
        // SAFETY: the exception is in the frame's first word.
        _ => Err(crate::Exc(unsafe {
            *cs.add(CODE_STATE_HEADER).cast::<Obj>()
        })),
    }
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

pub static NATIVE_GEN_FUNCTION: crate::types::Type = crate::types::Type {
    call: Some(native_gen_call),
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
            Ok(&NATIVE_GEN_FUNCTION)
        }
        RawCode::Native(_) => Ok(&NATIVE_FUNCTION),
        RawCode::Viper(_) => Ok(&VIPER_FUNCTION),
        RawCode::Asm(_) => Err(exc::not_implemented("@micropython.asm_thumb")),
        RawCode::Bytecode(_) => unreachable!("bytecode has its own function types"),
    }
}
