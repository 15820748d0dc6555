//! The garbage-collected heap: a fixed region split into blocks of four words, with
//! two bits per block saying free, head of an allocation, tail of one, or marked head.
//!
//! Collection is mark-sweep. Marking is conservative: any word in a root range or in a
//! reachable allocation that points into an allocation (also into its middle) keeps it
//! alive, so Rust code may hold objects in locals and registers across allocations. An
//! allocation that fails collects and retries once; allocations are zeroed.
//!
//! As in MicroPython, `gc.disable()` stops every automatic collection (an allocation
//! that does not fit then fails), and `gc.threshold(n)` collects before an allocation
//! once `n` bytes (rounded down to blocks) were allocated since the last collection.

use core::{cell::Cell, ptr};

const WORD: usize = core::mem::size_of::<usize>();
pub const BLOCK: usize = 4 * WORD;

const FREE: u8 = 0;
const HEAD: u8 = 1;
const TAIL: u8 = 2;
const MARK: u8 = 3;

/// How many blocks the mark phase can remember; beyond that it rescans the heap.
const MARK_STACK: usize = 64;

/// Heap figures: bytes, and allocations and free runs in blocks.
#[derive(Default)]
pub struct Info {
    pub total: usize,
    pub used: usize,
    pub free: usize,
    pub one_block: usize,
    pub two_blocks: usize,
    pub max_block: usize,
    pub max_free: usize,
}

pub struct Heap {
    /// Two bits per block, four blocks per byte.
    table: Cell<*mut u8>,
    blocks: Cell<*mut u8>,
    n_blocks: Cell<usize>,
    /// No free block before this one.
    first_free: Cell<usize>,
    /// Blocks allocated since the last collection, for `gc.threshold`.
    since_collect: Cell<usize>,
    /// `gc.threshold`, in blocks.
    pub threshold: Cell<Option<usize>>,
    pub enabled: Cell<bool>,
    /// Collections locked out (`micropython.heap_lock`): allocation fails instead.
    pub locked: Cell<u32>,
    mark_stack: [Cell<usize>; MARK_STACK],
    mark_len: Cell<usize>,
    mark_overflow: Cell<bool>,
    pub collections: Cell<u32>,
}

// SAFETY: the VM is single-threaded; host tests serialise on a lock.
unsafe impl Sync for Heap {}

/// Where else to look for live objects: precise root words and ranges of words
/// (the machine stack, the Python stack) to scan conservatively.
pub trait Roots {
    fn for_each_range(&self, f: &mut dyn FnMut(*const usize, *const usize));
}

impl Heap {
    pub const fn new() -> Self {
        #[allow(clippy::declare_interior_mutable_const)] // Copied into the array, never shared.
        const ZERO: Cell<usize> = Cell::new(0);
        Heap {
            table: Cell::new(ptr::null_mut()),
            blocks: Cell::new(ptr::null_mut()),
            n_blocks: Cell::new(0),
            first_free: Cell::new(0),
            since_collect: Cell::new(0),
            threshold: Cell::new(None),
            enabled: Cell::new(true),
            locked: Cell::new(0),
            mark_stack: [ZERO; MARK_STACK],
            mark_len: Cell::new(0),
            mark_overflow: Cell::new(false),
            collections: Cell::new(0),
        }
    }

    /// Takes over `len` bytes at `start` (word-aligned).
    ///
    /// # Safety
    /// The memory must be valid, unused by anything else, for as long as the heap is.
    pub unsafe fn init(&self, start: *mut u8, len: usize) {
        // Each block costs BLOCK bytes plus a quarter byte of table.
        let n_blocks = (len * 4) / (4 * BLOCK + 1);
        let table_len = n_blocks.div_ceil(4);
        let blocks = (start as usize + table_len).next_multiple_of(BLOCK);
        let n_blocks = (start as usize + len).saturating_sub(blocks) / BLOCK;
        ptr::write_bytes(start, 0, table_len);
        self.table.set(start);
        self.blocks.set(blocks as *mut u8);
        self.n_blocks.set(n_blocks);
        self.first_free.set(0);
        self.since_collect.set(0);
        self.threshold.set(None);
        self.enabled.set(true);
        self.locked.set(0);
    }

    fn kind(&self, block: usize) -> u8 {
        // SAFETY: callers pass block < n_blocks.
        unsafe { (*self.table.get().add(block / 4) >> ((block % 4) * 2)) & 3 }
    }

    fn set_kind(&self, block: usize, kind: u8) {
        // SAFETY: callers pass block < n_blocks.
        unsafe {
            let byte = self.table.get().add(block / 4);
            let shift = (block % 4) * 2;
            *byte = (*byte & !(3 << shift)) | (kind << shift);
        }
    }

    fn block_of(&self, addr: usize) -> Option<usize> {
        let start = self.blocks.get() as usize;
        let end = start + self.n_blocks.get() * BLOCK;
        (start..end).contains(&addr).then(|| (addr - start) / BLOCK)
    }

    fn addr(&self, block: usize) -> *mut u8 {
        // SAFETY: stays within the block area.
        unsafe { self.blocks.get().add(block * BLOCK) }
    }

    /// Blocks in the allocation starting at `head`.
    fn blocks_in(&self, head: usize) -> usize {
        let mut n = 1;
        while head + n < self.n_blocks.get() && self.kind(head + n) == TAIL {
            n += 1;
        }
        n
    }

    /// Allocates `bytes` zeroed bytes, collecting once if the heap is full.
    /// `None` means out of memory (or the heap is locked).
    pub fn alloc(&self, bytes: usize, roots: &dyn Roots) -> Option<*mut u8> {
        if self.locked.get() > 0 {
            return None;
        }
        let mut collected = !self.enabled.get();
        if !collected
            && self
                .threshold
                .get()
                .is_some_and(|t| self.since_collect.get() >= t)
        {
            self.collect(roots);
            collected = true;
        }
        if let Some(p) = self.try_alloc(bytes) {
            return Some(p);
        }
        if collected {
            return None;
        }
        self.collect(roots);
        self.try_alloc(bytes)
    }

    fn try_alloc(&self, bytes: usize) -> Option<*mut u8> {
        let n = bytes.max(1).div_ceil(BLOCK);
        let total = self.n_blocks.get();
        let mut start = self.first_free.get();
        'search: while start + n <= total {
            for i in 0..n {
                if self.kind(start + i) != FREE {
                    start += i + 1;
                    continue 'search;
                }
            }
            self.set_kind(start, HEAD);
            for i in 1..n {
                self.set_kind(start + i, TAIL);
            }
            if start == self.first_free.get() {
                self.first_free.set(start + n);
            }
            self.since_collect.set(self.since_collect.get() + n);
            let p = self.addr(start);
            // SAFETY: the blocks were free and are inside the heap.
            unsafe { ptr::write_bytes(p, 0, n * BLOCK) };
            return Some(p);
        }
        None
    }

    /// Grows or shrinks an allocation, moving it if it cannot grow in place.
    pub fn realloc(&self, p: *mut u8, bytes: usize, roots: &dyn Roots) -> Option<*mut u8> {
        if p.is_null() {
            return self.alloc(bytes, roots);
        }
        let head = self.block_of(p as usize)?;
        let have = self.blocks_in(head);
        let want = bytes.max(1).div_ceil(BLOCK);
        if want <= have {
            for b in head + want..head + have {
                self.set_kind(b, FREE);
            }
            self.first_free.set(self.first_free.get().min(head + want));
            return Some(p);
        }
        let end = head + want;
        if end <= self.n_blocks.get() && (head + have..end).all(|b| self.kind(b) == FREE) {
            for b in head + have..end {
                self.set_kind(b, TAIL);
            }
            // SAFETY: the new blocks belong to this allocation now.
            unsafe { ptr::write_bytes(self.addr(head + have), 0, (want - have) * BLOCK) };
            return Some(p);
        }
        let new = self.alloc(bytes, roots)?;
        // SAFETY: both allocations are at least `have` blocks long.
        unsafe { ptr::copy_nonoverlapping(p, new, have * BLOCK) };
        self.free(p);
        Some(new)
    }

    /// Returns an allocation to the heap at once (for buffers that were replaced).
    pub fn free(&self, p: *mut u8) {
        let Some(head) = self.block_of(p as usize) else {
            return;
        };
        if self.kind(head) != HEAD {
            return;
        }
        let n = self.blocks_in(head);
        for b in head..head + n {
            self.set_kind(b, FREE);
        }
        self.first_free.set(self.first_free.get().min(head));
    }

    /// The head block of the allocation `addr` points into, if any.
    fn head_of(&self, addr: usize) -> Option<usize> {
        let mut b = self.block_of(addr)?;
        loop {
            match self.kind(b) {
                FREE => return None,
                TAIL if b > 0 => b -= 1,
                TAIL => return None,
                _ => return Some(b),
            }
        }
    }

    fn mark_word(&self, word: usize) {
        let Some(head) = self.head_of(word) else {
            return;
        };
        if self.kind(head) != HEAD {
            return;
        }
        self.set_kind(head, MARK);
        let len = self.mark_len.get();
        if len < MARK_STACK {
            self.mark_stack[len].set(head);
            self.mark_len.set(len + 1);
        } else {
            self.mark_overflow.set(true);
        }
    }

    fn scan_range(&self, start: *const usize, end: *const usize) {
        let mut p = start;
        while p < end {
            // SAFETY: callers pass readable word ranges.
            self.mark_word(unsafe { p.read_volatile() });
            p = p.wrapping_add(1);
        }
        self.drain();
    }

    fn drain(&self) {
        loop {
            self.drain_stack();
            if !self.mark_overflow.replace(false) {
                return;
            }
            // The stack overflowed: rescan every marked allocation's children.
            for b in 0..self.n_blocks.get() {
                if self.kind(b) == MARK {
                    self.scan_children(b);
                    self.drain_stack();
                }
            }
        }
    }

    /// Empties the mark stack (overflow is the caller's business).
    fn drain_stack(&self) {
        while let Some(len) = self.mark_len.get().checked_sub(1) {
            self.mark_len.set(len);
            self.scan_children(self.mark_stack[len].get());
        }
    }

    fn scan_children(&self, head: usize) {
        let words = self.blocks_in(head) * BLOCK / WORD;
        let start = self.addr(head) as *const usize;
        for i in 0..words {
            // SAFETY: inside the allocation.
            self.mark_word(unsafe { start.add(i).read() });
        }
    }

    /// Marks from the roots and frees whatever is unreachable.
    pub fn collect(&self, roots: &dyn Roots) {
        if self.locked.get() > 0 {
            return;
        }
        roots.for_each_range(&mut |start, end| self.scan_range(start, end));
        for b in 0..self.n_blocks.get() {
            match self.kind(b) {
                MARK => self.set_kind(b, HEAD),
                HEAD => {
                    self.set_kind(b, FREE);
                    let mut t = b + 1;
                    while t < self.n_blocks.get() && self.kind(t) == TAIL {
                        self.set_kind(t, FREE);
                        t += 1;
                    }
                }
                _ => {}
            }
        }
        self.first_free.set(0);
        self.since_collect.set(0);
        self.collections.set(self.collections.get() + 1);
    }

    /// (bytes in use, bytes free).
    pub fn usage(&self) -> (usize, usize) {
        let i = self.info();
        (i.used, i.free)
    }

    /// The figures `micropython.mem_info()` prints, counted as MicroPython counts them.
    pub fn info(&self) -> Info {
        let n = self.n_blocks.get();
        let mut info = Info {
            total: n * BLOCK,
            ..Info::default()
        };
        let (mut len, mut len_free) = (0, 0);
        for b in 0..n {
            match self.kind(b) {
                FREE => {
                    info.free += BLOCK;
                    len_free += 1;
                    len = 0;
                }
                HEAD => {
                    info.used += BLOCK;
                    len = 1;
                }
                TAIL => {
                    info.used += BLOCK;
                    len += 1;
                }
                _ => {}
            }
            let next = (b + 1 < n).then(|| self.kind(b + 1));
            if matches!(next, None | Some(FREE | HEAD)) {
                match len {
                    1 => info.one_block += 1,
                    2 => info.two_blocks += 1,
                    _ => {}
                }
                info.max_block = info.max_block.max(len);
                if next != Some(FREE) {
                    info.max_free = info.max_free.max(len_free);
                    len_free = 0;
                }
            }
        }
        info
    }

    /// The allocation table as MicroPython's `mem_info(1)` draws it: 64 blocks a line,
    /// `.` free, `=` the tail of an allocation, a head as `kind_of` names it, runs of two
    /// or more free lines abbreviated.
    pub fn dump_table(&self, out: &mut dyn FnMut(&str), kind_of: &dyn Fn(*const u8) -> char) {
        const PER_LINE: usize = 64;
        let n = self.n_blocks.get();
        let mut text = alloc::format!("GC memory layout; from {:x}:", self.blocks.get() as usize);
        let mut b = 0;
        while b < n {
            if b % PER_LINE == 0 {
                let free_run = (b..n).take_while(|&x| self.kind(x) == FREE).count();
                if free_run >= 2 * PER_LINE {
                    text += &alloc::format!("\n       ({} lines all free)", free_run / PER_LINE);
                    b = (b + free_run) & !(PER_LINE - 1);
                    if b >= n {
                        break;
                    }
                }
                text += &alloc::format!("\n{:08x}: ", b * BLOCK);
            }
            text.push(match self.kind(b) {
                FREE => '.',
                HEAD => kind_of(self.addr(b)),
                TAIL => '=',
                _ => 'm',
            });
            b += 1;
        }
        text.push('\n');
        out(&text);
    }
}
