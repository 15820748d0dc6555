//! Mirrors the pyboard's user switch (PB3, active low with its pull-up) on the red LED
//! (PA13) and reports each change on USART1. Polls forever: it never exits.
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use cyclops_runtime::{
    gpio::{Input, Output, Port},
    uart,
};

#[entry]
fn main() -> ! {
    let switch = Input::pull_up(Port::B, 3);
    let led = Output::new(Port::A, 13);
    let mut uart = uart::init();
    uart.write_str("ready\n");
    let mut pressed = false;
    loop {
        if switch.is_high() == pressed {
            pressed = !pressed;
            if pressed {
                led.set_high();
                uart.write_str("pressed\n");
            } else {
                led.set_low();
                uart.write_str("released\n");
            }
        }
    }
}
