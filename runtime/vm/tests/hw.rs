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
