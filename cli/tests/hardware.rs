//! The hardware modules of the Python runtime (`time`, `machine`, `stm`) on the emulated
//! pyboard at 168 MHz: exact ticks, sleeps that the emulator skips, pin transitions.

use cyclops::script;
use emulator::{board::STM32F405, Event, Machine, Outcome};

/// Compiles `source` and runs it on the runtime firmware to its exit (status 0).
fn run(source: &str) -> (Machine, Vec<Event>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.py");
    std::fs::write(&path, source).unwrap();
    let mpy = script::compile(&path, "t.py").unwrap_or_else(|f| panic!("{:#}", f.split().1));
    let Ok(mut m) = script::machine(&mpy, &STM32F405, false) else {
        panic!("the runtime image does not load");
    };
    let outcome = m.run(10_000_000_000).expect("engine");
    let events = m.drain_events();
    assert_eq!(outcome, Outcome::Exited(0), "{}", printed(&events));
    (m, events)
}

/// What the script printed on USART1.
fn printed(events: &[Event]) -> String {
    let bytes: Vec<u8> = events
        .iter()
        .filter_map(|e| match e {
            Event::Uart { uart: 1, byte, .. } => Some(*byte),
            _ => None,
        })
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn sleeps_last_exactly_their_time_in_cycles() {
    // Each sleep wakes on the TIM2 compare at the end of its last microsecond: 168 core
    // cycles a microsecond, plus the VM's calls between the two readings of the cycle
    // counter (and the start's offset into its microsecond).
    let (_, events) = run("import time\n\
         def cycles(ms):\n    \
             c = time.ticks_cpu()\n    \
             time.sleep_ms(ms)\n    \
             return time.ticks_diff(time.ticks_cpu(), c)\n\
         for ms in (1, 10, 1000):\n    \
             print(ms, cycles(ms) - ms * 168000)\n\
         t = time.ticks_us()\n\
         time.sleep_ms(10)\n\
         print(time.ticks_diff(time.ticks_us(), t))\n");
    assert_eq!(
        printed(&events),
        "1 4128\n10 4196\n1000 4216\n10055\n",
        "a change to the VM's cost moves the calls' share: if that is meant, update the figures"
    );
}

#[test]
fn a_long_sleep_is_skipped_not_spun() {
    let (m, events) = run("import time\n\
         t = time.ticks_ms()\n\
         time.sleep(3)\n\
         print(time.ticks_diff(time.ticks_ms(), t))\n");
    assert_eq!(printed(&events), "3000\n");
    // 3 s at 168 MHz passed in emulated time, but the core ran only start-up and a few
    // calls: it slept through the 504 M cycles instead of spinning.
    assert!(
        (504_000_000..504_500_000).contains(&m.cycles()),
        "{}",
        m.cycles()
    );
    assert!(m.instructions() < 500_000, "{}", m.instructions());
}
