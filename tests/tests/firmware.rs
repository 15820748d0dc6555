//! The example firmwares built from `runtime/` (committed in `firmware-images/`).

use cyclops_tests::{firmware, machine};
use emulator::{Config, Event, Machine, Outcome};

fn boot(name: &str) -> Machine {
    let elf = std::fs::read(firmware(name)).expect("firmware image");
    Machine::new(&elf, Config::default()).expect("loads")
}

fn uart(events: &[Event]) -> Vec<u8> {
    events
        .iter()
        .filter_map(|e| {
            if let Event::Uart { uart: 1, byte, .. } = e {
                Some(*byte)
            } else {
                None
            }
        })
        .collect()
}

/// (cycle, level) of each transition of PA14.
fn pa14(events: &[Event]) -> Vec<(u64, bool)> {
    events
        .iter()
        .filter_map(|e| match *e {
            Event::Pin {
                cycle,
                port: 0,
                pin: 14,
                level,
            } => Some((cycle, level)),
            _ => None,
        })
        .collect()
}

#[test]
fn blinky_toggles_pa14_ten_times_at_a_fixed_pace_and_prints_each() {
    let mut m = boot("blinky");
    assert_eq!(m.run(10_000_000).unwrap(), Outcome::Exited(0));
    let events = m.drain_events();
    let expected: String = (1..=10)
        .map(|i| format!("toggle {i} {}\n", i % 2))
        .collect();
    assert_eq!(String::from_utf8(uart(&events)).unwrap(), expected);
    let edges = pa14(&events);
    let levels: Vec<bool> = edges.iter().map(|e| e.1).collect();
    assert_eq!(
        levels,
        [true, false, true, false, true, false, true, false, true, false]
    );
    // Between toggles, USART1 at 115,200 baud (BRR 139 at the 16 MHz reset clock) sends 10
    // bits a byte, 1,390 cycles: the writes of a line's 11 bytes wait for TXE 9 frames, then
    // `asm::delay(1000)` runs 1001 SUBS/BNE iterations (1001 + 1000 x 2 + 1 cycles; a taken
    // BNE to a 16-bit target is 1 + P, P = 1) while the last two bytes go out. The remaining
    // 101 cycles (toggling, formatting, the phase of the TXE polling loop) are this model's
    // regression figure for the committed image.
    let frames = 9 * 10 * 139;
    let delay = 1001 + 1000 * 2 + 1;
    for w in edges.windows(2) {
        assert_eq!(w[1].0 - w[0].0, frames + delay + 101);
    }
}

#[test]
fn hello_echoes_its_input_until_a_newline() {
    let mut m = boot("hello");
    m.uart_input(1, b"abc\nignored");
    assert_eq!(m.run(10_000_000).unwrap(), Outcome::Exited(0));
    assert_eq!(
        uart(&m.drain_events()),
        b"Hello from Cyclops!\r\n> abc\nbye\r\n"
    );
}

#[test]
fn hello_waits_for_input_without_burning_anything_else() {
    let mut m = boot("hello");
    assert_eq!(m.run(200_000).unwrap(), Outcome::CycleLimit);
    assert_eq!(uart(&m.drain_events()), b"Hello from Cyclops!\r\n> ");
    m.uart_input(1, b"x\n");
    assert_eq!(m.run(200_000).unwrap(), Outcome::Exited(0));
    assert_eq!(uart(&m.drain_events()), b"x\nbye\r\n");
}

#[test]
fn runs_are_deterministic() {
    let trace = || {
        let mut m = boot("blinky");
        let o = m.run(10_000_000).unwrap();
        (o, m.cycles(), m.instructions(), m.drain_events())
    };
    assert_eq!(trace(), trace());
}

#[test]
fn a_hand_assembled_blinky_has_the_pin_spacing_of_the_timing_table() {
    let mut m = machine(
        "
        ldr r0, =0x40023830   @ RCC_AHB1ENR: GPIOA clock
        movs r1, #1
        str r1, [r0]
        ldr r0, =0x40020000   @ GPIOA
        ldr r1, =(0xA8000000 & ~(3 << 28)) | (1 << 28)
        str r1, [r0]          @ MODER: PA14 output (the debug pins keep their reset mode)
        ldr r2, =1 << 14      @ BSRR: set PA14
        ldr r3, =1 << 30      @ BSRR: reset PA14
        movs r4, #3
    loop:
        str r2, [r0, #24]     @ high: 1
        movs r5, #10          @ 1
    1:  subs r5, #1           @ 10
        bne 1b                @ 9 x 2 + 1
        str r3, [r0, #24]     @ low: 1
        movs r5, #10          @ 1
    2:  subs r5, #1           @ 10
        bne 2b                @ 9 x 2 + 1
        subs r4, #1           @ 1
        bne loop              @ 1 + P, P = 1
        bkpt #0
        .ltorg
    ",
    );
    assert!(matches!(
        m.run(100_000).unwrap(),
        Outcome::Breakpoint { .. }
    ));
    let edges = pa14(&m.drain_events());
    let gaps: Vec<u64> = edges.windows(2).map(|w| w[1].0 - w[0].0).collect();
    let high = 1 + 1 + 10 + 9 * 2 + 1;
    let low = 1 + 1 + 10 + 9 * 2 + 1 + 1 + 2;
    assert_eq!(gaps, [high, low, high, low, high]);
    assert_eq!(
        edges.iter().map(|e| e.1).collect::<Vec<_>>(),
        [true, false, true, false, true, false]
    );
}
