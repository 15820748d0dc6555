//! The hardware modules (`time`, `machine`, `stm`) on the host board
//! (`cyclops_vm::HOST_BOARD`): a clock that moves one microsecond per reading and as far
//! as the program sleeps, and a sparse fake memory. The emulator tests the same modules
//! on the firmware at 168 MHz (`cli/tests/hardware.rs`).

mod support;

use cyclops_vm::Exit;

/// Runs `source` on the VM; returns what it printed.
fn run(source: &str) -> String {
    let dir = std::env::temp_dir().join(format!("cyclops-hw-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{:x}.py", source.len() ^ source.as_ptr() as usize));
    std::fs::write(&path, source).unwrap();
    let mpy = support::compile_file(&path, "<stdin>", &[]);
    std::fs::remove_file(&path).unwrap();
    let (out, exit) = support::run(&mpy);
    let out = String::from_utf8(out).unwrap();
    assert_eq!(exit, Exit::Done, "{out}");
    out
}

#[test]
fn time_ticks_and_sleeps() {
    let out = run("import time, utime\n\
         print(time is utime, time.__name__)\n\
         t = time.ticks_us()\n\
         time.sleep_ms(10)\n\
         print(time.ticks_diff(time.ticks_us(), t))\n\
         t = time.ticks_ms()\n\
         time.sleep(2)\n\
         time.sleep(0.0015)\n\
         time.sleep_us(-5)\n\
         time.sleep_ms(-5)\n\
         print(time.ticks_diff(time.ticks_ms(), t))\n\
         c = time.ticks_cpu()\n\
         time.sleep_us(3)\n\
         print(time.ticks_diff(time.ticks_cpu(), c))\n\
         print(time.ticks_add(2**30 - 1, 1), time.ticks_add(0, -1), time.ticks_add(5, 2**29 - 1))\n\
         print(time.ticks_diff(0, 2**30 - 1), time.ticks_diff(2**30 - 1, 0), time.ticks_diff(5, 10))\n\
         print(time.ticks_diff(2**29, 0), time.ticks_diff(2**29 - 1, 0))\n\
         for bad in ((0, 2**29), (0, -2**29 - 1)):\n    \
             try:\n        time.ticks_add(*bad)\n    \
             except OverflowError as e:\n        print('OverflowError', e)\n\
         try:\n    time.sleep('1')\nexcept TypeError as e:\n    print('TypeError', e)\n");
    assert_eq!(
        out,
        "True time\n\
         10001\n\
         2001\n\
         672\n\
         0 1073741823 536870916\n\
         1 -1 -5\n\
         -536870912 536870911\n\
         OverflowError ticks interval overflow\n\
         OverflowError ticks interval overflow\n\
         TypeError can't convert str to int\n"
    );
}

#[test]
fn machine_memory_words() {
    let out = run("import machine, stm\n\
         print(machine.mem8, machine.mem16, machine.mem32)\n\
         a = stm.GPIOA + stm.GPIO_ODR\n\
         print(hex(a), type(a) is int)\n\
         machine.mem32[a] = 0x1234_5678_9abc\n\
         print(hex(machine.mem32[a]), hex(machine.mem16[a]), hex(machine.mem16[a + 2]), machine.mem8[a + 3])\n\
         machine.mem16[a] ^= 1 << 14\n\
         print(hex(machine.mem32[a]))\n\
         machine.mem32[a] = -1\n\
         print(machine.mem32[a], machine.mem16[a], machine.mem8[a])\n\
         machine.mem8[a - 2**32 + 1] = 0x155\n\
         print(hex(machine.mem32[a]))\n\
         for bad in (lambda: machine.mem16[a + 1], lambda: machine.mem32[a + 2], lambda: machine.mem32[1.5]):\n    \
             try:\n        bad()\n    \
             except (ValueError, TypeError) as e:\n        print(type(e).__name__, e)\n\
         try:\n    del machine.mem8[0]\nexcept TypeError as e:\n    print('TypeError', e)\n");
    assert_eq!(
        out,
        "<8-bit memory> <16-bit memory> <32-bit memory>\n\
         0x40020014 True\n\
         0x56789abc 0x9abc 0x5678 86\n\
         0x5678dabc\n\
         -1 65535 255\n\
         -0xaa01\n\
         ValueError address 40020015 is not aligned to 2 bytes\n\
         ValueError address 40020016 is not aligned to 4 bytes\n\
         TypeError can't convert float to int\n\
         TypeError 'mem' object doesn't support item deletion\n"
    );
}

#[test]
fn machine_pins_configure_gpio_registers() {
    // The host board's memory has no GPIO behind it: the test reads back the registers
    // the pin wrote (the emulator tests check levels and transitions).
    let out = run("from machine import Pin, mem32\n\
         import stm\n\
         def regs(port):\n    \
             b = getattr(stm, 'GPIO' + port)\n    \
             return [hex(mem32[b + getattr(stm, 'GPIO_' + r)]) for r in ('MODER', 'OTYPER', 'OSPEEDR', 'PUPDR', 'BSRR', 'AFR1')]\n\
         p = Pin('X1', Pin.OUT, value=1)\n\
         print(p, p is Pin('A0'), Pin('LED_GREEN') is Pin('A14'))\n\
         print(regs('A'), hex(mem32[stm.RCC + stm.RCC_AHB1ENR]))\n\
         p.off()\n\
         print(regs('A')[4])\n\
         p.init(Pin.IN, Pin.PULL_UP)\n\
         print(p, regs('A'))\n\
         q = Pin('Y3', mode=Pin.ALT_OPEN_DRAIN, pull=Pin.PULL_DOWN, af=4)\n\
         print(q, regs('B'), hex(mem32[stm.RCC + stm.RCC_AHB1ENR]))\n\
         print(Pin('D2', Pin.ANALOG), Pin('C13'), Pin.OUT, Pin.IN, Pin.OPEN_DRAIN, Pin.PULL_UP, Pin.PULL_DOWN, Pin.PULL_NONE)\n\
         for bad in ('X13', 'C14', 'A16', 'A01', 'Q1', 'x1', ''):\n    \
             try:\n        Pin(bad)\n    \
             except ValueError as e:\n        print(e)\n\
         for args in ((5,), (Pin.OUT, 7), (Pin.ALT,)):\n    \
             try:\n        p.init(*args)\n    \
             except ValueError as e:\n        print(e)\n\
         try:\n    Pin(3)\nexcept TypeError as e:\n    print(e)\n\
         print(q.name(), q.names(), Pin('SW').names(), q.port(), q.pin(), hex(q.gpio()), q.mode(), q.pull(), q.af())\n\
         p.init(Pin.OPEN_DRAIN)\n\
         p.high()\n\
         print(p.mode(), p.pull(), regs('A')[4])\n\
         p.low()\n\
         print(regs('A')[4])\n\
         import machine\n\
         print(machine.freq())\n");
    assert_eq!(
        out,
        "Pin(Pin.cpu.A0, mode=Pin.OUT) True True\n\
         ['0x1', '0x0', '0x2', '0x0', '0x1', '0x0'] 0x1\n\
         0x10000\n\
         Pin(Pin.cpu.A0, mode=Pin.IN, pull=Pin.PULL_UP) ['0x0', '0x0', '0x2', '0x1', '0x10000', '0x0']\n\
         Pin(Pin.cpu.B8, mode=Pin.ALT_OPEN_DRAIN, pull=Pin.PULL_DOWN, af=4) ['0x20000', '0x100', '0x20000', '0x20000', '0x0', '0x4'] 0x3\n\
         Pin(Pin.cpu.D2, mode=Pin.ANALOG) Pin(Pin.cpu.C13, mode=Pin.IN) 1 0 17 1 2 0\n\
         Pin(X13) doesn't exist\n\
         Pin(C14) doesn't exist\n\
         Pin(A16) doesn't exist\n\
         Pin(A01) doesn't exist\n\
         Pin(Q1) doesn't exist\n\
         Pin(x1) doesn't exist\n\
         Pin() doesn't exist\n\
         invalid pin mode: 5\n\
         invalid pin pull: 7\n\
         invalid pin af: -1\n\
         can't convert 'int' object to str implicitly\n\
         B8 ['B8', 'Y3'] ['B3', 'X17', 'SW'] 1 8 0x40020400 18 2 4\n\
         17 0 0x1\n\
         0x10000\n\
         (168000000, 168000000, 42000000, 84000000)\n"
    );
}

#[test]
fn machine_uart_streams() {
    // The host board loops every UART back: what it sends, it receives.
    let out = run("from machine import UART\n\
         u = UART(1)\n\
         print(u)\n\
         try:\n    u.any()\nexcept OSError as e:\n    print('OSError', e)\n\
         u.init(115200, timeout=5)\n\
         print(u, u.read(), u.readline())\n\
         print(u.write(b'hello\\nworld'), u.write('!'), u.any())\n\
         print(u.readline(), u.read(3))\n\
         buf = bytearray(8)\n\
         mv = memoryview(buf)\n\
         u.write(b'0123456789')\n\
         print(u.readinto(mv[2:5]), u.readinto(buf, 2), buf)\n\
         print(u.read(), u.readinto(buf))\n\
         for bad in ((5,), (1, 9600, 7), (2, 0)):\n    \
             try:\n        UART(*bad)\n    \
             except ValueError as e:\n        print('ValueError', e)\n\
         print(UART(6, baudrate=9600, timeout_char=4))\n");
    assert_eq!(
        out,
        "UART(1)\n\
         OSError UART not enabled\n\
         UART(1, baudrate=115200, bits=8, parity=None, stop=1, flow=0, timeout=5, timeout_char=1, rxbuf=0) None None\n\
         11 1 12\n\
         b'hello\\n' b'wor'\n\
         3 2 bytearray(b'01ld!\\x00\\x00\\x00')\n\
         b'23456789' None\n\
         ValueError UART(5) doesn't exist\n\
         ValueError unsupported UART format: 8 bits, no parity, 1 stop bit, no flow control\n\
         ValueError invalid baudrate\n\
         UART(6, baudrate=9600, bits=8, parity=None, stop=1, flow=0, timeout=0, timeout_char=4, rxbuf=0)\n"
    );
}
