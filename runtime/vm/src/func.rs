//! Functions: built-in ones, bytecode functions with their module context, closures
//! and bound methods. Layouts follow MicroPython's where native code reads them
//! (function object → context → qstr and constant tables).

use alloc::{boxed::Box, vec::Vec};

use crate::{
    exc::{self, type_error},
    mpy::{self, RawCode},
    obj::{Base, Obj},
    qstr::{q, Qstr},
    state::alloc_obj,
    types::{Args, Attr, Out, Print, Type},
    R,
};

/// How attribute access on an instance binds a built-in function found in its type.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Binding {
    Method,
    Static,
    Class,
}

/// A built-in function's Rust side. Fixed arities are checked by the caller.
#[derive(Clone, Copy)]
pub enum Fun {
    F0(fn() -> R),
    F1(fn(Obj) -> R),
    F2(fn(Obj, Obj) -> R),
    F3(fn(Obj, Obj, Obj) -> R),
    /// Between `min` and `max` positional arguments.
    Var(u8, u8, fn(&[Obj]) -> R),
    /// Anything, keywords included: the function checks.
    Kw(fn(&Args) -> R),
}

#[repr(C)]
pub struct Builtin {
    pub base: Base,
    pub name: Qstr,
    pub binding: Binding,
    pub fun: Fun,
}

impl Builtin {
    pub const fn new(name: Qstr, fun: Fun) -> Builtin {
        Builtin {
            base: Base { ty: &BUILTIN },
            name,
            binding: Binding::Method,
            fun,
        }
    }

    pub const fn bind(self, binding: Binding) -> Builtin {
        Builtin { binding, ..self }
    }

    pub fn call(&self, args: &Args) -> R {
        let (n, n_kw) = (args.pos.len(), args.n_kw());
        let fixed = |want: usize| check_arg_count(n, n_kw, want, want, false);
        let a = args.pos;
        match self.fun {
            Fun::F0(f) => fixed(0).and_then(|_| f()),
            Fun::F1(f) => fixed(1).and_then(|_| f(a[0])),
            Fun::F2(f) => fixed(2).and_then(|_| f(a[0], a[1])),
            Fun::F3(f) => fixed(3).and_then(|_| f(a[0], a[1], a[2])),
            Fun::Var(min, max, f) => {
                check_arg_count(n, n_kw, min.into(), max.into(), false).and_then(|_| f(a))
            }
            Fun::Kw(f) => f(args),
        }
    }
}

/// MicroPython's argument-count check for built-in and viper functions.
pub fn check_arg_count(n: usize, n_kw: usize, min: usize, max: usize, takes_kw: bool) -> R<()> {
    if n_kw != 0 && !takes_kw {
        return Err(type_error("function doesn't take keyword arguments"));
    }
    if min == max && n != min {
        return Err(exc::type_error_fmt(format_args!(
            "function takes {min} positional arguments but {n} were given"
        )));
    }
    if n < min {
        return Err(exc::type_error_fmt(format_args!(
            "function missing {} required positional arguments",
            min - n
        )));
    }
    if n > max {
        return Err(exc::type_error_fmt(format_args!(
            "function expected at most {max} arguments, got {n}"
        )));
    }
    Ok(())
}

fn builtin_call(f: Obj, args: &Args) -> R {
    // SAFETY: the type says it is a `Builtin`.
    unsafe { f.as_ref::<Builtin>() }.call(args)
}

fn builtin_print(out: &mut dyn Out, f: Obj, _: Print) -> R<()> {
    // SAFETY: the type says it is a `Builtin`.
    let b = unsafe { f.as_ref::<Builtin>() };
    crate::print::fmt(out, format_args!("<function {}>", b.name.as_str()));
    Ok(())
}

fn builtin_attr(f: Obj, name: Qstr, op: Attr) -> R<Option<Obj>> {
    Ok(match (name, op) {
        // SAFETY: the type says it is a `Builtin`.
        (q::__name__, Attr::Load) => Some(Obj::qstr(unsafe { f.as_ref::<Builtin>() }.name)),
        _ => None,
    })
}

pub static BUILTIN: Type = Type {
    call: Some(builtin_call),
    attr: Some(builtin_attr),
    print: Some(builtin_print),
    flags: crate::types::flags::EQ_IS_IDENTITY,
    ..Type::new(q::function)
};

/// A raw code with its children's table, as functions and native code refer to it.
#[repr(C)]
pub struct Proto {
    /// The raw code's place in the module's tree, depth first, the module body being 0:
    /// how the emulator's call probes name functions (`probe.rs`).
    pub index: u32,
    pub raw: &'static RawCode,
    /// Pointers to the children's protos (native code reads this table).
    pub children: &'static [&'static Proto],
    /// The linked machine code of native, viper and asm code; NULL for bytecode.
    pub code: *const u8,
}

impl Proto {
    /// Builds the proto tree for a loaded module, linking its machine code against the
    /// module's context (it all lives as long as the program).
    pub fn tree(raw: &'static RawCode, ctx: *const Context) -> R<&'static Proto> {
        Proto::subtree(raw, ctx, &mut 0)
    }

    fn subtree(raw: &'static RawCode, ctx: *const Context, next: &mut u32) -> R<&'static Proto> {
        let index = *next;
        *next += 1;
        let children = raw
            .children()
            .iter()
            .map(|c| Proto::subtree(c, ctx, next))
            .collect::<R<Vec<_>>>()?;
        Ok(Box::leak(Box::new(Proto {
            index,
            raw,
            children: Box::leak(children.into_boxed_slice()),
            code: crate::native::link(raw, ctx)?,
        })))
    }
}

/// A module's globals and constant tables: what every function of it points to.
#[repr(C)]
pub struct Context {
    pub base: Base,
    pub globals: Obj,
    /// The module's qstr table, mapped to runtime qstrs.
    pub qstr_table: *const u16,
    /// The constant objects.
    pub obj_table: *const Obj,
}

pub static CONTEXT: Type = Type::new(q::module);

impl Context {
    pub fn qstr(&self, index: usize) -> Qstr {
        // SAFETY: indices come from the module's own code, checked against the table
        // length by the loader.
        Qstr(unsafe { *self.qstr_table.add(index) })
    }

    pub fn constant(&self, index: usize) -> Obj {
        // SAFETY: as for qstrs.
        unsafe { *self.obj_table.add(index) }
    }

    pub fn source_file(&self) -> Qstr {
        self.qstr(0)
    }
}

/// A bytecode (or native) function.
#[repr(C)]
pub struct FunBc {
    pub base: Base,
    pub context: *const Context,
    pub child_table: *const &'static Proto,
    pub proto: &'static Proto,
    /// Positional defaults (a tuple) or NULL.
    pub defaults: Obj,
    /// Keyword-only defaults (a dict) or NULL.
    pub kw_defaults: Obj,
}

impl FunBc {
    pub fn context(&self) -> &'static Context {
        // SAFETY: set at creation to a live context (kept alive through this object).
        unsafe { &*self.context }
    }

    pub fn bytecode(&self) -> &'static mpy::Bytecode {
        match self.proto.raw {
            RawCode::Bytecode(b) => b,
            // Machine code gets its own function types (runtime II).
            _ => unreachable!("FunBc over machine code"),
        }
    }

    /// The name the prelude gives (viper and asm code have none).
    pub fn name(&self) -> Qstr {
        match self.proto.raw.prelude() {
            Some(p) => self.context().qstr(p.name as usize),
            None => q::function,
        }
    }
}

fn fun_print(out: &mut dyn Out, f: Obj, _: Print) -> R<()> {
    // SAFETY: the type says it is a `FunBc`.
    let fun = unsafe { f.as_ref::<FunBc>() };
    crate::print::fmt(
        out,
        format_args!("<function {} at 0x{:x}>", fun.name().as_str(), f.word()),
    );
    Ok(())
}

/// Functions have a `__name__` and take no attributes.
fn fun_attr(f: Obj, name: Qstr, op: Attr) -> R<Option<Obj>> {
    Ok(match (name, op) {
        // SAFETY: installed on the bytecode function types only.
        (q::__name__, Attr::Load) => Some(Obj::qstr(unsafe { f.as_ref::<FunBc>() }.name())),
        _ => None,
    })
}

/// What bytecode functions and generator functions share.
pub const FUNCTION_TYPE_TEMPLATE: Type = Type {
    call: Some(crate::vm::call_fun_bc),
    print: Some(fun_print),
    attr: Some(fun_attr),
    flags: crate::types::flags::EQ_IS_IDENTITY | crate::types::flags::BINDS_SELF,
    ..Type::new(q::function)
};

pub static FUNCTION: Type = FUNCTION_TYPE_TEMPLATE;

/// Makes a function from a child of the running code.
pub fn make_function(
    proto: &'static Proto,
    context: *const Context,
    defaults: Obj,
    kw_defaults: Obj,
) -> R {
    let ty: &'static Type = match proto.raw {
        RawCode::Bytecode(b) if b.prelude.scope_flags & mpy::scope::GENERATOR != 0 => {
            &crate::gen::GEN_FUNCTION
        }
        RawCode::Bytecode(_) => &FUNCTION,
        machine_code => crate::native::function_type(machine_code)?,
    };
    let f = alloc_obj::<FunBc>(ty, 0)?;
    // SAFETY: freshly allocated.
    unsafe {
        (*f).context = context;
        (*f).child_table = proto.children.as_ptr();
        (*f).proto = proto;
        (*f).defaults = defaults;
        (*f).kw_defaults = kw_defaults;
    }
    Ok(Obj::from_ptr(f))
}

/// A function with the cells it closes over, passed as its first arguments.
#[repr(C)]
pub struct Closure {
    pub base: Base,
    pub fun: Obj,
    pub n_cells: usize,
    pub cells: [Obj; 0],
}

fn closure_call(c: Obj, args: &Args) -> R {
    // SAFETY: the type says it is a `Closure`.
    let c = unsafe { c.as_ref::<Closure>() };
    // SAFETY: `n_cells` cells follow the header.
    let cells = unsafe { core::slice::from_raw_parts(c.cells.as_ptr(), c.n_cells) };
    let mut all: Vec<Obj> = Vec::with_capacity(cells.len() + args.pos.len() + args.kw.len());
    all.extend_from_slice(cells);
    all.extend_from_slice(args.pos);
    let n_pos = all.len();
    all.extend_from_slice(args.kw);
    // The Vec lives in the Rust heap: keep the objects reachable from the stack.
    let keep = crate::seq::new_tuple(&all)?;
    let items = crate::seq::tuple_items(keep);
    crate::runtime::call(
        c.fun,
        &Args {
            pos: &items[..n_pos],
            kw: &items[n_pos..],
        },
    )
}

fn closure_attr(c: Obj, name: Qstr, op: Attr) -> R<Option<Obj>> {
    // SAFETY: the type says it is a `Closure`.
    let fun = unsafe { c.as_ref::<Closure>() }.fun;
    fun_attr(fun, name, op)
}

fn closure_print(out: &mut dyn Out, c: Obj, p: Print) -> R<()> {
    // SAFETY: the type says it is a `Closure`.
    crate::print::print(out, unsafe { c.as_ref::<Closure>() }.fun, p)
}

pub static CLOSURE: Type = Type {
    call: Some(closure_call),
    attr: Some(closure_attr),
    print: Some(closure_print),
    flags: crate::types::flags::EQ_IS_IDENTITY | crate::types::flags::BINDS_SELF,
    ..Type::new(q::function)
};

pub fn make_closure(fun: Obj, cells: &[Obj]) -> R {
    let c = alloc_obj::<Closure>(&CLOSURE, core::mem::size_of_val(cells))?;
    // SAFETY: allocated with room for the cells.
    unsafe {
        (*c).fun = fun;
        (*c).n_cells = cells.len();
        core::ptr::copy_nonoverlapping(cells.as_ptr(), (*c).cells.as_mut_ptr(), cells.len());
    }
    Ok(Obj::from_ptr(c))
}

/// `obj.method` taken without calling it.
#[repr(C)]
pub struct BoundMeth {
    pub base: Base,
    pub meth: Obj,
    pub this: Obj,
}

fn bound_call(b: Obj, args: &Args) -> R {
    // SAFETY: the type says it is a `BoundMeth`.
    let b = unsafe { b.as_ref::<BoundMeth>() };
    crate::runtime::call_with_self(b.meth, b.this, args)
}

fn bound_print(out: &mut dyn Out, b: Obj, _: Print) -> R<()> {
    // SAFETY: the type says it is a `BoundMeth`.
    let b = unsafe { b.as_ref::<BoundMeth>() };
    out.put_str("<bound_method ");
    crate::print::print(out, b.this, Print::Repr)?;
    out.put_str(".");
    crate::print::print(out, b.meth, Print::Repr)?;
    out.put_str(">");
    Ok(())
}

pub static BOUND_METH: Type = Type {
    call: Some(bound_call),
    print: Some(bound_print),
    ..Type::new(q::bound_method)
};

pub fn bind(meth: Obj, this: Obj) -> R {
    let b = alloc_obj::<BoundMeth>(&BOUND_METH, 0)?;
    // SAFETY: freshly allocated.
    unsafe {
        (*b).meth = meth;
        (*b).this = this;
    }
    Ok(Obj::from_ptr(b))
}

/// A cell: a variable shared between a function and the closures it makes.
#[repr(C)]
pub struct Cell {
    pub base: Base,
    pub value: Obj,
}

pub static CELL: Type = Type::new(q::cell);

pub fn new_cell(value: Obj) -> R {
    let c = alloc_obj::<Cell>(&CELL, 0)?;
    // SAFETY: freshly allocated.
    unsafe { (*c).value = value };
    Ok(Obj::from_ptr(c))
}

pub fn cell(o: Obj) -> &'static mut Cell {
    // SAFETY: the bytecode only uses DEREF ops on cells.
    unsafe { o.as_ref::<Cell>() }
}
