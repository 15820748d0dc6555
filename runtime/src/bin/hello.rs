//! Greets on USART1, echoes input up to and including the first `\n`, says
//! bye and exits with status 0.
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use cyclops_runtime::{exit, uart};

#[entry]
fn main() -> ! {
    let mut uart = uart::init();
    uart.write_str("Hello from Cyclops!\r\n");
    uart.write_str("> ");
    loop {
        let byte = uart.read_byte();
        uart.write_byte(byte);
        if byte == b'\n' {
            break;
        }
    }
    uart.write_str("bye\r\n");
    uart.flush();
    exit(0)
}
