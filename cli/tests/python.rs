//! Python on the emulator: the runtime firmware runs every corpus program (`tests/python`),
//! and its USART1 bytes and exit status must match the `.exp` a real MicroPython wrote.
//! Also `cyclops run SCRIPT.py` end to end.

use std::{
    path::{Path, PathBuf},
    process::Command,
};

use cyclops::script;
use cyclops_tests::vm_bench;
use emulator::Outcome;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Compiles with the name the oracle's tracebacks show.
fn compile(path: &Path) -> Vec<u8> {
    match script::compile(path, "<stdin>") {
        Ok(mpy) => mpy,
        Err(f) => panic!("{}: {:#}", path.display(), f.split().1),
    }
}

/// Runs `mpy` on the runtime firmware: (USART1 bytes, exit code, cycles).
fn run(mpy: &[u8]) -> (Vec<u8>, i32, u64) {
    match vm_bench::run(mpy) {
        (Outcome::Exited(code), out, cycles) => (out, code, cycles),
        (other, _, _) => panic!("the runtime did not exit: {other:?}"),
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "py") {
            out.push(p);
        }
    }
}

#[test]
fn corpus_on_the_emulator() {
    let corpus = root().join("tests/python");
    let mut programs = Vec::new();
    collect(&corpus, &mut programs);
    let mut failures = Vec::new();
    for path in &programs {
        let rel = path
            .strip_prefix(&corpus)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if rel.starts_with("emitters/") {
            // `emitter_corpus_on_the_emulator` runs these, under every emitter.
            continue;
        }
        let expected = std::fs::read(path.with_extension("exp")).expect("read .exp");
        let (out, code, _) = run(&compile(path));
        let want_code = if rel.starts_with("tracebacks/") { 1 } else { 0 };
        if out != expected || code != want_code {
            failures.push(format!(
                "{rel} (exit {code}, expected {want_code})\n--- expected\n{}--- got\n{}",
                String::from_utf8_lossy(&expected),
                String::from_utf8_lossy(&out)
            ));
        }
    }
    assert!(programs.len() >= 150, "only {} programs", programs.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Programs whose expected output was derived by hand from MicroPython's semantics:
/// machine code from mpy-cross's native and viper emitters called through the native ABI
/// (`tests/native`, viper's 32-bit wrapping included), and every example of the seed
/// tutorial (`tests/seed`; `cli/tests/hardware.rs` checks the pin toggles' transitions).
#[test]
fn native_code_and_the_seed_examples_on_the_emulator() {
    let mut programs = Vec::new();
    for dir in ["tests/native", "tests/seed"] {
        collect(&root().join(dir), &mut programs);
    }
    assert!(programs.len() >= 6);
    for path in &programs {
        let expected = std::fs::read_to_string(path.with_extension("exp")).expect("read .exp");
        let (out, code, _) = run(&compile(path));
        assert_eq!(
            (code, String::from_utf8_lossy(&out).as_ref()),
            (0, expected.as_str()),
            "{}",
            path.display()
        );
    }
}

/// The emitters `emitter_corpus_on_the_emulator` compiles every program with.
const EMITTERS: [&str; 3] = ["bytecode", "native", "viper"];

/// The emitter corpus (`tests/python/emitters`, README there): each program compiled by
/// `mpy-cross -X emit=E` for each emitter prints the oracle's `.exp` on the emulator (or
/// `NAME.E.exp` where the emitter's semantics differ: viper's machine-word ints).
/// `rejected.txt` lists what mpy-cross refuses to compile, and must stay exactly that.
#[test]
fn emitter_corpus_on_the_emulator() {
    let dir = root().join("tests/python/emitters");
    let mut programs = Vec::new();
    collect(&dir, &mut programs);
    assert!(programs.len() >= 60, "only {} programs", programs.len());
    let mut rejected = String::new();
    let mut failures = Vec::new();
    for path in &programs {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        for emitter in EMITTERS {
            let option = format!("emit={emitter}");
            let mpy = match script::compile_with(path, "<stdin>", &["-X", &option]) {
                Ok(mpy) => mpy,
                Err(f) => {
                    let message = format!("{:#}", f.split().1);
                    let last = message.lines().last().unwrap_or("").trim();
                    rejected.push_str(&format!("{name} {emitter}: {last}\n"));
                    continue;
                }
            };
            let own = path.with_extension(format!("{emitter}.exp"));
            let exp = if own.is_file() {
                own
            } else {
                path.with_extension("exp")
            };
            let expected = std::fs::read(&exp).expect("read .exp");
            // An expectation that ends with an exception's line is an uncaught exception.
            let uncaught = String::from_utf8_lossy(&expected)
                .lines()
                .last()
                .and_then(|l| l.split_once(": "))
                .is_some_and(|(ty, _)| ty.ends_with("Error"));
            let (out, code, _) = run(&mpy);
            if out != expected || code != i32::from(uncaught) {
                failures.push(format!(
                    "{name} under {emitter} (exit {code})\n--- expected ({})\n{}--- got\n{}",
                    exp.file_name().unwrap().to_string_lossy(),
                    String::from_utf8_lossy(&expected),
                    String::from_utf8_lossy(&out)
                ));
            }
        }
    }
    let listed = std::fs::read_to_string(dir.join("rejected.txt")).expect("read rejected.txt");
    let listed: String = listed
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(
        listed, rejected,
        "what mpy-cross rejects is not what rejected.txt says"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn same_script_same_cycles() {
    let path = root().join("tests/python/basics/closures.py");
    let mpy = compile(&path);
    let (a, _, cycles_a) = run(&mpy);
    let (b, _, cycles_b) = run(&mpy);
    assert_eq!((a, cycles_a), (b, cycles_b));
}

fn cyclops(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cyclops"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().expect("exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn run_script_py_prints_and_exits_with_the_script_status() {
    let dir = tempfile::tempdir().unwrap();
    let ok = dir.path().join("ok.py");
    std::fs::write(&ok, "print('hi', 6 * 7)\n").unwrap();
    let (code, stdout, stderr) = cyclops(&["run", ok.to_str().unwrap()]);
    assert_eq!((code, stdout.as_str()), (0, "hi 42\n"), "{stderr}");

    let bad = dir.path().join("boom.py");
    std::fs::write(&bad, "x = 1\nraise ValueError('no')\n").unwrap();
    let (code, stdout, _) = cyclops(&["run", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "Traceback (most recent call last):\n  File \"boom.py\", line 2, in <module>\nValueError: no\n"
    );

    let exits = dir.path().join("exits.py");
    std::fs::write(&exits, "import sys\nsys.exit(7)\n").unwrap();
    assert_eq!(cyclops(&["run", exits.to_str().unwrap()]).0, 7);
}

#[test]
fn bad_scripts_are_input_errors() {
    let dir = tempfile::tempdir().unwrap();
    let syntax = dir.path().join("syntax.py");
    std::fs::write(&syntax, "def f(:\n").unwrap();
    let (code, _, stderr) = cyclops(&["run", syntax.to_str().unwrap()]);
    assert_eq!(code, 65, "{stderr}");
    assert!(
        stderr.contains("mpy-cross rejected") && stderr.contains("SyntaxError"),
        "{stderr}"
    );

    let mpy = dir.path().join("junk.mpy");
    std::fs::write(&mpy, b"M\x05\x00\x1f").unwrap();
    let (code, stdout, _) = cyclops(&["run", mpy.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stdout.starts_with("ValueError: "), "{stdout}");

    let missing = dir.path().join("missing.py");
    assert_eq!(cyclops(&["run", missing.to_str().unwrap()]).0, 74);
}

/// Cycles one more loop iteration of `source` costs (its `N = ` line set to 200, then
/// 400, so start-up cancels out).
fn per_iteration(source: &str) -> u64 {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.py");
    std::fs::write(&path, source).unwrap();
    vm_bench::per_iteration(&path, 200).whole
}

#[test]
fn allocation_and_collection_cost_cycles() {
    // The seed's advice: reuse a buffer instead of allocating one per iteration.
    let allocating = per_iteration("N = 1\nfor i in range(N):\n    buf = bytearray(64)\n");
    let reusing =
        per_iteration("N = 1\nbuf = bytearray(64)\nfor i in range(N):\n    buf[0] = i & 255\n");
    assert!(
        allocating > reusing + 100,
        "allocating {allocating} cycles/iteration, reusing {reusing}"
    );
    // An explicit collection walks the heap: it costs cycles of its own.
    let collecting = per_iteration("import gc\nN = 1\nfor i in range(N):\n    gc.collect()\n");
    assert!(collecting > 1000, "gc.collect() costs {collecting} cycles");
}

#[test]
fn a_full_heap_raises_memory_error_and_collection_reclaims_garbage() {
    // Conservative marking may keep a stray block or two, never the 20 KB of garbage.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.py");
    std::fs::write(
        &path,
        "import gc\n\
         keep = []\n\
         try:\n    while True:\n        keep.append(bytearray(1024))\nexcept MemoryError:\n    print('full', len(keep) > 10)\n\
         keep = None\n\
         gc.collect()\n\
         free = gc.mem_free()\n\
         junk = [bytearray(1000) for i in range(20)]\n\
         print('used', free - gc.mem_free() > 20000)\n\
         junk = None\n\
         gc.collect()\n\
         print('reclaimed', gc.mem_free() > free - 1000)\n",
    )
    .unwrap();
    let (out, code, _) = run(&compile(&path));
    assert_eq!(
        (String::from_utf8_lossy(&out).as_ref(), code),
        ("full True\nused True\nreclaimed True\n", 0)
    );
}

#[test]
fn the_runtime_runs_at_168_mhz_with_usart1_at_115200_baud() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.py");
    std::fs::write(&path, "print('x')\n").unwrap();
    let Ok(mut m) = script::machine(&compile(&path), &emulator::board::STM32F405, false) else {
        panic!("the runtime image does not load");
    };
    assert_eq!(m.run(10_000_000).unwrap(), Outcome::Exited(0));
    assert_eq!(m.core_clock_hz(), 168_000_000);
    let bits: Vec<u64> = m
        .drain_events()
        .into_iter()
        .filter_map(|e| match e {
            emulator::Event::Uart { bit_cycles, .. } => Some(bit_cycles),
            _ => None,
        })
        .collect();
    // APB2 at 84 MHz, BRR = 729 (84 MHz / 115,200 = 729.2): 729 APB2 cycles a bit are
    // 1,458 core cycles (115,226 baud).
    assert_eq!(bits, [1458, 1458]);
}
