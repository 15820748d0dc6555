//! Blinks the pyboard's green LED (PA14) ten times, logging each toggle on
//! USART1, then exits with status 0.
#![no_std]
#![no_main]

use core::fmt::Write;
use cortex_m_rt::entry;
use cyclops_runtime::{
    exit,
    gpio::{Output, Port},
    uart,
};

/// How many times the LED is toggled.
const TOGGLES: u32 = 10;
/// Busy-wait after each toggle, in `cortex_m::asm::delay` cycles.
const DELAY: u32 = 1000;

#[entry]
fn main() -> ! {
    let led = Output::new(Port::A, 14);
    let mut uart = uart::init();
    for i in 1..TOGGLES + 1 {
        let level = led.toggle();
        // Writing to the UART cannot fail.
        let _ = writeln!(uart, "toggle {i} {}", u8::from(level));
        cortex_m::asm::delay(DELAY);
    }
    uart.flush();
    exit(0)
}
