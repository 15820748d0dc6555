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
    sync::Mutex,
};

use cyclops_vm::{Config, Exit};

static OUTPUT: Mutex<Vec<u8>> = Mutex::new(Vec::new());

fn capture(bytes: &[u8]) {
    if std::env::var_os("CORPUS_ECHO").is_some() {
        eprint!("{}", String::from_utf8_lossy(bytes));
    }
    OUTPUT.lock().unwrap().extend_from_slice(bytes);
}

const HEAP_WORDS: usize = 32 * 1024;

/// Runs `.mpy` bytes on a fresh VM; returns the console output and how it ended.
fn run(mpy: &[u8]) -> (Vec<u8>, Exit) {
    // One VM at a time: it is global state, as on the MCU.
    static VM: Mutex<()> = Mutex::new(());
    let _guard = VM.lock().unwrap_or_else(|e| e.into_inner());
    OUTPUT.lock().unwrap().clear();
    let heap: &'static mut [usize] = Box::leak(vec![0usize; HEAP_WORDS].into_boxed_slice());
    let top = 0usize;
    cyclops_vm::init(Config {
        heap,
        stack_top: &top as *const usize as usize,
        stack_size: 1 << 20,
        out: capture,
    });
    let exit = cyclops_vm::run_mpy(mpy);
    let out = std::mem::take(&mut *OUTPUT.lock().unwrap());
    (out, exit)
}

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

#[test]
fn uncaught_exception_ends_the_run() {
    let dir = std::env::temp_dir().join(format!("cyclops-vm-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let src = dir.join("t.py");
    fs::write(&src, "def f(x):\n    return 1 // x\nprint('a')\nf(0)\n").unwrap();
    let (out, exit) = run(&support::compile_file(&src, "<stdin>", &[]));
    assert_eq!(exit, Exit::Uncaught);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "a\nTraceback (most recent call last):\n  File \"<stdin>\", line 4, in <module>\n  \
         File \"<stdin>\", line 2, in f\nZeroDivisionError: divide by zero\n"
    );
    fs::remove_dir_all(&dir).unwrap();
}

/// Single-precision float text where the double-precision oracle cannot speak: these
/// lines are what MicroPython 1.29's unix port built with single-precision floats prints.
#[test]
fn single_precision_float_text() {
    let dir = std::env::temp_dir().join(format!("cyclops-vm-float-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let src = dir.join("t.py");
    fs::write(
        &src,
        "print(0.1 + 0.2, 1 / 3, 2 ** 0.5, 100.0 / 3, 16777217.0, 1e16, 1.5e-7)\n\
         print('{:5}|{:.3}|{:+}|{:6.1}|{}'.format(7.0, 1.0, 2.0, 12.5, 4.0))\n",
    )
    .unwrap();
    let (out, exit) = run(&support::compile_file(&src, "<stdin>", &[]));
    assert_eq!(exit, Exit::Done);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "0.3 0.33333334 1.4142135 33.333332 16777216.0 1e+16 1.5e-07\n    7|1|+2| 1e+01|4.0\n"
    );
    fs::remove_dir_all(&dir).unwrap();
}
