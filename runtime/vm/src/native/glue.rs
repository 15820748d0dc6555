//! `mp_fun_table`: the runtime functions native and viper code call, in MicroPython
//! 1.29's order (`py/nativeglue.h`) and with its C signatures. Qstrs arrive as the
//! runtime ids native code loads from the module's qstr table; objects as words.
//!
//! An entry that fails raises into the native frame that called it ([`nlr::raise`]).
//! Each entry hands its work to a function returning `R` and raises only once that
//! function has returned, so nothing with a destructor is jumped over.

use core::slice;

use super::nlr;
use crate::{
    class, dict, exc,
    func::{self, Context, Proto},
    gen, int,
    obj::Obj,
    qstr::Qstr,
    runtime, seq,
    state::vm,
    types::{Args, BinaryOp, UnaryOp},
    vm as bc, Exc, R,
};

fn ok<T>(r: R<T>) -> T {
    r.unwrap_or_else(|e| nlr::raise(e))
}

fn qstr(id: usize) -> Qstr {
    Qstr(id as u16)
}

/// `n` objects at `p` (native code passes arrays in its frame).
fn objs<'a>(p: *const Obj, n: usize) -> &'a [Obj] {
    if n == 0 {
        return &[];
    }
    // SAFETY: native code passes `n` valid words.
    unsafe { slice::from_raw_parts(p, n) }
}

fn objs_mut<'a>(p: *mut Obj, n: usize) -> &'a mut [Obj] {
    // SAFETY: native code passes room for `n` words.
    unsafe { slice::from_raw_parts_mut(p, n) }
}

/// Viper's native types (`MP_NATIVE_TYPE_*`), in the low 4 bits of the type argument.
mod native_type {
    pub const OBJ: usize = 0;
    pub const BOOL: usize = 1;
    pub const INT: usize = 2;
    pub const UINT: usize = 3;
    pub const QSTR: usize = 8;
}

fn from_obj(o: Obj, ty: usize) -> R<usize> {
    Ok(match ty & 0xf {
        native_type::OBJ => o.word(),
        native_type::BOOL => usize::from(runtime::is_true(o)?),
        native_type::INT | native_type::UINT => int::truncated(o)? as usize,
        // Pointers: a buffer's address, or an int taken as an address.
        _ => match crate::types::buffer(o) {
            Some(b) => b.ptr as usize,
            None => int::truncated(o)? as usize,
        },
    })
}

extern "C" fn native_from_obj(o: Obj, ty: usize) -> usize {
    ok(from_obj(o, ty))
}

fn to_obj(v: usize, ty: usize) -> R {
    let v = v as u32;
    match ty & 0xf {
        native_type::OBJ => Ok(Obj::from_word(v as usize)),
        native_type::BOOL => Ok(Obj::bool(v != 0)),
        native_type::INT => int::new_int((v as i32).into()),
        native_type::QSTR => Ok(Obj::qstr(Qstr(v as u16))),
        // Unsigned ints and pointers.
        _ => int::new_int(v.into()),
    }
}

extern "C" fn native_to_obj(v: usize, ty: usize) -> Obj {
    ok(to_obj(v, ty))
}

/// Makes `new` the current globals; returns the old ones, or NULL when nothing changed
/// (then the caller has nothing to restore).
extern "C" fn swap_globals(new: Obj) -> Obj {
    let old = vm().globals.get();
    if new.is_null() || new == old {
        return Obj::NULL;
    }
    vm().globals.set(new);
    old
}

extern "C" fn load_name(q: usize) -> Obj {
    ok(bc::load_name(qstr(q)))
}

extern "C" fn load_global(q: usize) -> Obj {
    ok(bc::load_global(qstr(q)))
}

extern "C" fn load_build_class() -> Obj {
    Obj::from_ref(&crate::builtins::BUILD_CLASS)
}

extern "C" fn load_attr(base: Obj, q: usize) -> Obj {
    ok(runtime::load_attr(base, qstr(q)))
}

extern "C" fn load_method(base: Obj, q: usize, dest: *mut Obj) {
    let (m, this) = ok(runtime::load_method(base, qstr(q)));
    let dest = objs_mut(dest, 2);
    dest[0] = m;
    dest[1] = this;
}

/// `dest` holds `super`, the class and self; gets the method and self.
extern "C" fn load_super_method(q: usize, dest: *mut Obj) {
    let dest = objs_mut(dest, 3);
    let (m, this) = ok(class::super_lookup(dest[1], dest[2], qstr(q)));
    dest[0] = m;
    dest[1] = this;
}

extern "C" fn store_name(q: usize, v: Obj) {
    ok(dict::dict_store(vm().locals.get(), Obj::qstr(qstr(q)), v))
}

extern "C" fn store_global(q: usize, v: Obj) {
    ok(dict::dict_store(bc::globals(), Obj::qstr(qstr(q)), v))
}

/// A NULL value deletes the attribute.
extern "C" fn store_attr(base: Obj, q: usize, v: Obj) {
    let op = if v.is_null() {
        crate::types::Attr::Delete
    } else {
        crate::types::Attr::Store(v)
    };
    ok(runtime::store_attr(base, qstr(q), op))
}

/// `value` is [`Obj::SENTINEL`] to load, NULL to delete, anything else to store.
extern "C" fn obj_subscr(base: Obj, index: Obj, value: Obj) -> Obj {
    ok(runtime::subscr(base, index, value))
}

extern "C" fn obj_is_true(o: Obj) -> bool {
    ok(runtime::is_true(o))
}

fn unary(op: usize, o: Obj) -> R {
    let op = UnaryOp::from_number(op).ok_or_else(|| exc::not_implemented("unary op"))?;
    runtime::unary_op(op, o)
}

extern "C" fn unary_op(op: usize, o: Obj) -> Obj {
    ok(unary(op, o))
}

fn binary(op: usize, a: Obj, b: Obj) -> R {
    let op = BinaryOp::from_number(op).ok_or_else(|| exc::not_implemented("binary op"))?;
    runtime::binary_op(op, a, b)
}

extern "C" fn binary_op(op: usize, a: Obj, b: Obj) -> Obj {
    ok(binary(op, a, b))
}

extern "C" fn new_tuple(n: usize, items: *const Obj) -> Obj {
    ok(seq::new_tuple(objs(items, n)))
}

extern "C" fn new_list(n: usize, items: *const Obj) -> Obj {
    ok(seq::new_list(objs(items, n)))
}

extern "C" fn new_dict(n: usize) -> Obj {
    ok(dict::new_dict(n))
}

extern "C" fn new_set(n: usize, items: *const Obj) -> Obj {
    ok(dict::new_set(objs(items, n)))
}

extern "C" fn set_store(s: Obj, x: Obj) {
    ok(dict::set_add(s, x))
}

extern "C" fn list_append(l: Obj, x: Obj) -> Obj {
    ok(seq::list_append(l, x));
    Obj::NONE
}

extern "C" fn dict_store(d: Obj, k: Obj, v: Obj) -> Obj {
    ok(dict::dict_store(d, k, v));
    d
}

/// `defaults` is NULL, or points at the positional defaults (a tuple or NULL) and the
/// keyword-only defaults (a dict or NULL).
extern "C" fn make_function_from_proto_fun(
    proto: &'static Proto,
    ctx: *const Context,
    defaults: *const Obj,
) -> Obj {
    let (pos, kw) = match objs(defaults, if defaults.is_null() { 0 } else { 2 }) {
        [pos, kw] => (*pos, *kw),
        _ => (Obj::NULL, Obj::NULL),
    };
    ok(func::make_function(proto, ctx, pos, kw))
}

/// `args` holds `n_pos` positional arguments, then `n_kw` keyword pairs.
fn call_n_kw(f: Obj, n_pos: usize, n_kw: usize, args: *const Obj) -> R {
    let all = objs(args, n_pos + 2 * n_kw);
    runtime::call(
        f,
        &Args {
            pos: &all[..n_pos],
            kw: &all[n_pos..],
        },
    )
}

/// The counts come packed (`n_pos | n_kw << 8`): native code passes three arguments.
extern "C" fn call_function_n_kw(f: Obj, counts: usize, args: *const Obj) -> Obj {
    ok(call_n_kw(f, counts & 0xff, (counts >> 8) & 0xff, args))
}

/// `args` is `method, self-or-NULL, positional…, keyword pairs…`.
extern "C" fn call_method_n_kw(n_pos: usize, n_kw: usize, args: *const Obj) -> Obj {
    let head = objs(args, 2);
    let r = if head[1].is_null() {
        // SAFETY: the arguments follow the two head words.
        call_n_kw(head[0], n_pos, n_kw, unsafe { args.add(2) })
    } else {
        // SAFETY: as above; self is the first positional argument.
        call_n_kw(head[0], n_pos + 1, n_kw, unsafe { args.add(1) })
    };
    ok(r)
}

/// `args` is `function, [self], positional…, keyword pairs…, star bitmap` as bytecode
/// leaves them for `f(*a, **k)`.
extern "C" fn call_method_n_kw_var(have_self: bool, counts: usize, args: *const Obj) -> Obj {
    let (n_pos, n_kw) = (counts & 0xff, (counts >> 8) & 0xff);
    let head = usize::from(have_self) + 1;
    let all = objs(args, head + n_pos + 2 * n_kw + 1);
    let this = if have_self { all[1] } else { Obj::NULL };
    ok(bc::call_var(all[0], this, &all[head..], n_pos, n_kw))
}

/// An iterator for a `for` loop. With a 4-word buffer, our iterators live on the heap:
/// word 0 becomes NULL and word 1 the iterator, as MicroPython marks a heap iterator.
extern "C" fn getiter(o: Obj, buf: *mut Obj) -> Obj {
    let it = ok(runtime::getiter(o));
    if buf.is_null() {
        return it;
    }
    let buf = objs_mut(buf, 2);
    buf[0] = Obj::NULL;
    buf[1] = it;
    Obj::NULL
}

/// The next item, or NULL when the iterator is exhausted.
extern "C" fn iternext(buf: *mut Obj) -> Obj {
    let buf = objs_mut(buf, 2);
    let it = if buf[0].is_null() {
        buf[1]
    } else {
        Obj::from_ptr(buf.as_mut_ptr())
    };
    ok(runtime::iternext(it))
}

/// Does nothing for NULL or None: END_FINALLY's convention.
extern "C" fn raise(o: Obj) {
    if !o.is_null() && o != Obj::NONE {
        nlr::raise(exc::make_raise_obj(o));
    }
}

extern "C" fn import_name(q: usize, _fromlist: Obj, _level: Obj) -> Obj {
    ok(crate::builtins::import(qstr(q)))
}

extern "C" fn import_from(module: Obj, q: usize) -> Obj {
    ok(bc::import_from(module, qstr(q)))
}

extern "C" fn import_all(module: Obj) {
    ok(crate::builtins::import_all(module, bc::globals()))
}

extern "C" fn new_slice(start: Obj, stop: Obj, step: Obj) -> Obj {
    ok(seq::new_slice(start, stop, step))
}

extern "C" fn unpack_sequence(s: Obj, n: usize, out: *mut Obj) {
    ok(bc::unpack(s, objs_mut(out, n)))
}

extern "C" fn unpack_ex(s: Obj, counts: usize, out: *mut Obj) {
    let (left, right) = (counts & 0xff, (counts >> 8) & 0xff);
    ok(bc::unpack_ex(
        s,
        left,
        right,
        objs_mut(out, left + 1 + right),
    ))
}

extern "C" fn delete_name(q: usize) {
    ok(bc::delete_name(vm().locals.get(), qstr(q)))
}

extern "C" fn delete_global(q: usize) {
    ok(bc::delete_name(bc::globals(), qstr(q)))
}

extern "C" fn new_closure(f: Obj, n: usize, cells: *const Obj) -> Obj {
    ok(func::make_closure(f, objs(cells, n)))
}

/// `sig` is `min << 17 | max << 1 | takes_kw`.
extern "C" fn arg_check_num_sig(n_args: usize, n_kw: usize, sig: u32) {
    let (min, max) = ((sig >> 17) as usize, ((sig >> 1) & 0xffff) as usize);
    ok(func::check_arg_count(n_args, n_kw, min, max, sig & 1 != 0))
}

extern "C" fn setup_code_state_native(
    cs: *mut usize,
    n_args: usize,
    n_kw: usize,
    args: *const Obj,
) {
    let all = objs(args, n_args + 2 * n_kw);
    let args = Args {
        pos: &all[..n_args],
        kw: &all[n_args..],
    };
    ok(super::setup_code_state(cs, &args))
}

/// Viper's `//` on machine words: rounds towards minus infinity. Like the Cortex-M's
/// SDIV, a zero divisor gives 0 and the one overflow wraps.
extern "C" fn small_int_floor_divide(num: i32, den: i32) -> i32 {
    if den == 0 {
        return 0;
    }
    let q = num.wrapping_div(den);
    if (num % den != 0) && ((num < 0) != (den < 0)) {
        q - 1
    } else {
        q
    }
}

/// Viper's `%` on machine words: the result takes the divisor's sign.
extern "C" fn small_int_modulo(num: i32, den: i32) -> i32 {
    if den == 0 {
        return 0;
    }
    let r = num.wrapping_rem(den);
    if r != 0 && ((r < 0) != (den < 0)) {
        r + den
    } else {
        r
    }
}

/// One step of `yield from gen` in a native generator. `ret` holds the exception to
/// throw in (or NULL) and receives the value yielded or returned; true means yielded.
fn yield_from_step(g: Obj, send: Obj, ret: &mut Obj) -> R<bool> {
    let throw = (!ret.is_null()).then_some(Exc(*ret));
    let send = if throw.is_some() { Obj::NULL } else { send };
    let outcome = match gen::resume_any(g, send, throw) {
        Ok(gen::Resumed::Yield(v)) => {
            *ret = v;
            return Ok(true);
        }
        Ok(gen::Resumed::Return(v)) => v,
        Err(e) if crate::types::is_instance(e.0, &exc::STOP_ITERATION) => exc::value_of(e.0),
        Err(e) => return Err(e),
    };
    *ret = outcome;
    match throw {
        Some(t) if crate::types::is_instance(t.0, &exc::GENERATOR_EXIT) => Err(t),
        _ => Ok(false),
    }
}

extern "C" fn yield_from(g: Obj, send: Obj, ret: *mut Obj) -> bool {
    let ret = &mut objs_mut(ret, 1)[0];
    ok(yield_from_step(g, send, ret))
}

extern "C" fn memset(p: *mut u8, c: i32, n: usize) -> *mut u8 {
    // SAFETY: the caller (dynamic native module code) passes a writable range.
    unsafe { core::ptr::write_bytes(p, c as u8, n) };
    p
}

extern "C" fn memmove(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    // SAFETY: the caller passes valid ranges; they may overlap.
    unsafe { core::ptr::copy(src, dst, n) };
    dst
}

/// Entries 52 and up serve only C modules linked by `mpy_ld.py`, which pass C structures
/// (printers, argument tables, stream protocols) that this runtime does not have.
extern "C" fn dynamic_module_only() {
    nlr::raise(exc::not_implemented(
        "mp_fun_table entry for C native modules",
    ))
}

/// Entries in MicroPython 1.29's table.
const LEN: usize = crate::mpy::FUN_TABLE_LEN as usize;

/// The table native code calls through (`mp_fun_table`). Entries 0-2 are the None,
/// False and True objects; 49 (`setjmp`) is NULL on Thumb.
#[repr(C)]
pub struct FunTable([*const (); LEN]);

// SAFETY: immutable addresses.
unsafe impl Sync for FunTable {}

impl FunTable {
    pub fn address(&'static self) -> usize {
        self as *const FunTable as usize
    }

    /// Entry `n`, or 0 past the end (the loader checks entry numbers).
    pub fn entry(&self, n: u8) -> usize {
        self.0.get(usize::from(n)).map_or(0, |p| *p as usize)
    }
}

macro_rules! entries {
    ($($e:expr),* $(,)?) => {
        [$($e as *const ()),*]
    };
}

pub static FUN_TABLE: FunTable = {
    let table = entries![
        Obj::NONE.word(),
        Obj::FALSE.word(),
        Obj::TRUE.word(),
        native_from_obj as extern "C" fn(_, _) -> _,
        native_to_obj as extern "C" fn(_, _) -> _,
        swap_globals as extern "C" fn(_) -> _,
        load_name as extern "C" fn(_) -> _,
        load_global as extern "C" fn(_) -> _,
        load_build_class as extern "C" fn() -> _,
        load_attr as extern "C" fn(_, _) -> _,
        load_method as extern "C" fn(_, _, _),
        load_super_method as extern "C" fn(_, _),
        store_name as extern "C" fn(_, _),
        store_global as extern "C" fn(_, _),
        store_attr as extern "C" fn(_, _, _),
        obj_subscr as extern "C" fn(_, _, _) -> _,
        obj_is_true as extern "C" fn(_) -> _,
        unary_op as extern "C" fn(_, _) -> _,
        binary_op as extern "C" fn(_, _, _) -> _,
        new_tuple as extern "C" fn(_, _) -> _,
        new_list as extern "C" fn(_, _) -> _,
        new_dict as extern "C" fn(_) -> _,
        new_set as extern "C" fn(_, _) -> _,
        set_store as extern "C" fn(_, _),
        list_append as extern "C" fn(_, _) -> _,
        dict_store as extern "C" fn(_, _, _) -> _,
        make_function_from_proto_fun as extern "C" fn(_, _, _) -> _,
        call_function_n_kw as extern "C" fn(_, _, _) -> _,
        call_method_n_kw as extern "C" fn(_, _, _) -> _,
        call_method_n_kw_var as extern "C" fn(_, _, _) -> _,
        getiter as extern "C" fn(_, _) -> _,
        iternext as extern "C" fn(_) -> _,
        nlr::push as unsafe extern "C" fn(_) -> _,
        nlr::pop as unsafe extern "C" fn(),
        raise as extern "C" fn(_),
        import_name as extern "C" fn(_, _, _) -> _,
        import_from as extern "C" fn(_, _) -> _,
        import_all as extern "C" fn(_),
        new_slice as extern "C" fn(_, _, _) -> _,
        unpack_sequence as extern "C" fn(_, _, _),
        unpack_ex as extern "C" fn(_, _, _),
        delete_name as extern "C" fn(_),
        delete_global as extern "C" fn(_),
        new_closure as extern "C" fn(_, _, _) -> _,
        arg_check_num_sig as extern "C" fn(_, _, _),
        setup_code_state_native as extern "C" fn(_, _, _, _),
        small_int_floor_divide as extern "C" fn(_, _) -> _,
        small_int_modulo as extern "C" fn(_, _) -> _,
        yield_from as extern "C" fn(_, _, _) -> _,
        core::ptr::null::<()>(),
        memset as extern "C" fn(_, _, _) -> _,
        memmove as extern "C" fn(_, _, _) -> _,
    ];
    let mut all = [dynamic_module_only as extern "C" fn() as *const (); LEN];
    let mut i = 0;
    while i < table.len() {
        all[i] = table[i];
        i += 1;
    }
    FunTable(all)
};
