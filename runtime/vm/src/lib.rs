//! The Cyclops Python runtime. The host compiles Python with MicroPython's `mpy-cross`;
//! this crate loads the resulting `.mpy` files and runs their bytecode: object model
//! (MicroPython's representation A), garbage-collected heap, and interpreter.
//!
//! `no_std` with `alloc`, so the same code runs in the firmware and in host tests.

#![no_std]

extern crate alloc;

mod array;
mod attrtuple;
mod bigint;
mod binary;
mod board;
mod builtins;
mod class;
mod dict;
mod exc;
mod float;
mod format;
mod func;
mod gc;
mod gen;
mod int;
mod machine;
mod memview;
mod micropython;
mod misc;
pub mod mpy;
mod native;
mod obj;
mod print;
mod probe;
pub mod qstr;
mod runtime;
mod seq;
mod state;
mod stm;
mod str;
mod structmod;
mod time;
mod types;
mod vm;

use alloc::{boxed::Box, vec::Vec};

pub use board::{Board, HOST as HOST_BOARD};
pub use state::Config;

use crate::{
    func::{Context, Proto, CONTEXT},
    obj::Obj,
    state::{alloc_obj, root, vm},
};

/// A Python exception in flight: the exception object.
#[derive(Clone, Copy, Debug)]
pub struct Exc(pub(crate) Obj);

/// A result whose error is a Python exception.
pub type R<T = Obj> = Result<T, Exc>;

/// How a program ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Exit {
    /// It ran to the end.
    Done,
    /// `sys.exit(code)`.
    SystemExit(i32),
    /// An exception nobody caught (its traceback has been printed).
    Uncaught,
    /// The `.mpy` file could not be loaded (the message has been printed).
    BadMpy,
}

/// Sets the VM up on the given memory. Call once before [`run_mpy`].
pub fn init(config: Config) {
    state::configure(config);
    if exc::init().is_err() {
        vm().write(b"MemoryError: heap too small to start\n");
    }
    if let Ok(d) = dict::new_dict(0) {
        vm().set_root(root::MODULES, d);
    }
}

/// Loads and runs a `.mpy` module as `__main__`, printing what it prints (and an
/// uncaught exception's traceback) on the console.
pub fn run_mpy(bytes: &[u8]) -> Exit {
    let loaded = match mpy::parse(bytes) {
        Ok(m) => m,
        Err(e) => {
            let mut text = alloc::string::String::new();
            let _ = core::fmt::write(&mut text, format_args!("ValueError: {e}\n"));
            vm().write(text.as_bytes());
            return Exit::BadMpy;
        }
    };
    let mpy: &'static mpy::Mpy = Box::leak(Box::new(loaded));
    match start(mpy) {
        Ok(()) => Exit::Done,
        Err(e) => {
            if types::is_instance(e.0, &exc::SYSTEM_EXIT) {
                let code = exc::value_of(e.0);
                return Exit::SystemExit(int::int_value(code).unwrap_or(0) as i32);
            }
            let mut out = Vec::new();
            exc::print_exception(&mut out, e.0);
            vm().write(&out);
            Exit::Uncaught
        }
    }
}

fn start(mpy: &'static mpy::Mpy) -> R<()> {
    let qstrs: Vec<u16> = mpy
        .qstrs
        .iter()
        .map(|q| qstr::intern(q.as_str()).map(|q| q.0))
        .collect::<Option<_>>()
        .ok_or_else(|| exc::new(&exc::MEMORY_ERROR, "qstr table full"))?;
    let qstr_table: &'static [u16] = Box::leak(qstrs.into_boxed_slice());
    let mut consts = Vec::with_capacity(mpy.constants.len());
    for c in &mpy.constants {
        consts.push(constant(c)?);
    }
    let table = seq::new_tuple(&consts)?;
    vm().set_root(root::CONSTANTS, table);
    let globals = dict::new_dict(0)?;
    vm().set_root(root::MAIN_GLOBALS, globals);
    dict::dict_store(
        globals,
        Obj::qstr(qstr::q::__name__),
        Obj::qstr(qstr::q::__main__),
    )?;
    let ctx = alloc_obj::<Context>(&CONTEXT, 0)?;
    // SAFETY: freshly allocated; the tables live for the program.
    unsafe {
        (*ctx).globals = globals;
        (*ctx).qstr_table = qstr_table.as_ptr();
        (*ctx).obj_table = seq::tuple_items(table).as_ptr();
    }
    let proto = Proto::tree(&mpy.module, ctx)?;
    let module = func::make_function(proto, ctx, Obj::NULL, Obj::NULL)?;
    vm().globals.set(globals);
    vm().locals.set(globals);
    runtime::call0(module)?;
    // Calls still queued run at the end, as MicroPython runs them before it exits.
    micropython::run_all_scheduled()
}

fn constant(c: &mpy::Const) -> R {
    use mpy::Const;
    Ok(match c {
        // Native code finds the function table here; bytecode never reads it.
        Const::FunTable => Obj::from_word(native::FUN_TABLE.address()),
        Const::None => Obj::NONE,
        Const::False => Obj::FALSE,
        Const::True => Obj::TRUE,
        Const::Ellipsis => misc::ellipsis(),
        Const::Str(s) => match qstr::find(s) {
            Some(q) => Obj::qstr(q),
            None => str::new_str(s)?,
        },
        Const::Bytes(b) => str::new_bytes(b)?,
        Const::Int(text) => int::parse_int(text.as_bytes(), 10)?,
        Const::Float(text) => float::new_float(float::parse_float(text.as_bytes())?)?,
        Const::Complex(_) => return Err(exc::not_implemented("complex numbers")),
        Const::Tuple(items) => {
            let objs = items.iter().map(constant).collect::<R<Vec<_>>>()?;
            seq::new_tuple(&objs)?
        }
    })
}
