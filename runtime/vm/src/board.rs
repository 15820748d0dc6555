//! What the hardware modules (`time`, `machine`) need of the board: the firmware passes
//! these hooks in [`crate::Config`]; [`HOST`] is a fake clock and memory for host tests.

use core::cell::{Cell, RefCell};

use alloc::collections::{BTreeMap, VecDeque};

/// The board's hooks. Counters are free-running and wrap at 2^32.
pub struct Board {
    /// The clocks `machine.freq()` reports: SYSCLK, HCLK, PCLK1, PCLK2 in Hz.
    pub freq: [u32; 4],
    /// The core cycle counter (DWT CYCCNT).
    pub cycles: fn() -> u32,
    /// Microseconds since start-up.
    pub micros: fn() -> u32,
    /// Milliseconds since start-up (only the low 30 bits are used, so a counter of 31 or
    /// 32 bits will do).
    pub millis: fn() -> u32,
    /// Waits `us` microseconds (at most 2^31).
    pub sleep_us: fn(u32),
    /// Reads the `width`-byte (1, 2, 4) word at the aligned address `addr`.
    pub read: fn(addr: u32, width: u8) -> u32,
    /// Writes the low `width` bytes of `value` to the aligned address `addr`.
    pub write: fn(addr: u32, width: u8, value: u32),
    /// Resets the machine: does not return.
    pub reset: fn() -> !,
    /// Sets UART `id` up at `baud`, 8N1; returns the baud rate the hardware gets.
    pub uart_init: fn(id: u8, baud: u32) -> u32,
    /// Sends the bytes on UART `id`, waiting for room.
    pub uart_write: fn(id: u8, bytes: &[u8]),
    /// A byte UART `id` has received, if any (does not wait).
    pub uart_read: fn(id: u8) -> Option<u8>,
    /// How many received bytes UART `id` holds.
    pub uart_any: fn(id: u8) -> u8,
}

/// A board for host tests: time passes only when the program sleeps (plus one
/// microsecond per reading of the clock, so back-to-back readings differ), memory is a
/// sparse map of bytes that starts zeroed, and every UART is looped back (what it sends,
/// it receives).
pub static HOST: Board = Board {
    freq: [168_000_000, 168_000_000, 42_000_000, 84_000_000],
    cycles: || (host_now_us() * 168) as u32,
    micros: || host_now_us() as u32,
    millis: || (host_now_us() / 1000) as u32,
    sleep_us: |us| HOST_CLOCK.with(|c| c.set(c.get() + u64::from(us))),
    read: |addr, width| {
        HOST_MEMORY.with(|m| {
            let m = m.borrow();
            (0..u32::from(width)).fold(0, |v, i| {
                v | u32::from(m.get(&(addr + i)).copied().unwrap_or(0)) << (8 * i)
            })
        })
    },
    write: |addr, width, value| {
        HOST_MEMORY.with(|m| {
            let mut m = m.borrow_mut();
            for i in 0..u32::from(width) {
                m.insert(addr + i, (value >> (8 * i)) as u8);
            }
        })
    },
    reset: || panic!("machine.reset() on the host board"),
    uart_init: |_, baud| baud,
    uart_write: |id, bytes| {
        HOST_UARTS.with(|u| u.borrow_mut().extend(bytes.iter().map(|&b| (id, b))))
    },
    uart_read: |id| {
        HOST_UARTS.with(|u| {
            let mut u = u.borrow_mut();
            let i = u.iter().position(|&(i, _)| i == id)?;
            u.remove(i).map(|(_, b)| b)
        })
    },
    uart_any: |id| HOST_UARTS.with(|u| u.borrow().iter().filter(|&&(i, _)| i == id).count() as u8),
};

/// Host state, single-threaded like the VM.
struct HostCell<T>(T);

// SAFETY: the VM runs on one thread at a time (see `state`).
unsafe impl<T> Sync for HostCell<T> {}

impl<T> HostCell<T> {
    fn with<U>(&self, f: impl FnOnce(&T) -> U) -> U {
        f(&self.0)
    }
}

static HOST_CLOCK: HostCell<Cell<u64>> = HostCell(Cell::new(0));
static HOST_MEMORY: HostCell<RefCell<BTreeMap<u32, u8>>> = HostCell(RefCell::new(BTreeMap::new()));

/// Bytes sent and not yet received, with their UART's id.
static HOST_UARTS: HostCell<RefCell<VecDeque<(u8, u8)>>> = HostCell(RefCell::new(VecDeque::new()));

fn host_now_us() -> u64 {
    HOST_CLOCK.with(|c| {
        c.set(c.get() + 1);
        c.get()
    })
}

static BOARD: HostCell<Cell<&'static Board>> = HostCell(Cell::new(&HOST));

pub(crate) fn set(board: &'static Board) {
    BOARD.with(|b| b.set(board));
    if core::ptr::eq(board, &HOST) {
        HOST_CLOCK.with(|c| c.set(0));
        HOST_MEMORY.with(|m| m.borrow_mut().clear());
        HOST_UARTS.with(|u| u.borrow_mut().clear());
    }
}

/// The board the VM runs on.
pub fn board() -> &'static Board {
    BOARD.with(|b| b.get())
}
