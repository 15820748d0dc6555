//! The Python corpus (`tests/python` at the repository root) on the VM, on the host:
//! each program's output must equal its `.exp`, which a real MicroPython produced.
//!
//! Every program must pass; the emulator runs them all again on the firmware
//! (`cli/tests/python.rs`).
//!
//! Environment: `CYCLOPS_CORPUS` another corpus folder, `CORPUS_ONLY` run the programs
//! whose path contains it, `CORPUS_ECHO` echo the console as it is written (with
//! `--nocapture`), `CORPUS_OUT` write each output to that folder (`<path>.out`) for
//! diffing.

mod support;

use std::{
    fs,
    path::{Path, PathBuf},
};

use cyclops_vm::Exit;
use support::run;

fn corpus_root() -> PathBuf {
    std::env::var_os("CYCLOPS_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/python"),
        PathBuf::from,
    )
}

fn programs(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            programs(&p, out);
        } else if p.extension().is_some_and(|e| e == "py") {
            out.push(p);
        }
    }
}

#[test]
fn corpus() {
    let root = corpus_root();
    let mut all = Vec::new();
    programs(&root, &mut all);
    let mut passing = Vec::new();
    let mut failures = Vec::new();
    for path in &all {
        let rel = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if std::env::var("CORPUS_ONLY").is_ok_and(|f| !rel.contains(&f)) {
            continue;
        }
        if rel.starts_with("emitters/") {
            // Native code needs the Cortex-M: the emulator runs these (cli/tests/python.rs).
            continue;
        }
        let expected = fs::read(path.with_extension("exp")).unwrap_or_default();
        let mpy = support::compile_file(path, "<stdin>", &[]);
        let (out, _) = run(&mpy);
        if let Some(dir) = std::env::var_os("CORPUS_OUT") {
            let dest = Path::new(&dir).join(&rel).with_extension("out");
            fs::create_dir_all(dest.parent().unwrap()).unwrap();
            fs::write(dest, &out).unwrap();
        }
        if out == expected {
            passing.push(rel);
        } else {
            failures.push(format!(
                "{rel}\n--- expected\n{}--- got\n{}",
                String::from_utf8_lossy(&expected),
                String::from_utf8_lossy(&out)
            ));
        }
    }
    eprintln!(
        "{} of {} corpus programs pass on the VM",
        passing.len(),
        all.len()
    );
    assert!(
        all.len() >= 150,
        "only {} programs in the corpus",
        all.len()
    );
    assert!(failures.is_empty(), "failures:\n{}", failures.join("\n"));
}

/// Compiles `source` as `<stdin>` and runs it on a fresh VM.
fn run_source(source: &str) -> (String, Exit) {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "cyclops-vm-{}-{}",
        std::process::id(),
        N.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    fs::create_dir_all(&dir).unwrap();
    let src = dir.join("t.py");
    fs::write(&src, source).unwrap();
    let (out, exit) = run(&support::compile_file(&src, "<stdin>", &[]));
    fs::remove_dir_all(&dir).unwrap();
    (String::from_utf8(out).unwrap(), exit)
}

#[test]
fn uncaught_exception_ends_the_run() {
    let (out, exit) = run_source("def f(x):\n    return 1 // x\nprint('a')\nf(0)\n");
    assert_eq!(exit, Exit::Uncaught);
    assert_eq!(
        out,
        "a\nTraceback (most recent call last):\n  File \"<stdin>\", line 4, in <module>\n  \
         File \"<stdin>\", line 2, in f\nZeroDivisionError: divide by zero\n"
    );
}

/// Single-precision float text where the double-precision oracle cannot speak: these
/// lines are what MicroPython 1.29's unix port built with single-precision floats prints
/// when it imports this program compiled by mpy-cross (`1 / 3` is folded in double
/// precision to the text `0.3333333333333333`, which that parser reads as 0.3333333).
#[test]
fn single_precision_float_text() {
    let (out, exit) = run_source(
        "print(0.1 + 0.2, 1 / 3, 2 ** 0.5, 100.0 / 3, 16777217.0, 1e16, 1.5e-7)\n\
         print('{:5}|{:.3}|{:+}|{:6.1}|{}'.format(7.0, 1.0, 2.0, 12.5, 4.0))\n",
    );
    assert_eq!(exit, Exit::Done);
    assert_eq!(
        out,
        "0.3 0.3333333 1.4142135 33.333332 16777216.0 1e+16 1.5e-07\n    7|1|+2| 1e+01|4.0\n"
    );
}

/// What a pyboard's `sys`, `gc` and `micropython` say where the oracle (another port)
/// says something else: platform and machine names, the `.mpy` version with the
/// armv7emsp native architecture, no GC threshold until one is set, and the `array`
/// item sizes of a 32-bit ARM (`l` is 4 bytes, `q` and `d` are 8-aligned).
#[test]
fn pyboard_values() {
    let (out, exit) = run_source(
        "import sys, gc, micropython, struct\n\
         i = sys.implementation\n\
         print(sys.platform, i.name, i.version, i._machine, i._mpy, i._mpy & 0xff, i._mpy >> 10)\n\
         print(i)\n\
         print(sys.path, sys.maxsize, sys.byteorder)\n\
         print(gc.threshold(), micropython.opt_level(), micropython.alloc_emergency_exception_buf(256))\n\
         print(struct.calcsize('l'), struct.calcsize('P'), struct.calcsize('bq'), struct.calcsize('bd'), struct.calcsize('e'))\n\
         print(struct.pack('<e', 1.5), struct.unpack('<e', b'\\x00\\xc0'), struct.unpack('>P', b'\\xff\\0\\0\\0'))\n",
    );
    assert_eq!(exit, Exit::Done, "{out}");
    assert_eq!(
        out,
        "pyboard micropython (1, 29, 0, '') PYBv1.1 with STM32F405RG 7942 6 7\n\
         (name='micropython', version=(1, 29, 0, ''), _machine='PYBv1.1 with STM32F405RG', \
         _mpy=7942, _build='PYBV11')\n\
         ['', '.frozen', '/flash', '/flash/lib'] 2147483647 little\n\
         -1 0 None\n\
         4 4 16 16 2\n\
         b'\\x00>' (-2.0,) (4278190080,)\n"
    );
}

/// `gc.disable()` stops automatic collection, as in MicroPython: an allocation that
/// does not fit raises `MemoryError` although garbage would make room; enabled again,
/// the same allocation collects and succeeds. `gc.threshold(n)` collects once `n`
/// bytes were allocated, so garbage never piles up beyond about that.
#[test]
fn gc_disable_and_threshold() {
    let (out, exit) = run_source(
        "import gc\n\
         gc.collect()\n\
         gc.disable()\n\
         try:\n    for i in range(100000):\n        b = bytearray(1000)\n    print('no error')\n\
         except MemoryError:\n    print('MemoryError while disabled')\n\
         gc.enable()\n\
         for i in range(1000):\n    b = bytearray(1000)\n\
         print('enabled: fine')\n\
         gc.collect()\n\
         base = gc.mem_alloc()\n\
         gc.threshold(4096)\n\
         peak = 0\n\
         for i in range(200):\n    b = bytearray(200)\n    peak = max(peak, gc.mem_alloc() - base)\n\
         print('threshold peak under 6000:', peak < 6000)\n\
         gc.threshold(-1)\n\
         gc.collect()\n\
         base = gc.mem_alloc()\n\
         for i in range(200):\n    b = bytearray(200)\n\
         print('no threshold grows past 20000:', gc.mem_alloc() - base > 20000)\n",
    );
    assert_eq!(exit, Exit::Done, "{out}");
    assert_eq!(
        out,
        "MemoryError while disabled\nenabled: fine\n\
         threshold peak under 6000: True\nno threshold grows past 20000: True\n"
    );
}

/// `micropython.mem_info()` prints MicroPython's lines with the heap's figures (which
/// `gc` agrees with), and with an argument the allocation table.
#[test]
fn mem_info_lines() {
    let (out, exit) = run_source(
        "import micropython, gc\n\
         gc.collect()\n\
         print(gc.mem_alloc(), gc.mem_free())\n\
         micropython.mem_info()\n\
         micropython.mem_info(1)\n",
    );
    assert_eq!(exit, Exit::Done, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let (used, free) = lines[0].split_once(' ').unwrap();
    assert!(
        lines[1].starts_with("stack: ") && lines[1].contains(" out of 1048576"),
        "{out}"
    );
    assert_eq!(
        lines[2],
        format!(
            "GC: total: {}, used: {used}, free: {free}",
            used.parse::<usize>().unwrap() + free.parse::<usize>().unwrap()
        )
    );
    assert!(lines[3].starts_with(" No. of 1-blocks: "), "{out}");
    assert!(lines[4].starts_with("stack: "), "{out}");
    assert!(lines[7].starts_with("GC memory layout; from "), "{out}");
    assert!(lines[8].starts_with("00000000: "), "{out}");
    assert!(out.contains("lines all free)"), "{out}");
}

/// `micropython.schedule`: one queued call runs each time a loop goes round, and what is
/// still queued runs when the program ends (both as MicroPython 1.29's unix port prints
/// them); a fifth call overflows the queue; a call that raises has its traceback printed.
#[test]
fn scheduled_calls_run_at_the_next_loop_and_at_the_end() {
    let (out, exit) = run_source(
        "import micropython\n\
         def cb(a):\n    print('cb', a)\n\
         micropython.schedule(cb, 1)\n\
         print('after schedule')\n\
         x = 0\n\
         for i in range(3):\n    x += i\n\
         print('after loop')\n\
         micropython.schedule(cb, 2)\n\
         print('end')\n\
         for i in range(5):\n    micropython.schedule(print, i)\n",
    );
    assert_eq!(
        (out.as_str(), exit),
        (
            "after schedule\ncb 1\nafter loop\nend\ncb 2\n0\n1\n2\n3\n4\n",
            Exit::Done
        )
    );
    // Four fill the queue (no loop runs one in between); the unix port also runs one
    // when it dispatches the exception, which this runtime does not.
    let (out, _) = run_source(
        "import micropython\n\
         micropython.schedule(print, 'a')\n\
         micropython.schedule(print, 'b')\n\
         micropython.schedule(print, 'c')\n\
         micropython.schedule(print, 'd')\n\
         try:\n    micropython.schedule(print, 'e')\n\
         except RuntimeError as e:\n    print(e)\n",
    );
    assert_eq!(out, "schedule queue full\na\nb\nc\nd\n");
    let (out, _) = run_source("import micropython\nmicropython.schedule(len, 5)\nprint('ok')\n");
    assert_eq!(out, "ok\nTypeError: object of type 'int' has no len()\n");
}

/// `%`-formatting and `format()` of floats, digit for digit as MicroPython's single-precision
/// build prints them: `tests/fixtures/float_format.exp` is that build's output for
/// `float_format.py` (how it was made is in the program's header).
#[test]
fn single_precision_float_formatting() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let expected = fs::read_to_string(fixtures.join("float_format.exp")).unwrap();
    let (out, exit) = run(&support::compile("float_format.py", &[]));
    let out = String::from_utf8(out).unwrap();
    assert_eq!(exit, Exit::Done, "{out}");
    for (n, (got, want)) in out.lines().zip(expected.lines()).enumerate() {
        assert_eq!(got, want, "line {} of float_format.exp", n + 1);
    }
    assert_eq!(out.lines().count(), expected.lines().count());
}
