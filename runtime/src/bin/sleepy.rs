//! Sleeps with WFI between 1 ms SysTick interrupts (16 MHz HSI): every 100 ms it toggles
//! the green LED (PA14) and prints the tick count and level, 5 times, then exits 0.
#![no_std]
#![no_main]

use core::{
    fmt::Write,
    sync::atomic::{AtomicU32, Ordering},
};
use cortex_m::peripheral::syst::SystClkSource;
use cortex_m_rt::{entry, exception};
use cyclops_runtime::{
    exit,
    gpio::{Output, Port},
    uart,
};

/// Core cycles in a millisecond at the reset clock.
const CYCLES_PER_MS: u32 = 16_000;

/// Milliseconds since SysTick started.
static TICKS: AtomicU32 = AtomicU32::new(0);

#[exception]
fn SysTick() {
    // Only this handler writes TICKS: a plain load and store is enough.
    TICKS.store(TICKS.load(Ordering::Relaxed) + 1, Ordering::Relaxed);
}

fn sleep_ms(ms: u32) {
    let end = TICKS.load(Ordering::Relaxed) + ms;
    while TICKS.load(Ordering::Relaxed) < end {
        cortex_m::asm::wfi();
    }
}

#[entry]
fn main() -> ! {
    let led = Output::new(Port::A, 14);
    let mut uart = uart::init();
    // SAFETY: the only place that takes the core peripherals.
    let mut core = unsafe { cortex_m::Peripherals::steal() };
    core.SYST.set_clock_source(SystClkSource::Core);
    core.SYST.set_reload(CYCLES_PER_MS - 1);
    core.SYST.clear_current();
    core.SYST.enable_interrupt();
    core.SYST.enable_counter();
    for _ in 0..5 {
        sleep_ms(100);
        let level = led.toggle();
        // Writing to the UART cannot fail.
        let _ = writeln!(
            uart,
            "tick {} {}",
            TICKS.load(Ordering::Relaxed),
            u8::from(level)
        );
    }
    uart.flush();
    exit(0)
}
