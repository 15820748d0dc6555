//! The VM's global state: the heap, the roots it scans, the Python stack for frames,
//! and the console. There is one VM per firmware; host tests take turns (`VmLock`).

use core::cell::{Cell, UnsafeCell};

use alloc::vec::Vec;

use crate::{
    gc::{Heap, Roots},
    obj::{Base, Obj},
    types::Type,
    R,
};

/// Object words the collector must see besides the stacks: module globals, the
/// exception being handled, `sys.modules`, loaded constants.
pub const N_ROOTS: usize = 16;

pub mod root {
    pub const MAIN_GLOBALS: usize = 0;
    pub const MODULES: usize = 1;
    pub const MEMORY_ERROR: usize = 2;
    pub const CONSTANTS: usize = 3;
    /// `micropython.schedule`'s queue: a list of function, argument pairs (or NULL).
    pub const SCHEDULED: usize = 4;
}

pub struct State {
    pub heap: Heap,
    roots: [Cell<Obj>; N_ROOTS],
    /// The highest machine-stack address the collector scans down from.
    stack_top: Cell<usize>,
    /// Where the machine stack may grow down to before `RecursionError`.
    stack_limit: Cell<usize>,
    out: Cell<fn(&[u8])>,
    /// Interned strings beyond the static qstrs, in id order.
    qstrs: UnsafeCell<Vec<&'static str>>,
    /// The globals of the code running now.
    pub globals: Cell<Obj>,
    /// Where `STORE_NAME` stores: the globals, or a class body's namespace.
    pub locals: Cell<Obj>,
    /// `micropython.opt_level()`.
    pub opt_level: Cell<i32>,
    /// `micropython.schedule` has queued calls: the next backward jump runs them.
    pub scheduled: Cell<bool>,
}

// SAFETY: single-threaded by construction (see module docs).
unsafe impl Sync for State {}

#[allow(clippy::declare_interior_mutable_const)] // Copied into the array, never shared.
const NO_ROOT: Cell<Obj> = Cell::new(Obj::NULL);

static STATE: State = State {
    heap: Heap::new(),
    roots: [NO_ROOT; N_ROOTS],
    stack_top: Cell::new(0),
    stack_limit: Cell::new(0),
    out: Cell::new(discard),
    qstrs: UnsafeCell::new(Vec::new()),
    globals: Cell::new(Obj::NULL),
    locals: Cell::new(Obj::NULL),
    opt_level: Cell::new(0),
    scheduled: Cell::new(false),
};

fn discard(_: &[u8]) {}

pub fn vm() -> &'static State {
    &STATE
}

impl State {
    pub fn root(&self, i: usize) -> Obj {
        self.roots[i].get()
    }

    pub fn set_root(&self, i: usize, o: Obj) {
        self.roots[i].set(o);
    }

    pub fn write(&self, bytes: &[u8]) {
        (self.out.get())(bytes)
    }

    /// The dynamic qstr table.
    #[allow(clippy::mut_from_ref)]
    pub(crate) fn qstr_table(&self) -> &mut Vec<&'static str> {
        // SAFETY: single-threaded, and no caller keeps the reference across another call.
        unsafe { &mut *self.qstrs.get() }
    }

    /// Bytes of machine stack left before the limit.
    pub fn stack_left(&self) -> usize {
        let here = stack_pointer();
        here.saturating_sub(self.stack_limit.get())
    }

    /// (bytes of machine stack in use, bytes Python may use).
    pub fn stack_usage(&self) -> (usize, usize) {
        let top = self.stack_top.get();
        (
            top.saturating_sub(stack_pointer()),
            top - self.stack_limit.get(),
        )
    }
}

/// Everything [`crate::init`] needs to know about the machine.
pub struct Config {
    /// The heap's memory.
    pub heap: &'static mut [usize],
    /// The top of the machine stack (the collector scans from the current stack
    /// pointer up to here) and how much of it Python may use.
    pub stack_top: usize,
    pub stack_size: usize,
    /// Where `print` goes.
    pub out: fn(&[u8]),
    /// The hardware `time` and `machine` reach.
    pub board: &'static crate::Board,
}

pub(crate) fn configure(config: Config) {
    let s = vm();
    let bytes = core::mem::size_of_val(config.heap);
    // SAFETY: the caller gives the memory to the heap for good.
    unsafe { s.heap.init(config.heap.as_mut_ptr().cast(), bytes) };
    s.stack_top.set(config.stack_top);
    s.stack_limit
        .set(config.stack_top.saturating_sub(config.stack_size));
    s.out.set(config.out);
    s.opt_level.set(0);
    crate::board::set(config.board);
    for r in &s.roots {
        r.set(Obj::NULL);
    }
    s.qstr_table().clear();
}

/// The current stack pointer, near enough: the address of a local.
#[inline(never)]
pub fn stack_pointer() -> usize {
    let marker = 0usize;
    core::hint::black_box(&marker) as *const usize as usize
}

struct VmRoots;

impl Roots for VmRoots {
    fn for_each_range(&self, f: &mut dyn FnMut(*const usize, *const usize)) {
        let s = vm();
        let roots = s.roots.as_ptr() as *const usize;
        f(roots, roots.wrapping_add(N_ROOTS));
        for cell in [&s.globals, &s.locals] {
            let g = cell as *const Cell<Obj> as *const usize;
            f(g, g.wrapping_add(1));
        }
        scan_machine_stack(f);
    }
}

/// Spills the callee-saved registers onto the stack, then scans from there up.
#[inline(never)]
fn scan_machine_stack(f: &mut dyn FnMut(*const usize, *const usize)) {
    let regs = spill_registers();
    let top = vm().stack_top.get() as *const usize;
    let here = core::hint::black_box(&regs) as *const _ as *const usize;
    f(here, top);
}

#[inline(never)]
fn spill_registers() -> [usize; 8] {
    let mut regs = [0usize; 8];
    #[cfg(target_arch = "arm")]
    // SAFETY: only stores registers into `regs`.
    unsafe {
        core::arch::asm!(
            "stm {0}, {{r4-r11}}",
            in(reg) regs.as_mut_ptr(),
            options(nostack, preserves_flags)
        );
    }
    #[cfg(target_arch = "x86_64")]
    // SAFETY: only stores registers into `regs`.
    unsafe {
        core::arch::asm!(
            "mov [{0}], rbx",
            "mov [{0} + 8], rbp",
            "mov [{0} + 16], r12",
            "mov [{0} + 24], r13",
            "mov [{0} + 32], r14",
            "mov [{0} + 40], r15",
            in(reg) regs.as_mut_ptr(),
            options(nostack, preserves_flags)
        );
    }
    core::hint::black_box(regs)
}

/// Allocates `bytes` zeroed bytes from the heap, or raises `MemoryError`.
pub fn alloc_bytes(bytes: usize) -> R<*mut u8> {
    vm().heap
        .alloc(bytes, &VmRoots)
        .ok_or_else(crate::exc::memory_error)
}

/// Allocates an object of type `T` (plus `extra` bytes after it) with its base set.
pub fn alloc_obj<T>(ty: &'static Type, extra: usize) -> R<*mut T> {
    let p = alloc_bytes(core::mem::size_of::<T>() + extra)? as *mut T;
    // SAFETY: every object struct starts with a `Base`.
    unsafe { (*(p as *mut Base)).ty = ty };
    Ok(p)
}

/// Resizes an allocation made by [`alloc_bytes`].
pub fn realloc_bytes(p: *mut u8, bytes: usize) -> R<*mut u8> {
    vm().heap
        .realloc(p, bytes, &VmRoots)
        .ok_or_else(crate::exc::memory_error)
}

pub fn collect() {
    vm().heap.collect(&VmRoots);
}
