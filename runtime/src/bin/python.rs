//! The Python runtime firmware: runs the `.mpy` the host placed in the board's script
//! slot (flash sector 11), printing on USART1, and exits through semihosting with
//! 0 when the script ends, 1 on an uncaught exception, `sys.exit`'s code, or 2 when there
//! is no script or it cannot be loaded. The core runs at the pyboard's 168 MHz.
#![no_std]
#![no_main]

use core::{mem::MaybeUninit, ptr::addr_of_mut};

use cortex_m_rt::entry;
use cyclops_runtime::{clock, cycles, exit, ticks, uart, uarts};
use cyclops_vm::{Board, Config, Exit};
use embedded_alloc::LlffHeap;

/// Where the host puts the script: `CYPY`, the length (little-endian u32), the `.mpy`.
const SCRIPT_SLOT: usize = 0x080E_0000;
const SCRIPT_SLOT_SIZE: usize = 128 << 10;
const MAGIC: &[u8; 4] = b"CYPY";

/// The Python heap (garbage collected) fills the 64 KiB CCM RAM, which holds data only.
/// The Rust heap (the loaded module, qstrs, and the machine code of native and viper
/// functions, which must be in executable memory) is in main SRAM.
const GC_HEAP: usize = 0x1000_0000;
const GC_HEAP_WORDS: usize = (64 << 10) / core::mem::size_of::<usize>();
const RUST_HEAP_BYTES: usize = 64 * 1024;
/// Machine stack Python calls may use before `RuntimeError: maximum recursion depth`.
const PYTHON_STACK: usize = 48 * 1024;

#[global_allocator]
static ALLOCATOR: LlffHeap = LlffHeap::empty();

extern "C" {
    /// The initial stack pointer (cortex-m-rt's link.x).
    static _stack_start: u32;
}

/// The pyboard as `time` and `machine` see it.
static BOARD: Board = Board {
    freq: [
        clock::SYSCLK_HZ,
        clock::SYSCLK_HZ,
        clock::PCLK1_HZ,
        clock::PCLK2_HZ,
    ],
    cycles: cycles::read,
    micros: ticks::micros,
    millis: ticks::millis,
    sleep_us: ticks::sleep_us,
    read: |addr, width| match width {
        1 => read8(addr),
        2 => read16(addr),
        _ => read32(addr),
    },
    write: |addr, width, value| match width {
        1 => write8(addr, value),
        2 => write16(addr, value),
        _ => write32(addr, value),
    },
    reset: || {
        // What was printed leaves USART1 first.
        uart::get_or_init().flush();
        cortex_m::peripheral::SCB::sys_reset()
    },
    uart_init: uarts::init,
    uart_write: uarts::write,
    uart_read: uarts::read,
    uart_any: uarts::any,
};

// `machine.memN`'s accesses, one function per width.
// SAFETY (all six): raw memory access is what `machine.memN` is for; the VM checked the
// alignment.

#[inline(never)]
fn read8(addr: u32) -> u32 {
    // SAFETY: see above.
    u32::from(unsafe { (addr as *const u8).read_volatile() })
}

#[inline(never)]
fn read16(addr: u32) -> u32 {
    // SAFETY: see above.
    u32::from(unsafe { (addr as *const u16).read_volatile() })
}

#[inline(never)]
fn read32(addr: u32) -> u32 {
    // SAFETY: see above.
    unsafe { (addr as *const u32).read_volatile() }
}

#[inline(never)]
fn write8(addr: u32, value: u32) {
    // SAFETY: see above.
    unsafe { (addr as *mut u8).write_volatile(value as u8) }
}

#[inline(never)]
fn write16(addr: u32, value: u32) {
    // SAFETY: see above.
    unsafe { (addr as *mut u16).write_volatile(value as u16) }
}

#[inline(never)]
fn write32(addr: u32, value: u32) {
    // SAFETY: see above.
    unsafe { (addr as *mut u32).write_volatile(value) }
}

fn script() -> Option<&'static [u8]> {
    // SAFETY: the slot is mapped flash on the board this firmware is built for.
    let slot = unsafe { core::slice::from_raw_parts(SCRIPT_SLOT as *const u8, SCRIPT_SLOT_SIZE) };
    let (magic, rest) = slot.split_at(4);
    if magic != MAGIC {
        return None;
    }
    let (len, body) = rest.split_at(4);
    let len = u32::from_le_bytes(len.try_into().ok()?) as usize;
    body.get(..len)
}

#[entry]
fn main() -> ! {
    clock::init_168mhz();
    let _uart = uart::init_at(clock::PCLK2_HZ);
    cycles::enable();
    ticks::start();
    static mut RUST_HEAP: [MaybeUninit<u8>; RUST_HEAP_BYTES] =
        [MaybeUninit::uninit(); RUST_HEAP_BYTES];
    // SAFETY: `main` runs once; the heaps are handed over for good, and nothing else
    // uses the CCM RAM.
    let gc_heap = unsafe {
        ALLOCATOR.init(addr_of_mut!(RUST_HEAP) as usize, RUST_HEAP_BYTES);
        core::slice::from_raw_parts_mut(GC_HEAP as *mut usize, GC_HEAP_WORDS)
    };
    let stack_top = core::ptr::addr_of!(_stack_start) as usize;
    cyclops_vm::init(Config {
        heap: gc_heap,
        stack_top,
        stack_size: PYTHON_STACK,
        out: uart::write_bytes,
        board: &BOARD,
    });
    let Some(mpy) = script() else {
        uart::write_bytes(b"cyclops: no script in flash at 0x080e0000\n");
        finish(2)
    };
    let code = match cyclops_vm::run_mpy(mpy) {
        Exit::Done => 0,
        Exit::Uncaught => 1,
        Exit::SystemExit(code) => code as u32,
        Exit::BadMpy => 2,
    };
    finish(code)
}

/// Lets the last byte leave USART1, then exits.
fn finish(code: u32) -> ! {
    uart::get_or_init().flush();
    exit(code)
}
