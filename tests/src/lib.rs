//! Shared test support: assembling Thumb-2 snippets into bootable ELF images with
//! Debian's `binutils-arm-none-eabi`, finding the committed firmware images, stepping a
//! machine, and running a command to its end.

use std::{path::PathBuf, process::Command};

use emulator::{Config, Machine, Outcome};

pub mod suite;
pub mod trm;
pub mod vm_bench;

/// Exception names a snippet may define handlers for, by vector number.
const HANDLERS: &[(usize, &str)] = &[
    (2, "NMI_Handler"),
    (3, "HardFault_Handler"),
    (4, "MemManage_Handler"),
    (5, "BusFault_Handler"),
    (6, "UsageFault_Handler"),
    (11, "SVC_Handler"),
    (14, "PendSV_Handler"),
    (15, "SysTick_Handler"),
];
/// External interrupts a snippet may handle as `IRQ<n>_Handler`.
const IRQS: usize = 82;

/// The path of a committed firmware image.
pub fn firmware(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../firmware-images")
        .join(format!("{name}.elf"))
}

/// Assembles `body` (Thumb-2, unified syntax) after a vector table at 0x0800_0000 whose reset
/// vector is `_start` at the start of `body`, with the stack at the top of SRAM. Handlers are
/// the labels of [`HANDLERS`] and `IRQ<n>_Handler` that `body` defines, else `b .`.
/// `exit CODE` is a macro for a semihosting exit with that code (0 if omitted).
pub fn assemble(body: &str) -> Vec<u8> {
    let defined = |name: &str| body.contains(&format!("{name}:"));
    let mut vectors = String::from("    .word 0x20020000\n    .word _start\n");
    for n in 2..16 + IRQS {
        let name = HANDLERS
            .iter()
            .find(|(v, _)| *v == n)
            .map(|(_, s)| s.to_string())
            .or_else(|| (n >= 16).then(|| format!("IRQ{}_Handler", n - 16)));
        let target = name
            .filter(|s| defined(s))
            .unwrap_or_else(|| "default_handler".into());
        vectors.push_str(&format!(
            "    .word {}\n",
            if n == 7 || (8..=10).contains(&n) || n == 13 {
                "0"
            } else {
                &target
            }
        ));
    }
    let src = format!(
        "    .syntax unified\n    .thumb\n    .cpu cortex-m4\n    .fpu fpv4-sp-d16\n\
         .macro exit code=0\n    ldr r1, =0x20026\n    movs r0, #\\code\n    push {{r0}}\n    push {{r1}}\n    mov r1, sp\n    movs r0, #0x20\n    bkpt 0xab\n.endm\n\
         .section .vectors, \"a\"\n{vectors}\n\
         .text\n    .thumb_func\n    .global _start\n_start:\n{body}\n\
         .thumb_func\ndefault_handler:\n    b .\n    .ltorg\n"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let s = dir.path().join("t.s");
    let o = dir.path().join("t.o");
    let elf = dir.path().join("t.elf");
    std::fs::write(&s, src).expect("write source");
    let tool = |name: &str, args: &[&std::ffi::OsStr]| {
        let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
            panic!("cannot run {name} ({e}): install binutils-arm-none-eabi (cargo xtask setup)")
        });
        assert!(
            out.status.success(),
            "{name} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    tool(
        "arm-none-eabi-as",
        &[
            "-mthumb".as_ref(),
            "-o".as_ref(),
            o.as_os_str(),
            s.as_os_str(),
        ],
    );
    tool(
        "arm-none-eabi-ld",
        &[
            "--section-start=.vectors=0x08000000".as_ref(),
            "-Ttext=0x08000200".as_ref(),
            "-o".as_ref(),
            elf.as_os_str(),
            o.as_os_str(),
        ],
    );
    std::fs::read(elf).expect("read ELF")
}

/// A machine running an assembled snippet.
pub fn machine(body: &str) -> Machine {
    machine_with(body, Config::default())
}

/// A machine running an assembled snippet, set up as `config` says.
pub fn machine_with(body: &str, config: Config) -> Machine {
    Machine::new(&assemble(body), config).expect("snippet loads")
}

/// An example of the `stm32f4xx-hal` crate built by `cargo xtask hal-examples`.
pub fn hal_example(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../target/hal-examples")
        .join(format!("{name}.elf"));
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!("{} ({e}): build the HAL examples with `cargo xtask hal-examples` (cargo xtask test does)", path.display())
    })
}

/// Steps `m` one instruction at a time, calling `each` after every step, until the run ends
/// with something other than the step's cycle budget.
pub fn step_through(m: &mut Machine, mut each: impl FnMut(&Machine)) -> Outcome {
    loop {
        match m.step().expect("steps") {
            Outcome::CycleLimit => each(m),
            other => return other,
        }
    }
}

/// What a command gave: its exit status and its output.
pub struct Ran {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `cmd` to its end.
pub fn ran(cmd: &mut Command) -> Ran {
    let out = cmd.output().expect("runs");
    Ran {
        code: out.status.code().expect("exit code, not a signal"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}
