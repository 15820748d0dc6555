//! The bytecode interpreter: one frame per Python call, running the opcodes
//! `mpy-cross` 1.29 emits with MicroPython's semantics.

use core::slice;

use alloc::vec::Vec;

use crate::{
    class, dict, exc,
    func::{self, FunBc},
    mpy::{self, scope, Prelude},
    obj::Obj,
    qstr::{q, Qstr},
    runtime::{self, call, call_method},
    seq,
    state::{alloc_bytes, vm},
    types::{Args, Attr, BinaryOp, UnaryOp},
    Exc, R,
};

/// Slots a for-loop iterator takes on the value stack (MicroPython's 32-bit size).
const ITER_SLOTS: usize = 4;

/// How much machine stack a Python call needs; below this, `RecursionError`.
const STACK_MARGIN: usize = 2048;

/// An active exception handler (try/except, finally, with).
#[repr(C)]
#[derive(Clone, Copy)]
struct Handler {
    ip: usize,
    sp: usize,
    finally: bool,
    prev_exc: Obj,
}

const HANDLER_WORDS: usize = core::mem::size_of::<Handler>() / core::mem::size_of::<Obj>();

/// A running (or suspended) function's state. The locals and the value stack are in
/// `state` (locals from the top down, the stack from 0 up), the handlers after them.
#[repr(C)]
pub struct CodeState {
    pub fun: Obj,
    pub ip: usize,
    pub sp: usize,
    pub n_exc: usize,
    pub state: *mut Obj,
}

/// Why `execute` stopped.
pub enum Outcome {
    Return(Obj),
    Yield(Obj),
}

impl CodeState {
    fn fun(&self) -> &'static FunBc {
        // SAFETY: `fun` is always a bytecode function.
        unsafe { self.fun.as_ref::<FunBc>() }
    }

    fn n_state(&self) -> usize {
        self.fun().bytecode().prelude.n_state as usize
    }

    fn slot(&self, i: usize) -> &'static mut Obj {
        // SAFETY: indices stay below n_state (the compiler sized the frame).
        unsafe { &mut *self.state.add(i) }
    }

    fn local(&self, i: usize) -> &'static mut Obj {
        self.slot(self.n_state() - 1 - i)
    }

    fn handlers(&self) -> &'static mut [Handler] {
        let n = self.fun().bytecode().prelude.n_exc_stack as usize;
        // SAFETY: the handler area follows the state and holds n_exc_stack entries.
        unsafe { slice::from_raw_parts_mut(self.state.add(self.n_state()).cast(), n) }
    }

    /// Pushes the value a resumed generator receives.
    pub fn push_value(&mut self, o: Obj) {
        self.push(o)
    }

    fn push(&mut self, o: Obj) {
        *self.slot(self.sp) = o;
        self.sp += 1;
    }

    /// Pushes `n` slots for the caller to fill.
    fn reserve(&mut self, n: usize) -> &'static mut [Obj] {
        // SAFETY: the compiler sized the stack for what the code pushes.
        let out = unsafe { slice::from_raw_parts_mut(self.state.add(self.sp), n) };
        self.sp += n;
        out
    }

    fn pop(&mut self) -> Obj {
        self.sp -= 1;
        *self.slot(self.sp)
    }

    fn top(&self) -> &'static mut Obj {
        self.slot(self.sp - 1)
    }
}

/// Allocates and fills the state for calling `fun` with `args`.
pub fn setup(fun: Obj, args: &Args) -> R<CodeState> {
    // SAFETY: callers pass bytecode functions.
    let f = unsafe { fun.as_ref::<FunBc>() };
    let p = &f.bytecode().prelude;
    let words = p.n_state as usize + p.n_exc_stack as usize * HANDLER_WORDS;
    let state = alloc_bytes(words * core::mem::size_of::<Obj>())? as *mut Obj;
    fill_args(f, p, state, args)?;
    Ok(CodeState {
        fun,
        ip: 0,
        sp: 0,
        n_exc: 0,
        state,
    })
}

/// Puts `args` into the zeroed locals of a frame of `f` (MicroPython's argument rules:
/// defaults, `*args`, `**kwargs`, keyword-only, cells). Bytecode and native frames
/// share the layout: local `i` is `state[n_state - 1 - i]`.
pub fn fill_args(f: &FunBc, p: &Prelude, state: *mut Obj, args: &Args) -> R<()> {
    let n_state = p.n_state as usize;
    // SAFETY: the frame holds n_state words, and the prelude's counts stay within them.
    let local = |i: usize| -> &'static mut Obj { unsafe { &mut *state.add(n_state - 1 - i) } };
    let n_pos = p.n_pos_args as usize;
    let n_kwonly = p.n_kwonly_args as usize;
    let n_def = p.n_def_pos_args as usize;
    let flags = p.scope_flags;
    let mut n_args = args.pos.len();
    let defaults = seq::tuple_items(f.defaults);
    let mut var_slot = n_pos + n_kwonly;
    if n_args > n_pos {
        if flags & scope::VARARGS == 0 {
            return Err(mismatch(f, n_pos, n_args));
        }
        *local(var_slot) = seq::new_tuple(&args.pos[n_pos..])?;
        var_slot += 1;
        n_args = n_pos;
    } else {
        if flags & scope::VARARGS != 0 {
            *local(var_slot) = seq::empty_tuple();
            var_slot += 1;
        }
        if args.kw.is_empty() && f.kw_defaults.is_null() {
            if n_args + n_def < n_pos {
                return Err(mismatch(f, n_pos - n_def, n_args));
            }
            for i in n_args..n_pos {
                *local(i) = defaults[i - (n_pos - n_def)];
            }
        }
    }
    for (i, &a) in args.pos[..n_args].iter().enumerate() {
        *local(i) = a;
    }
    let ctx = f.context();
    if !args.kw.is_empty() || !f.kw_defaults.is_null() {
        let kw_dict = if flags & scope::VARKEYWORDS != 0 {
            let d = dict::new_dict(args.n_kw())?;
            *local(var_slot) = d;
            d
        } else {
            Obj::NULL
        };
        'kw: for pair in args.kw.chunks_exact(2) {
            let name = crate::str::qstr_of(pair[0]).unwrap_or(Qstr(0));
            for (j, &an) in p.arg_names.iter().enumerate() {
                if ctx.qstr(an as usize) == name {
                    if !local(j).is_null() {
                        return Err(multiple(name));
                    }
                    *local(j) = pair[1];
                    continue 'kw;
                }
            }
            if kw_dict.is_null() {
                return Err(exc::type_error_fmt(format_args!(
                    "unexpected keyword argument '{}'",
                    name.as_str()
                )));
            }
            let slot = dict::as_dict(kw_dict)
                .expect("dict")
                .map
                .lookup_add(Obj::qstr(name))?;
            if !slot.is_null() {
                return Err(multiple(name));
            }
            *slot = pair[1];
        }
        for (i, &d) in defaults.iter().enumerate().take(n_def) {
            let local = local(n_pos - n_def + i);
            if local.is_null() {
                *local = d;
            }
        }
        for i in 0..n_pos {
            if local(i).is_null() {
                return Err(exc::type_error_fmt(format_args!(
                    "function missing required positional argument #{}",
                    i + 1
                )));
            }
        }
        for i in 0..n_kwonly {
            if local(n_pos + i).is_null() {
                let name = ctx.qstr(p.arg_names[n_pos + i] as usize);
                let default = if f.kw_defaults.is_null() {
                    None
                } else {
                    dict::dict_get(f.kw_defaults, Obj::qstr(name))
                };
                *local(n_pos + i) = default.ok_or_else(|| {
                    exc::type_error_fmt(format_args!(
                        "function missing required keyword argument '{}'",
                        name.as_str()
                    ))
                })?;
            }
        }
    } else {
        if n_kwonly != 0 {
            return Err(exc::type_error("function missing keyword-only argument"));
        }
        if flags & scope::VARKEYWORDS != 0 {
            *local(var_slot) = dict::new_dict(0)?;
        }
    }
    for &c in &p.cells {
        let l = local(c as usize);
        *l = func::new_cell(*l)?;
    }
    Ok(())
}

fn mismatch(f: &FunBc, expected: usize, given: usize) -> Exc {
    exc::type_error_fmt(format_args!(
        "{}() takes {expected} positional arguments but {given} were given",
        f.name().as_str()
    ))
}

fn multiple(name: Qstr) -> Exc {
    exc::type_error_fmt(format_args!(
        "function got multiple values for argument '{}'",
        name.as_str()
    ))
}

/// Refuses a call when the machine stack is nearly used up.
pub fn check_stack() -> R<()> {
    if vm().stack_left() < STACK_MARGIN {
        return Err(exc::new(
            &exc::RUNTIME_ERROR,
            "maximum recursion depth exceeded",
        ));
    }
    Ok(())
}

/// `type->call` of bytecode functions.
pub fn call_fun_bc(fun: Obj, args: &Args) -> R {
    check_stack()?;
    let mut cs = setup(fun, args)?;
    let globals = vm().globals.replace(cs.fun().context().globals);
    let r = crate::probe::execute(&mut cs, None);
    vm().globals.set(globals);
    vm().heap.free(cs.state.cast());
    match r? {
        Outcome::Return(v) => Ok(v),
        Outcome::Yield(_) => Err(exc::new(&exc::RUNTIME_ERROR, "yield outside generator")),
    }
}

fn read_uint(code: &[u8], ip: &mut usize) -> usize {
    let mut v = 0usize;
    loop {
        let b = code[*ip];
        *ip += 1;
        v = (v << 7) | usize::from(b & 0x7f);
        if b & 0x80 == 0 {
            return v;
        }
    }
}

fn read_sint(code: &[u8], ip: &mut usize) -> i32 {
    let mut v: i32 = if code[*ip] & 0x40 != 0 { -1 } else { 0 };
    loop {
        let b = code[*ip];
        *ip += 1;
        v = (v << 7) | i32::from(b & 0x7f);
        if b & 0x80 == 0 {
            return v;
        }
    }
}

fn read_ulabel(code: &[u8], ip: &mut usize) -> usize {
    let b0 = usize::from(code[*ip]);
    if b0 & 0x80 != 0 {
        let v = (b0 & 0x7f) | (usize::from(code[*ip + 1]) << 7);
        *ip += 2;
        v
    } else {
        *ip += 1;
        b0
    }
}

fn read_slabel(code: &[u8], ip: &mut usize) -> isize {
    let b0 = code[*ip];
    if b0 & 0x80 != 0 {
        let v = (usize::from(b0 & 0x7f) | (usize::from(code[*ip + 1]) << 7)) as isize - 0x4000;
        *ip += 2;
        v
    } else {
        *ip += 1;
        isize::from(b0) - 0x40
    }
}

fn jump(ip: usize, offset: isize) -> usize {
    (ip as isize + offset) as usize
}

/// The source line of bytecode offset `at`, from the prelude's line table.
pub fn source_line(bc: &mpy::Bytecode, at: usize) -> usize {
    let info = &bc.prelude.line_info;
    let (mut i, mut ip, mut line) = (0, 0usize, 1usize);
    while i < info.len() {
        let b = info[i];
        let (ip_inc, line_inc, len) = if b & 0x80 == 0 {
            (usize::from(b & 0x1f), usize::from(b >> 5), 1)
        } else if i + 1 < info.len() {
            (
                usize::from(b & 0x0f),
                (usize::from(b & 0x70) << 4) | usize::from(info[i + 1]),
                2,
            )
        } else {
            break;
        };
        if ip + ip_inc > at {
            break;
        }
        ip += ip_inc;
        line += line_inc;
        i += len;
    }
    line
}

/// Runs a frame until it returns, yields, or raises. `throw` injects an exception at
/// the current instruction (generators' `throw()`).
pub fn execute(cs: &mut CodeState, throw: Option<Exc>) -> R<Outcome> {
    let mut pending = throw;
    loop {
        let r = match pending.take() {
            Some(e) => Err(e),
            None => run(cs),
        };
        let e = match r {
            Ok(outcome) => return Ok(outcome),
            Err(e) => e,
        };
        let bc = cs.fun().bytecode();
        // `run` leaves `ip` at the instruction that raised.
        let fault_ip = cs.ip;
        let op = bc.code.get(fault_ip).copied().unwrap_or(0);
        if op != 0x5d && op != 0x64 {
            let ctx = cs.fun().context();
            exc::add_traceback(
                e.0,
                ctx.source_file(),
                source_line(bc, fault_ip),
                cs.fun().name(),
            );
        }
        let handlers = cs.handlers();
        while cs.n_exc > 0 && handlers[cs.n_exc - 1].ip <= fault_ip {
            cs.n_exc -= 1;
        }
        if cs.n_exc == 0 {
            return Err(e);
        }
        let h = &mut handlers[cs.n_exc - 1];
        h.prev_exc = e.0;
        cs.sp = h.sp;
        cs.ip = h.ip;
        cs.push(e.0);
    }
}

/// A stored jump target (a raw offset, never a real object; the collector ignores it).
fn raw(v: usize) -> Obj {
    Obj::from_word(v << 2)
}

fn unraw(o: Obj) -> usize {
    o.word() >> 2
}

/// What an unwind (return or jump through finally blocks) does next.
enum Unwind {
    /// Run a finally block first (ip set, stack prepared).
    Finally,
    Done,
}

impl CodeState {
    /// Drops or runs finally handlers for a jump that leaves `unum & 0x7f` handlers.
    /// The destination is on the stack top as a raw value.
    fn unwind_jump(&mut self, mut unum: usize, ip: usize) -> Unwind {
        while unum & 0x7f > 0 {
            unum -= 1;
            let h = self.handlers()[self.n_exc - 1];
            if h.finally {
                if h.ip >= ip {
                    // Not yet running: run it, then come back here (END_FINALLY).
                    self.push(Obj::small_unchecked(unum as i32));
                    self.ip = h.ip;
                    return Unwind::Finally;
                }
                self.cancel_active_finally();
            }
            self.n_exc -= 1;
        }
        let dest = unraw(self.pop());
        if unum != 0 {
            self.sp -= ITER_SLOTS;
        }
        self.ip = dest;
        Unwind::Done
    }

    /// Returns the value on top, running any finally blocks not yet running.
    fn unwind_return(&mut self, ip: usize) -> Unwind {
        while self.n_exc > 0 {
            let h = self.handlers()[self.n_exc - 1];
            if h.finally {
                if h.ip >= ip {
                    let ret = *self.top();
                    *self.slot(h.sp) = ret;
                    self.sp = h.sp + 1;
                    self.push(Obj::small_unchecked(-1));
                    self.ip = h.ip;
                    return Unwind::Finally;
                }
                self.cancel_active_finally();
            }
            self.n_exc -= 1;
        }
        Unwind::Done
    }

    /// A finally block that is running is abandoned: drop what it was returning to.
    fn cancel_active_finally(&mut self) {
        let top = *self.top();
        if self.slot(self.sp - 2).is_small() {
            *self.slot(self.sp - 3) = top;
            self.sp -= 2;
        } else {
            *self.slot(self.sp - 2) = top;
            self.sp -= 1;
        }
    }

    fn push_handler(&mut self, handler_ip: usize, finally: bool) {
        let h = Handler {
            ip: handler_ip,
            sp: self.sp,
            finally,
            prev_exc: Obj::NULL,
        };
        self.handlers()[self.n_exc] = h;
        self.n_exc += 1;
    }
}

/// The globals of the running code (every call sets them).
pub fn globals() -> Obj {
    vm().globals.get()
}

fn not_defined(name: Qstr) -> Exc {
    exc::new_fmt(
        &exc::NAME_ERROR,
        format_args!("name '{}' isn't defined", name.as_str()),
    )
}

/// `name` read inside a function: globals, then builtins.
pub fn load_global(name: Qstr) -> R {
    if let Some(v) = dict::dict_get(globals(), Obj::qstr(name)) {
        return Ok(v);
    }
    crate::builtins::lookup(name).ok_or_else(|| not_defined(name))
}

/// `name` read in a module or class body: its namespace first.
pub fn load_name(name: Qstr) -> R {
    match dict::dict_get(vm().locals.get(), Obj::qstr(name)) {
        Some(v) => Ok(v),
        None => load_global(name),
    }
}

pub fn delete_name(namespace: Obj, name: Qstr) -> R<()> {
    let removed = dict::as_dict(namespace)
        .ok_or_else(|| exc::type_error("namespace isn't a dict"))?
        .map
        .remove(Obj::qstr(name))?;
    removed.map(|_| ()).ok_or_else(|| not_defined(name))
}

/// `from module import name`.
pub fn import_from(module: Obj, name: Qstr) -> R {
    runtime::load_attr_maybe(module, name)?.ok_or_else(|| {
        exc::new_fmt(
            &exc::IMPORT_ERROR,
            format_args!("can't import name {}", name.as_str()),
        )
    })
}

/// Calls with the layout bytecode leaves: `fun [self] pos… kw… [bitmap]`.
pub fn call_var(fun: Obj, this: Obj, stack: &[Obj], n_pos: usize, n_kw: usize) -> R {
    let star = stack[n_pos + 2 * n_kw].as_small().unwrap_or(0) as u32;
    let mut all: Vec<Obj> = Vec::new();
    if !this.is_null() {
        all.push(this);
    }
    for (i, &a) in stack[..n_pos].iter().enumerate() {
        if star >> i & 1 != 0 {
            all.extend(runtime::collect_items(a)?);
        } else {
            all.push(a);
        }
    }
    let n_all_pos = all.len();
    for pair in stack[n_pos..n_pos + 2 * n_kw].chunks_exact(2) {
        if pair[0].is_null() {
            let d = dict::as_dict(pair[1])
                .ok_or_else(|| exc::type_error("argument after ** must be a dict"))?;
            for (k, v) in d.map.entries() {
                let key = crate::str::qstr_of(k).map(Obj::qstr).unwrap_or(k);
                all.push(key);
                all.push(v);
            }
        } else {
            all.push(pair[0]);
            all.push(pair[1]);
        }
    }
    // Keep the gathered objects visible to the collector while the call runs.
    let keep = seq::new_tuple(&all)?;
    let items = seq::tuple_items(keep);
    call(
        fun,
        &Args {
            pos: &items[..n_all_pos],
            kw: &items[n_all_pos..],
        },
    )
}

/// Unpacks `seq` into `out` in reverse, so that on a stack the first item ends on top.
pub fn unpack(seq_obj: Obj, out: &mut [Obj]) -> R<()> {
    let n = out.len();
    let items = runtime::collect_items(seq_obj)?;
    if items.len() != n {
        return Err(if items.len() < n {
            exc::value_error(&alloc::format!(
                "need more than {} values to unpack",
                items.len()
            ))
        } else {
            exc::value_error(&alloc::format!("too many values to unpack (expected {n})"))
        });
    }
    for (o, &x) in out.iter_mut().zip(items.iter().rev()) {
        *o = x;
    }
    Ok(())
}

/// `a, *b, c = seq` into `out` (`left + 1 + right` words), in stack order as [`unpack`].
pub fn unpack_ex(seq_obj: Obj, left: usize, right: usize, out: &mut [Obj]) -> R<()> {
    let items = runtime::collect_items(seq_obj)?;
    if items.len() < left + right {
        return Err(exc::value_error(&alloc::format!(
            "need more than {} values to unpack",
            items.len()
        )));
    }
    let mid = seq::new_list(&items[left..items.len() - right])?;
    let rights = items[items.len() - right..].iter().rev();
    let lefts = items[..left].iter().rev();
    for (o, &x) in out.iter_mut().zip(rights.chain([&mid]).chain(lefts)) {
        *o = x;
    }
    Ok(())
}

/// Runs opcodes until a return, a yield or an exception (leaving `cs.ip` at the
/// instruction that raised).
fn run(cs: &mut CodeState) -> R<Outcome> {
    let fun = cs.fun();
    let bc = fun.bytecode();
    let code: &[u8] = &bc.code;
    let ctx = fun.context();
    let mut ip = cs.ip;
    macro_rules! t {
        ($e:expr) => {
            match $e {
                Ok(v) => v,
                Err(e) => {
                    return Err(e);
                }
            }
        };
    }
    loop {
        let start = ip;
        cs.ip = start;
        let op = code[ip];
        ip += 1;
        match op {
            0x10 => {
                let qi = read_uint(code, &mut ip);
                cs.push(Obj::qstr(ctx.qstr(qi)));
            }
            0x11 => {
                let name = ctx.qstr(read_uint(code, &mut ip));
                cs.push(t!(load_name(name)));
            }
            0x12 => {
                let name = ctx.qstr(read_uint(code, &mut ip));
                cs.push(t!(load_global(name)));
            }
            0x13 => {
                let name = ctx.qstr(read_uint(code, &mut ip));
                let o = *cs.top();
                *cs.top() = t!(runtime::load_attr(o, name));
            }
            0x14 => {
                let name = ctx.qstr(read_uint(code, &mut ip));
                let o = cs.pop();
                let (m, this) = t!(runtime::load_method(o, name));
                cs.push(m);
                cs.push(this);
            }
            0x15 => {
                let name = ctx.qstr(read_uint(code, &mut ip));
                let this = cs.pop();
                let ty = cs.pop();
                cs.pop();
                let (m, s) = t!(class::super_lookup(ty, this, name));
                cs.push(m);
                cs.push(s);
            }
            0x16 | 0x17 => {
                let name = ctx.qstr(read_uint(code, &mut ip));
                let v = cs.pop();
                let target = if op == 0x16 {
                    vm().locals.get()
                } else {
                    globals()
                };
                t!(dict::dict_store(target, Obj::qstr(name), v));
            }
            0x18 => {
                let name = ctx.qstr(read_uint(code, &mut ip));
                let o = cs.pop();
                let v = cs.pop();
                // `del o.name` stores NULL.
                let op = if v.is_null() {
                    Attr::Delete
                } else {
                    Attr::Store(v)
                };
                t!(runtime::store_attr(o, name, op));
            }
            0x19 | 0x1a => {
                let name = ctx.qstr(read_uint(code, &mut ip));
                let from = if op == 0x19 {
                    vm().locals.get()
                } else {
                    globals()
                };
                t!(delete_name(from, name));
            }
            0x1b => {
                let name = ctx.qstr(read_uint(code, &mut ip));
                let _fromlist = cs.pop();
                let _level = cs.pop();
                cs.push(t!(crate::builtins::import(name)));
            }
            0x1c => {
                let name = ctx.qstr(read_uint(code, &mut ip));
                let m = *cs.top();
                cs.push(t!(import_from(m, name)));
            }
            0x20 | 0x21 => {
                let child = read_uint(code, &mut ip);
                let n = usize::from(code[ip]);
                ip += 1;
                cs.sp -= n;
                let cells: Vec<Obj> = (0..n).map(|i| *cs.slot(cs.sp + i)).collect();
                let (defaults, kw_defaults) = if op == 0x21 {
                    let kw = cs.pop();
                    let d = cs.pop();
                    (d, kw)
                } else {
                    (Obj::NULL, Obj::NULL)
                };
                let f = t!(make_child(fun, child, defaults, kw_defaults));
                cs.push(t!(func::make_closure(f, &cells)));
            }
            0x22 => {
                let v = read_sint(code, &mut ip);
                cs.push(Obj::small_unchecked(v));
            }
            0x23 => {
                let i = read_uint(code, &mut ip);
                cs.push(ctx.constant(i));
            }
            0x24 => {
                let i = read_uint(code, &mut ip);
                let v = *cs.local(i);
                if v.is_null() {
                    return Err(unbound_local());
                }
                cs.push(v);
            }
            0x25 => {
                let i = read_uint(code, &mut ip);
                let v = func::cell(*cs.local(i)).value;
                if v.is_null() {
                    return Err(unbound_local());
                }
                cs.push(v);
            }
            0x26 => {
                let i = read_uint(code, &mut ip);
                *cs.local(i) = cs.pop();
            }
            0x27 => {
                let i = read_uint(code, &mut ip);
                func::cell(*cs.local(i)).value = cs.pop();
            }
            0x28 => {
                let i = read_uint(code, &mut ip);
                if cs.local(i).is_null() {
                    return Err(unbound_local());
                }
                *cs.local(i) = Obj::NULL;
            }
            0x29 => {
                let i = read_uint(code, &mut ip);
                let c = func::cell(*cs.local(i));
                if c.value.is_null() {
                    return Err(unbound_local());
                }
                c.value = Obj::NULL;
            }
            0x2a | 0x2b | 0x2d => {
                let n = read_uint(code, &mut ip);
                cs.sp -= n;
                // SAFETY: the n items are in the state array.
                let items = unsafe { slice::from_raw_parts(cs.state.add(cs.sp), n) };
                let o = t!(match op {
                    0x2a => seq::new_tuple(items),
                    0x2b => seq::new_list(items),
                    _ => dict::new_set(items),
                });
                cs.push(o);
            }
            0x2c => {
                let n = read_uint(code, &mut ip);
                cs.push(t!(dict::new_dict(n)));
            }
            0x2e => {
                let n = read_uint(code, &mut ip);
                let step = if n == 3 { cs.pop() } else { Obj::NONE };
                let stop = cs.pop();
                let start = *cs.top();
                *cs.top() = t!(seq::new_slice(start, stop, step));
            }
            0x2f => {
                let u = read_uint(code, &mut ip);
                let target = *cs.slot(cs.sp - 1 - (u >> 2));
                match u & 3 {
                    0 => {
                        let x = cs.pop();
                        t!(seq::list_append(target, x));
                    }
                    1 => {
                        let k = cs.pop();
                        let v = cs.pop();
                        t!(dict::dict_store(target, k, v));
                    }
                    _ => {
                        let x = cs.pop();
                        t!(dict::set_add(target, x));
                    }
                }
            }
            0x30 => {
                let n = read_uint(code, &mut ip);
                let s = cs.pop();
                t!(unpack(s, cs.reserve(n)));
            }
            0x31 => {
                let u = read_uint(code, &mut ip);
                let (left, right) = (u & 0xff, (u >> 8) & 0xff);
                let s = cs.pop();
                t!(unpack_ex(s, left, right, cs.reserve(left + 1 + right)));
            }
            0x32 => {
                let child = read_uint(code, &mut ip);
                cs.push(t!(make_child(fun, child, Obj::NULL, Obj::NULL)));
            }
            0x33 => {
                let child = read_uint(code, &mut ip);
                let kw = cs.pop();
                let d = *cs.top();
                *cs.top() = t!(make_child(fun, child, d, kw));
            }
            0x34..=0x37 => {
                let u = read_uint(code, &mut ip);
                let (n_pos, n_kw) = (u & 0xff, (u >> 8) & 0xff);
                let var = op & 1 == 1;
                let method = op >= 0x36;
                let n = n_pos + 2 * n_kw + usize::from(var) + usize::from(method);
                cs.sp -= n;
                let base = cs.sp - 1;
                // SAFETY: the arguments are in the state array.
                let stack = unsafe { slice::from_raw_parts(cs.state.add(cs.sp), n) };
                let f = *cs.slot(base);
                let r = if var {
                    let (this, rest) = if method {
                        (stack[0], &stack[1..])
                    } else {
                        (Obj::NULL, stack)
                    };
                    call_var(f, this, rest, n_pos, n_kw)
                } else if method {
                    let this = stack[0];
                    if this.is_null() {
                        call(
                            f,
                            &Args {
                                pos: &stack[1..1 + n_pos],
                                kw: &stack[1 + n_pos..],
                            },
                        )
                    } else {
                        call(
                            f,
                            &Args {
                                pos: &stack[..1 + n_pos],
                                kw: &stack[1 + n_pos..],
                            },
                        )
                    }
                } else {
                    call(
                        f,
                        &Args {
                            pos: &stack[..n_pos],
                            kw: &stack[n_pos..],
                        },
                    )
                };
                *cs.slot(base) = t!(r);
            }
            0x40 => {
                let off = read_slabel(code, &mut ip);
                // The target is relative to the handler count byte, not past it.
                let dest = jump(ip, off);
                let unum = usize::from(code[ip]);
                cs.push(raw(dest));
                // Either way `cs.ip` is where to go: a finally block or the target.
                cs.unwind_jump(unum, start);
                ip = cs.ip;
            }
            0x42 => {
                let off = read_slabel(code, &mut ip);
                ip = jump(ip, off);
                if off < 0 && vm().scheduled.get() {
                    t!(crate::micropython::run_scheduled());
                }
            }
            0x43 | 0x44 => {
                let off = read_slabel(code, &mut ip);
                let v = cs.pop();
                if t!(runtime::is_true(v)) == (op == 0x43) {
                    ip = jump(ip, off);
                    // Loops come back here: where MicroPython runs scheduled calls.
                    if off < 0 && vm().scheduled.get() {
                        t!(crate::micropython::run_scheduled());
                    }
                }
            }
            0x45 | 0x46 => {
                let off = read_ulabel(code, &mut ip);
                if t!(runtime::is_true(*cs.top())) == (op == 0x45) {
                    ip += off;
                } else {
                    cs.sp -= 1;
                }
            }
            0x47 => {
                let off = read_ulabel(code, &mut ip);
                let mgr = *cs.top();
                let (exit, exit_self) = t!(runtime::load_method(mgr, q::__exit__));
                let (enter, enter_self) = t!(runtime::load_method(mgr, q::__enter__));
                let r = t!(call_method(enter, enter_self, &Args::pos(&[])));
                *cs.top() = exit;
                cs.push(exit_self);
                cs.push_handler(ip + off, true);
                cs.push(r);
            }
            0x48 | 0x49 => {
                let off = read_ulabel(code, &mut ip);
                cs.push_handler(ip + off, op == 0x49);
            }
            0x4a => {
                let off = read_ulabel(code, &mut ip);
                cs.n_exc -= 1;
                ip += off;
            }
            0x4b => {
                let off = read_ulabel(code, &mut ip);
                let it = *cs.slot(cs.sp - ITER_SLOTS + 1);
                let v = t!(runtime::iternext(it));
                if v.is_null() {
                    cs.sp -= ITER_SLOTS;
                    ip += off;
                } else {
                    cs.push(v);
                }
            }
            0x50 => cs.push(Obj::FALSE),
            0x51 => cs.push(Obj::NONE),
            0x52 => cs.push(Obj::TRUE),
            0x53 => cs.push(Obj::NULL),
            0x54 => cs.push(Obj::from_ref(&crate::builtins::BUILD_CLASS)),
            0x55 => {
                let i = cs.pop();
                let b = *cs.top();
                *cs.top() = t!(runtime::subscr(b, i, Obj::SENTINEL));
            }
            0x56 => {
                let i = cs.pop();
                let b = cs.pop();
                let v = cs.pop();
                t!(runtime::subscr(b, i, v));
            }
            0x57 => {
                let v = *cs.top();
                cs.push(v);
            }
            0x58 => {
                let (a, b) = (*cs.slot(cs.sp - 2), *cs.slot(cs.sp - 1));
                cs.push(a);
                cs.push(b);
            }
            0x59 => {
                cs.sp -= 1;
            }
            0x5a => {
                let (a, b) = (cs.sp - 2, cs.sp - 1);
                let t = *cs.slot(a);
                *cs.slot(a) = *cs.slot(b);
                *cs.slot(b) = t;
            }
            0x5b => {
                // TOS moves down to third.
                let top = *cs.slot(cs.sp - 1);
                *cs.slot(cs.sp - 1) = *cs.slot(cs.sp - 2);
                *cs.slot(cs.sp - 2) = *cs.slot(cs.sp - 3);
                *cs.slot(cs.sp - 3) = top;
            }
            0x5c => {
                let top = *cs.top();
                if top == Obj::NONE {
                    let base = cs.sp - 3;
                    let (exit, this) = (*cs.slot(base), *cs.slot(base + 1));
                    t!(call_method(
                        exit,
                        this,
                        &Args::pos(&[Obj::NONE, Obj::NONE, Obj::NONE])
                    ));
                    *cs.slot(base) = Obj::NONE;
                    cs.sp = base + 1;
                } else if top.is_small() {
                    let base = cs.sp - 4;
                    let (exit, this) = (*cs.slot(base), *cs.slot(base + 1));
                    let (data, cause) = (*cs.slot(base + 2), *cs.slot(base + 3));
                    t!(call_method(
                        exit,
                        this,
                        &Args::pos(&[Obj::NONE, Obj::NONE, Obj::NONE])
                    ));
                    *cs.slot(base) = data;
                    *cs.slot(base + 1) = cause;
                    cs.sp = base + 2;
                } else {
                    let base = cs.sp - 3;
                    let (exit, this) = (*cs.slot(base), *cs.slot(base + 1));
                    let ty = top.type_of().obj();
                    let r = t!(call_method(exit, this, &Args::pos(&[ty, top, Obj::NONE])));
                    *cs.slot(base) = if t!(runtime::is_true(r)) {
                        Obj::NONE
                    } else {
                        top
                    };
                    cs.sp = base + 1;
                }
            }
            0x5d => {
                cs.n_exc -= 1;
                let top = *cs.top();
                if top == Obj::NONE {
                    cs.sp -= 1;
                } else if let Some(cause) = top.as_small() {
                    cs.sp -= 1;
                    let r = if cause < 0 {
                        cs.unwind_return(start)
                    } else {
                        cs.unwind_jump(cause as usize, start)
                    };
                    match r {
                        Unwind::Finally => ip = cs.ip,
                        Unwind::Done if cause < 0 => {
                            let v = *cs.top();
                            return Ok(Outcome::Return(v));
                        }
                        Unwind::Done => ip = cs.ip,
                    }
                } else {
                    return Err(Exc(top));
                }
            }
            0x5e => {
                let o = *cs.top();
                *cs.top() = t!(runtime::getiter(o));
            }
            0x5f => {
                let o = cs.pop();
                let it = t!(runtime::getiter(o));
                cs.push(Obj::NULL);
                cs.push(it);
                cs.push(Obj::NULL);
                cs.push(Obj::NULL);
            }
            0x62 => {
                let k = cs.pop();
                let v = cs.pop();
                t!(dict::dict_store(*cs.top(), k, v));
            }
            0x63 => match cs.unwind_return(start) {
                Unwind::Finally => ip = cs.ip,
                Unwind::Done => return Ok(Outcome::Return(*cs.top())),
            },
            0x64 => {
                let handlers = cs.handlers();
                let prev = handlers[..cs.n_exc]
                    .iter()
                    .rev()
                    .map(|h| h.prev_exc)
                    .find(|e| !e.is_null());
                return Err(match prev {
                    Some(e) => Exc(e),
                    None => exc::new(&exc::RUNTIME_ERROR, "no active exception to reraise"),
                });
            }
            0x65 => return Err(exc::make_raise_obj(*cs.top())),
            0x66 => {
                if cs.pop() != Obj::NONE {
                    vm().write(b"Warning: exception chaining not supported\n");
                }
                return Err(exc::make_raise_obj(*cs.top()));
            }
            0x67 => {
                cs.ip = ip;
                let v = cs.pop();
                return Ok(Outcome::Yield(v));
            }
            0x68 => {
                let send = cs.pop();
                let inner = *cs.top();
                match t!(crate::gen::resume_any(inner, send, None)) {
                    crate::gen::Resumed::Yield(v) => {
                        // Come back to this YIELD_FROM with the next sent value.
                        cs.ip = start;
                        return Ok(Outcome::Yield(v));
                    }
                    crate::gen::Resumed::Return(v) => *cs.top() = v,
                }
            }
            0x69 => {
                let m = cs.pop();
                t!(crate::builtins::import_all(m, globals()));
            }
            0x70..=0xaf => cs.push(Obj::small_unchecked(i32::from(op) - 0x80)),
            0xb0..=0xbf => {
                let v = *cs.local(usize::from(op - 0xb0));
                if v.is_null() {
                    return Err(unbound_local());
                }
                cs.push(v);
            }
            0xc0..=0xcf => {
                *cs.local(usize::from(op - 0xc0)) = cs.pop();
            }
            0xd0..=0xd3 => {
                let u = UnaryOp::from_number(usize::from(op - 0xd0)).expect("unary op");
                let o = *cs.top();
                *cs.top() = t!(runtime::unary_op(u, o));
            }
            0xd7..=0xf9 => {
                let b = BinaryOp::from_number(usize::from(op - 0xd7)).expect("binary op");
                let rhs = cs.pop();
                let lhs = *cs.top();
                *cs.top() = t!(runtime::binary_op(b, lhs, rhs));
            }
            _ => return Err(exc::not_implemented("opcode")),
        }
    }
}

fn unbound_local() -> Exc {
    exc::new(
        &exc::NAME_ERROR,
        "local variable referenced before assignment",
    )
}

fn make_child(fun: &FunBc, child: usize, defaults: Obj, kw_defaults: Obj) -> R {
    let proto = fun
        .proto
        .children
        .get(child)
        .ok_or_else(|| exc::value_error("bad child index"))?;
    func::make_function(proto, fun.context, defaults, kw_defaults)
}
