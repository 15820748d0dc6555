//! Firmware this repo did not write: examples shipped in the `stm32f4xx-hal` crate's package
//! (built by `cargo xtask hal-examples`). Each check is what the example's source says it
//! does — clock set-up through the PLL, SysTick and timer delays, GPIO, USART, interrupts.

use cyclops_tests::hal_example;
use emulator::{Config, Event, Machine, Outcome};

fn run(name: &str, cycles: u64) -> Vec<Event> {
    let mut m = Machine::new(&hal_example(name), Config::default()).expect("loads");
    assert_eq!(
        m.run(cycles).expect("runs"),
        Outcome::CycleLimit,
        "{name} runs forever"
    );
    m.drain_events()
}

/// Cycles of the edges of one pin.
fn edges(events: &[Event], port: u8, pin: u8) -> Vec<(u64, bool)> {
    events
        .iter()
        .filter_map(|e| match *e {
            Event::Pin {
                cycle,
                port: p,
                pin: n,
                level,
            } if (p, n) == (port, pin) => Some((cycle, level)),
            _ => None,
        })
        .collect()
}

fn gaps(edges: &[(u64, bool)]) -> Vec<u64> {
    edges.windows(2).map(|w| w[1].0 - w[0].0).collect()
}

#[test]
fn delay_syst_blinky_toggles_pa5_every_second_at_48_mhz() {
    // `Config::hsi().sysclk(48.MHz())`, `delay.delay_ms(1000)` on SysTick, `led.toggle()`.
    let e = edges(&run("delay-syst-blinky", 200_000_000), 0, 5);
    assert_eq!(
        e.iter().map(|e| e.1).collect::<Vec<_>>(),
        [true, false, true, false, true]
    );
    let g = gaps(&e);
    for gap in &g {
        assert!(
            (48_000_000..48_000_100).contains(gap),
            "1 s at 48 MHz plus the loop: {g:?}"
        );
    }
    // The polling loop notices each wrap at its own phase: the figures vary by a few cycles
    // from one toggle to the next, but never from one run to the next.
    assert_eq!(edges(&run("delay-syst-blinky", 200_000_000), 0, 5), e);
}

#[test]
fn delay_timer_blinky_is_on_one_second_and_off_three_on_tim5() {
    // `Config::hse(25.MHz()).sysclk(48.MHz())`, TIM5 `delay_ms(1000)` high, `delay(3.secs())` low.
    let e = edges(&run("delay-timer-blinky", 250_000_000), 2, 13);
    assert_eq!(
        e.iter().map(|e| e.1).collect::<Vec<_>>(),
        [true, false, true, false]
    );
    let g = gaps(&e);
    assert!((48_000_000..48_000_100).contains(&g[0]), "{g:?}");
    assert!((144_000_000..144_000_100).contains(&g[1]), "{g:?}");
    assert_eq!(g[0], g[2], "{g:?}");
}

#[test]
fn serial_prints_a_counter_every_two_seconds_at_25_mhz() {
    // `Config::hse(25.MHz())` (no PLL), USART1 on PA9, TIM1 `delay(2.secs())`.
    let events = run("serial", 160_000_000);
    let bytes: Vec<(u64, u8)> = events
        .iter()
        .filter_map(|e| {
            if let Event::Uart {
                cycle,
                uart: 1,
                byte,
                ..
            } = *e
            {
                Some((cycle, byte))
            } else {
                None
            }
        })
        .collect();
    let text: String = bytes.iter().map(|b| char::from(b.1)).collect();
    assert_eq!(text, "value: 00\r\nvalue: 01\r\nvalue: 02\r\nvalue: 03\r\n");
    let line_starts: Vec<u64> = bytes.iter().filter(|b| b.1 == b'v').map(|b| b.0).collect();
    // 9600 baud at 25 MHz: BRR = 2604 cycles a bit, 10 bits a byte. Writing a line's 11 bytes
    // waits for 9 frames, then the 2 s delay runs while the last two go out.
    let frames = 9 * 10 * 2604;
    for w in line_starts.windows(2) {
        let gap = w[1] - w[0];
        assert!(
            (50_000_000 + frames..50_000_000 + frames + 200).contains(&gap),
            "{line_starts:?}"
        );
    }
}

#[test]
fn blinky_timer_irq_toggles_from_the_tim2_interrupt_every_second_at_16_mhz() {
    // `Config::hsi().sysclk(16.MHz()).pclk1(8.MHz())`: TIM2 counts at 2 x 8 MHz, update
    // interrupt every 1 s, the handler toggles PA5 while `main` idles in `loop {}`.
    let e = edges(&run("blinky-timer-irq", 100_000_000), 0, 5);
    assert_eq!(e.len(), 7, "set high, then a toggle every second: {e:?}");
    // The first interrupt also runs the handler's lazy set-up, so its toggle comes later.
    let g = gaps(&e[2..]);
    // The interrupt is taken at the idle loop's next instruction boundary (a 2-cycle `b .`),
    // so a toggle may come a cycle late, but the periodic timer never drifts.
    for gap in &g {
        assert!(gap.abs_diff(16_000_000) <= 2, "{g:?}");
    }
    assert!((e[6].0 - e[2].0).abs_diff(4 * 16_000_000) <= 2, "{g:?}");
}

#[test]
fn timer_syst_prints_through_semihosting_as_the_systick_counter_expires() {
    // `Config::hsi().sysclk(24.MHz())`, a 42 ms SysTick counter, `hprintln!` in between.
    let events = run("timer-syst", 20_000_000);
    let lines: Vec<(u64, String)> = events
        .iter()
        .filter_map(|e| match e {
            Event::Semihosting {
                cycle,
                stream: 1,
                bytes,
            } => Some((*cycle, String::from_utf8_lossy(bytes).into_owned())),
            _ => None,
        })
        .filter(|(_, s)| s != "\n")
        .collect();
    let text: Vec<&str> = lines.iter().map(|l| l.1.trim_end()).collect();
    assert_eq!(
        text,
        [
            "hello!",
            "timer expired 1",
            "timer expired 2",
            "timer expired 3",
            "ehy, you cannot cancel a timer two times!"
        ]
    );
    // 42 ms at 24 MHz between the first two expiries, give or take one turn of the polling
    // loop that notices each.
    assert!(
        (lines[2].0 - lines[1].0).abs_diff(1_008_000) < 16,
        "{lines:?}"
    );
}
