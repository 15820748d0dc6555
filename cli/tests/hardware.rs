//! The hardware modules of the Python runtime (`time`, `machine`, `stm`) on the emulated
//! pyboard at 168 MHz: exact ticks, sleeps that the emulator skips, pin transitions.

use cyclops::script;
use emulator::{board::STM32F405, Event, Machine, Outcome};

/// Compiles `source` and runs it on the runtime firmware to its exit (status 0).
fn run(source: &str) -> (Machine, Vec<Event>) {
    run_fed(source, b"")
}

/// [`run`], with `input` queued for USART1's receiver.
fn run_fed(source: &str, input: &[u8]) -> (Machine, Vec<Event>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.py");
    std::fs::write(&path, source).unwrap();
    let mpy = script::compile(&path, "t.py").unwrap_or_else(|f| panic!("{:#}", f.split().1));
    let Ok(mut m) = script::machine(&mpy, &STM32F405, false) else {
        panic!("the runtime image does not load");
    };
    m.uart_input(1, input);
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
        "1 4201\n10 4195\n1000 4215\n10055\n",
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

/// (cycles since the first transition, pin, level) of every pin transition.
fn transitions(events: &[Event]) -> Vec<(u64, String, bool)> {
    let pins: Vec<_> = events
        .iter()
        .filter_map(|e| match *e {
            Event::Pin {
                cycle,
                port,
                pin,
                level,
            } => Some((cycle, emulator::pin_name(port, pin), level)),
            _ => None,
        })
        .collect();
    let first = pins.first().map_or(0, |p| p.0);
    pins.into_iter()
        .map(|(c, p, l)| (c - first, p, l))
        .collect()
}

#[test]
fn the_seeds_pin_toggles_and_timed_function() {
    // From the seed (speed_python.rst): the LED toggled through Pin.value(), then through
    // machine.mem16 on GPIOA's ODR; X1 (PA0) driven by Pin; the timed_function decorator.
    let (_, events) = run("import machine\n\
         import stm\n\
         import utime\n\
         from machine import Pin\n\
         BIT14 = const(1 << 14)\n\
         mypin = Pin('LED_GREEN', Pin.OUT)\n\
         print(mypin)\n\
         for _ in range(4):\n    \
             mypin.value(mypin.value() ^ 1)\n\
         for _ in range(4):\n    \
             machine.mem16[stm.GPIOA + stm.GPIO_ODR] ^= BIT14\n\
         x1 = Pin('X1', Pin.OUT, value=1)\n\
         x1.off()\n\
         x1.on()\n\
         print(x1.value(), x1, machine.mem32[stm.GPIOA + stm.GPIO_ODR], machine.freq())\n\
         def timed_function(f, *args, **kwargs):\n    \
             myname = str(f).split(' ')[1]\n    \
             def new_func(*args, **kwargs):\n        \
                 t = utime.ticks_us()\n        \
                 result = f(*args, **kwargs)\n        \
                 delta = utime.ticks_diff(utime.ticks_us(), t)\n        \
                 print('Function {} Time = {:6.3f}ms'.format(myname, delta/1000))\n        \
                 return result\n    \
             return new_func\n\
         @timed_function\n\
         def busy(n):\n    \
             s = 0\n    \
             for i in range(n):\n        \
                 s += i\n    \
             return s\n\
         print(busy(1000))\n");
    assert_eq!(
        printed(&events),
        "Pin(Pin.cpu.A14, mode=Pin.OUT)\n\
         1 Pin(Pin.cpu.A0, mode=Pin.OUT) 1 (168000000, 168000000, 42000000, 84000000)\n\
         Function busy Time =  7.165ms\n\
         499500\n"
    );
    let pa14 = |c: u64, l: bool| (c, "PA14".to_string(), l);
    let pa0 = |c: u64, l: bool| (c, "PA0".to_string(), l);
    // Pin.value(): 4,282 cycles a toggle; machine.mem16 (a big-int address sum, a load
    // and a store each time): 9,211. X1 rises as Pin() makes it an output with value=1.
    assert_eq!(
        transitions(&events),
        [
            pa14(0, true),
            pa14(4282, false),
            pa14(8564, true),
            pa14(12846, false),
            pa14(22555, true),
            pa14(31766, false),
            pa14(40977, true),
            pa14(50188, false),
            pa0(54392, true),
            pa0(60179, false),
            pa0(61491, true),
        ],
        "a change to the VM's cost moves these: if that is meant, update the figures"
    );
}

/// The seed's viper `toggle_n` (tests/seed/toggle_n.py): PA0 toggles six times, one
/// loop iteration apart: 56 cycles, the TRM sum `tests/tests/viper_timing.rs` derives
/// from the same loop's disassembly.
#[test]
fn the_seeds_viper_toggle_n_drives_pa0_one_loop_iteration_apart() {
    let (_, events) = run(include_str!("../../tests/seed/toggle_n.py"));
    let pa0: Vec<(u64, bool)> = transitions(&events)
        .into_iter()
        .filter(|(_, p, _)| p == "PA0")
        .map(|(c, _, l)| (c, l))
        .collect();
    let levels: Vec<bool> = pa0.iter().map(|&(_, l)| l).collect();
    assert_eq!(levels, [true, false, true, false, true, false]);
    let gaps: Vec<u64> = pa0.windows(2).map(|w| w[1].0 - w[0].0).collect();
    assert_eq!(gaps, [56; 5]);
}

#[test]
fn machine_reset_restarts_the_board() {
    // SYSRESETREQ: the emulator resets the core and peripherals and keeps memory, so the
    // firmware starts over and runs the script in flash again, as a pyboard would.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.py");
    std::fs::write(
        &path,
        "import machine\nprint('boot')\nmachine.reset()\nprint('not reached')\n",
    )
    .unwrap();
    let mpy = script::compile(&path, "t.py").unwrap_or_else(|f| panic!("{:#}", f.split().1));
    let Ok(mut m) = script::machine(&mpy, &STM32F405, false) else {
        panic!("the runtime image does not load");
    };
    assert_eq!(m.run(5_000_000).expect("engine"), Outcome::CycleLimit);
    let events = m.drain_events();
    let resets: Vec<u64> = events
        .iter()
        .filter_map(|e| match e {
            Event::Reset { cycle } => Some(*cycle),
            _ => None,
        })
        .collect();
    assert!(resets.len() >= 2, "{resets:?}");
    // The budget may end a run after its print and before its reset.
    let boots = printed(&events);
    assert!(
        [resets.len(), resets.len() + 1]
            .iter()
            .any(|&n| boots == "boot\n".repeat(n)),
        "{boots:?} after {} resets",
        resets.len()
    );
    // Every run from reset takes the same cycles as the first from power-on.
    let first = resets[0];
    for (i, r) in resets.iter().enumerate() {
        assert_eq!(*r, first * (i as u64 + 1), "{resets:?}");
    }
}

#[test]
fn uart_reads_into_preallocated_buffers_and_memoryviews() {
    // UART(1) is USART1, which the host feeds; `print` shares it. The bytes arrive one frame
    // after the previous one is read (the emulator's flow control), within timeout_char.
    let (_, events) = run_fed(
        "from machine import UART\n\
         u = UART(1, 115200, timeout=100)\n\
         print(u)\n\
         buf = bytearray(8)\n\
         mv = memoryview(buf)\n\
         print(u.readinto(mv[2:6]), buf)\n\
         print(u.readline())\n\
         print(u.write(b'done\\n'))\n\
         print(u.any(), u.read(5), u.read())\n",
        b"abcdefgh\nxy",
    );
    assert_eq!(
        printed(&events),
        "UART(1, baudrate=115226, bits=8, parity=None, stop=1, flow=0, timeout=100, \
         timeout_char=1, rxbuf=0)\n\
         4 bytearray(b'\\x00\\x00abcd\\x00\\x00')\n\
         b'efgh\\n'\n\
         done\n5\n\
         1 b'xy' None\n"
    );
}

#[test]
fn ticks_cpu_of_a_loop_is_the_same_every_time() {
    // No periodic interrupt runs behind the script (time comes from free-running timers),
    // so a loop measured with ticks_cpu costs the same cycles each time, and twice the
    // iterations cost exactly twice the loop's share more.
    let (_, events) = run("import time\n\
         def loop(n):\n    \
             c = time.ticks_cpu()\n    \
             for i in range(n):\n        \
                 pass\n    \
             return time.ticks_diff(time.ticks_cpu(), c)\n\
         a = [loop(100) for _ in range(3)]\n\
         b = [loop(200) for _ in range(3)]\n\
         print(a, b, b[0] - a[0])\n");
    // 752 cycles an iteration.
    assert_eq!(
        printed(&events),
        "[78437, 78437, 78437] [153637, 153637, 153637] 75200\n",
        "a change to the VM's cost moves these: if that is meant, update the figures"
    );
}

/// The runtime switches to the PLL early: the emulator reports the clock change at the
/// store that made it, so emulated time counts the start-up at 16 MHz and no more.
#[test]
fn the_switch_to_168_mhz_is_reported_where_it_happens() {
    let (m, events) = run("print('hi')\n");
    let clocks: Vec<(u64, u64)> = events
        .iter()
        .filter_map(|e| match *e {
            Event::Clock { cycle, hz } => Some((cycle, hz)),
            _ => None,
        })
        .collect();
    assert_eq!(clocks.len(), 1, "{clocks:?}");
    let (cycle, hz) = clocks[0];
    assert_eq!(hz, 168_000_000);
    assert!(cycle > 0 && cycle < 200_000, "{cycle}");
    assert_eq!(m.core_clock_hz(), 168_000_000);
}
