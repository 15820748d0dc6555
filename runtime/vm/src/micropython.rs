//! The `micropython` module: `const`, `opt_level`, `mem_info`, `heap_lock`/`heap_unlock`,
//! `alloc_emergency_exception_buf`, `schedule`. The `native`/`viper` decorators never
//! reach the runtime: `mpy-cross` consumes them.

use core::ptr;

use crate::{
    func::{Builtin, Fun},
    obj::Obj,
    print::Console,
    qstr::{q, Qstr},
    runtime,
    state::{root, vm},
    types::{Member, Out, Type},
    R,
};

fn mp_const(o: Obj) -> R {
    Ok(o)
}

/// `opt_level()` reads it, `opt_level(n)` sets it (there is no compiler on board for it
/// to steer, but programs read it back).
fn opt_level(args: &[Obj]) -> R {
    match args.first() {
        None => Ok(Obj::small_unchecked(vm().opt_level.get())),
        Some(&v) => {
            vm().opt_level.set(runtime::to_int(v)?);
            Ok(Obj::NONE)
        }
    }
}

/// What a heap block's first word says it is, as MicroPython's table dump letters it.
fn block_kind(p: *const u8) -> char {
    // SAFETY: every head block is at least a word long; the word is only compared.
    let word = unsafe { ptr::read(p as *const usize) };
    let is = |t: &'static Type| word == t as *const Type as usize;
    use crate::types::{BYTEARRAY, BYTES, DICT, FLOAT, LIST, STR, TUPLE};
    if is(&TUPLE) {
        'T'
    } else if is(&LIST) {
        'L'
    } else if is(&DICT) {
        'D'
    } else if is(&STR) || is(&BYTES) {
        'S'
    } else if is(&BYTEARRAY) || is(&crate::array::ARRAY) {
        'A'
    } else if is(&FLOAT) {
        'F'
    } else if is(&crate::func::FUNCTION) {
        'B'
    } else if is(&crate::misc::MODULE) {
        'M'
    } else {
        'h'
    }
}

/// Stack use and the heap's figures, in MicroPython's words; with an argument, the
/// heap's allocation table too.
fn mem_info(args: &[Obj]) -> R {
    let (used, limit) = vm().stack_usage();
    let h = vm().heap.info();
    let text = alloc::format!(
        "stack: {used} out of {limit}\nGC: total: {}, used: {}, free: {}\n \
         No. of 1-blocks: {}, 2-blocks: {}, max blk sz: {}, max free sz: {}\n",
        h.total,
        h.used,
        h.free,
        h.one_block,
        h.two_blocks,
        h.max_block,
        h.max_free
    );
    Console.put_str(&text);
    if !args.is_empty() {
        vm().heap
            .dump_table(&mut |s| Console.put_str(s), &block_kind);
    }
    Ok(Obj::NONE)
}

fn heap_lock() -> R {
    vm().heap.locked.set(vm().heap.locked.get() + 1);
    Ok(Obj::NONE)
}

fn heap_unlock() -> R {
    let depth = vm().heap.locked.get().saturating_sub(1);
    vm().heap.locked.set(depth);
    Ok(Obj::small_unchecked(depth as i32))
}

/// Accepted: the one exception raised without memory, `MemoryError`, is reserved at
/// start-up already.
fn alloc_emergency_exception_buf(size: Obj) -> R {
    runtime::to_int(size)?;
    Ok(Obj::NONE)
}

/// Calls `micropython.schedule` may queue (MicroPython's default scheduler depth).
const SCHEDULE_DEPTH: usize = 4;

/// Queues `f(arg)` to run at the next backward jump of bytecode (a loop going round), a
/// sleep, or the end of the program, as MicroPython runs scheduled calls.
fn schedule(f: Obj, arg: Obj) -> R {
    let mut queue = vm().root(root::SCHEDULED);
    if queue.is_null() {
        queue = crate::seq::new_list(&[])?;
        vm().set_root(root::SCHEDULED, queue);
    }
    if crate::seq::list_items(queue).len() >= 2 * SCHEDULE_DEPTH {
        return Err(crate::exc::new(
            &crate::exc::RUNTIME_ERROR,
            "schedule queue full",
        ));
    }
    crate::seq::list_append(queue, f)?;
    crate::seq::list_append(queue, arg)?;
    vm().scheduled.set(true);
    Ok(Obj::NONE)
}

/// Runs the oldest queued call, as MicroPython runs one per check. What it raises is
/// printed, not propagated (MicroPython's protected call).
pub fn run_scheduled() -> R<()> {
    if !vm().scheduled.get() {
        return Ok(());
    }
    let queue = vm().root(root::SCHEDULED);
    let items = crate::seq::list_items(queue);
    let (f, arg) = (items[0], items[1]);
    crate::seq::set_list(queue, &items[2..])?;
    vm().scheduled.set(items.len() > 2);
    if let Err(e) = runtime::call(f, &crate::types::Args::pos(&[arg])) {
        let mut out = alloc::vec::Vec::new();
        crate::exc::print_exception(&mut out, e.0);
        vm().write(&out);
    }
    Ok(())
}

/// Runs every call still queued (the program is ending).
pub fn run_all_scheduled() -> R<()> {
    while vm().scheduled.get() {
        run_scheduled()?;
    }
    Ok(())
}

static CONST: Builtin = Builtin::new(q::r#const, Fun::F1(mp_const));
static SCHEDULE: Builtin = Builtin::new(q::schedule, Fun::F2(schedule));
static OPT_LEVEL: Builtin = Builtin::new(q::opt_level, Fun::Var(0, 1, opt_level));
static MEM_INFO: Builtin = Builtin::new(q::mem_info, Fun::Var(0, 1, mem_info));
static HEAP_LOCK: Builtin = Builtin::new(q::heap_lock, Fun::F0(heap_lock));
static HEAP_UNLOCK: Builtin = Builtin::new(q::heap_unlock, Fun::F0(heap_unlock));
static ALLOC_EMERGENCY_EXCEPTION_BUF: Builtin = Builtin::new(
    q::alloc_emergency_exception_buf,
    Fun::F1(alloc_emergency_exception_buf),
);

/// The `micropython` module's names.
pub static MODULE: &[(Qstr, Member)] = &[
    (q::r#const, Member::Fun(&CONST)),
    (q::schedule, Member::Fun(&SCHEDULE)),
    (q::opt_level, Member::Fun(&OPT_LEVEL)),
    (q::mem_info, Member::Fun(&MEM_INFO)),
    (q::heap_lock, Member::Fun(&HEAP_LOCK)),
    (q::heap_unlock, Member::Fun(&HEAP_UNLOCK)),
    (
        q::alloc_emergency_exception_buf,
        Member::Fun(&ALLOC_EMERGENCY_EXCEPTION_BUF),
    ),
];
