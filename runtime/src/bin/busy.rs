//! A CPU-bound loop for benchmarks: a xorshift32 checksum over many rounds, measured with
//! the DWT cycle counter, printed on USART1, then exit 0.
#![no_std]
#![no_main]

use core::fmt::Write;
use cortex_m_rt::entry;
use cyclops_runtime::{cycles, exit, uart};

/// Rounds of the checksum loop: a few million instructions.
const ROUNDS: u32 = 1_000_000;

#[entry]
fn main() -> ! {
    let mut uart = uart::init();
    cycles::enable();
    let start = cycles::read();
    let mut x: u32 = 2_463_534_242;
    let mut sum: u32 = 0;
    for _ in 0..ROUNDS {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        sum = sum.wrapping_add(x);
    }
    let spent = cycles::read().wrapping_sub(start);
    let _ = writeln!(uart, "checksum {sum:08x} in {spent} cycles");
    uart.flush();
    exit(0)
}
