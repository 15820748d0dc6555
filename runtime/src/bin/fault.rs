//! Says what it is about to do on USART1, then reads an address where nothing is mapped:
//! a bus fault that escalates to a HardFault, whose default handler only spins.
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use cyclops_runtime::{exit, uart};

/// Between the external RAM and peripheral regions: no memory or device answers here.
const UNMAPPED: usize = 0x3000_0000;

#[entry]
fn main() -> ! {
    let mut uart = uart::init();
    uart.write_str("reading 0x30000000\n");
    uart.flush();
    // SAFETY: reading an unmapped address faults; that is the point of this firmware.
    let value = unsafe { core::ptr::read_volatile(UNMAPPED as *const u32) };
    exit(value)
}
