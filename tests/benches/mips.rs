//! Emulated MIPS and MHz with cycle accounting on and with bare Unicorn (accounting off) on
//! the same code, measured in one run: `cargo xtask bench`.
//!
//! With accounting off there is no block hook, so nothing counts instructions or cycles: the
//! figures use the counts of the accounted run of the same (deterministic) program. UART
//! transfers are instant then, as no time passes, so firmware that waits on its UART runs
//! fewer instructions bare: for those only the host times compare. The bytecode loop prints
//! nothing and the runtime firmware uses no timer, so it runs the same instructions bare.
//!
//! A second table gives, for the assembled loops, what a block hook that does nothing costs
//! bare Unicorn: the floor of any per-block cycle accounting.

use std::{ffi::c_void, time::Instant};

use cyclops::script;
use cyclops_tests::{assemble, firmware, vm_bench};
use emulator::{board::STM32F405, elf::Image, Config, Machine, Outcome};
use unicorn_engine::{
    uc_engine, uc_hook_add, Arch, ArmCpuModel, HookType, Mode, Prot, RegisterARM, Unicorn,
};

const ROUNDS: usize = 5;

/// Exit through semihosting after `body` has run `n` times (r11 counts).
fn looped(n: u32, body: &str) -> Vec<u8> {
    assemble(&format!(
        "
        ldr r11, ={n}
        ldr r1, =0x20000100
        mov r2, r1
        movs r3, #0
    0:
{body}
        subs r11, #1
        bne 0b
        exit 0
        .ltorg
    "
    ))
}

/// How a program is loaded: an ELF image, or a compiled script on the runtime firmware.
enum Program {
    Elf(Vec<u8>),
    Script(Vec<u8>),
}

impl Program {
    fn machine(&self, timing: bool) -> Machine {
        let config = Config {
            timing,
            ..Config::default()
        };
        match self {
            Program::Elf(elf) => Machine::new(elf, config).expect("loads"),
            Program::Script(mpy) => {
                let image = script::image(script::RUNTIME_ELF, mpy, &STM32F405)
                    .unwrap_or_else(|f| panic!("{:#}", f.split().1));
                Machine::from_image(image, config).expect("loads")
            }
        }
    }
}

/// Best host time of a few runs, and the cycles and instructions of one.
fn time(program: &Program, timing: bool) -> (f64, u64, u64) {
    let mut best = f64::MAX;
    let mut counts = (0, 0);
    for _ in 0..ROUNDS {
        let mut m = program.machine(timing);
        let start = Instant::now();
        let outcome = m.run(u64::MAX).expect("runs");
        best = best.min(start.elapsed().as_secs_f64());
        assert_eq!(outcome, Outcome::Exited(0));
        counts = (m.cycles(), m.instructions());
    }
    (best, counts.0, counts.1)
}

/// Counts the blocks run: the least a block hook can do.
unsafe extern "C" fn count_block(_: *mut uc_engine, _: u64, _: u32, count: *mut c_void) {
    // SAFETY: `count` is the `u64` `hook_floor` registered, alive while its engine runs.
    unsafe { *count.cast::<u64>() += 1 };
}

/// The best host time of bare Unicorn running an assembled loop (flash and SRAM only, to its
/// semihosting exit), with or without a block hook that only counts, registered with
/// Unicorn's C API as the machine's block hook is: how fast any per-block accounting can be.
fn hook_floor(elf: &[u8], hooked: bool) -> f64 {
    let image = Image::from_elf(elf, &STM32F405).expect("image");
    let mut best = f64::MAX;
    for _ in 0..ROUNDS {
        let mut uc = Unicorn::new(Arch::ARM, Mode::THUMB | Mode::MCLASS).expect("engine");
        uc.ctl_set_cpu_model(ArmCpuModel::CORTEX_M4 as i32)
            .expect("Cortex-M4");
        for m in STM32F405.memory {
            for base in [Some(m.base), m.alias].into_iter().flatten() {
                uc.mem_map(u64::from(base), u64::from(m.size), Prot::ALL)
                    .expect("maps");
            }
        }
        for s in &image.segments {
            uc.mem_write(u64::from(s.addr), &s.data).expect("loads");
        }
        let word = |uc: &Unicorn<()>, at: u64| {
            let mut w = [0; 4];
            uc.mem_read(at, &mut w).expect("vector");
            u32::from_le_bytes(w)
        };
        let (sp, pc) = (word(&uc, 0x0800_0000), word(&uc, 0x0800_0004));
        uc.reg_write(RegisterARM::SP, u64::from(sp)).expect("sp");
        uc.add_intr_hook(|uc, _| {
            let _ = uc.emu_stop();
        })
        .expect("hooks the exit");
        let mut blocks = Box::new(0u64);
        if hooked {
            let mut hook = 0;
            // SAFETY: `count_block` takes the `u64` it is given, which outlives the engine.
            let added = unsafe {
                uc_hook_add(
                    uc.get_handle(),
                    &mut hook,
                    HookType::BLOCK.0 as i32,
                    count_block as *mut c_void,
                    (&raw mut *blocks).cast(),
                    1,
                    0,
                )
            };
            Result::<(), _>::from(added).expect("hooks blocks");
        }
        let start = Instant::now();
        uc.emu_start(u64::from(pc | 1), 0, 0, 0).expect("runs");
        best = best.min(start.elapsed().as_secs_f64());
        drop(uc);
        assert_eq!(*blocks > 0, hooked);
    }
    best
}

fn main() {
    // (name, program, whether it runs the same instructions bare).
    let image = |name| Program::Elf(std::fs::read(firmware(name)).expect("image"));
    let programs: Vec<(&str, Program, bool)> = vec![
        ("integer loop", Program::Elf(looped(2_000_000, "adds r3, #3\n eors r3, r3, r3, lsl #1\n add.w r3, r3, #7")), true),
        (
            "load/store loop",
            Program::Elf(looped(1_000_000, "ldr r4, [r1]\n ldr r5, [r2, #4]\n str r4, [r1, #8]\n str r5, [r2, #12]\n adds r3, #1")),
            true,
        ),
        ("call loop", Program::Elf(looped(1_000_000, "bl 1f\n b 2f\n1: push {r4, lr}\n adds r3, #1\n pop {r4, pc}\n2:")), true),
        ("blinky", image("blinky"), false),
        ("busy", image("busy"), false),
        // (d): the Python runtime firmware running the VM's integer loop.
        ("bytecode loop", Program::Script(vm_bench::compile(&vm_bench::script("int_loop"), 20_000)), true),
    ];
    println!(
        "{:<16} {:>12} {:>12} {:>9} {:>9} {:>9} {:>10} {:>10} {:>8}",
        "program",
        "instructions",
        "cycles",
        "MIPS on",
        "MIPS bare",
        "MHz on",
        "ms on",
        "ms bare",
        "on/bare"
    );
    for (name, program, same_work) in &programs {
        let (on, cycles, instructions) = time(program, true);
        let (bare, _, _) = time(program, false);
        let mips = |secs: f64| instructions as f64 / secs / 1e6;
        let mips_bare = if *same_work {
            format!("{:.1}", mips(bare))
        } else {
            "-".to_string()
        };
        println!(
            "{name:<16} {instructions:>12} {cycles:>12} {:>9.1} {mips_bare:>9} {:>9.1} {:>10.2} {:>10.2} {:>8.2}",
            mips(on),
            cycles as f64 / on / 1e6,
            on * 1e3,
            bare * 1e3,
            bare / on
        );
    }
    // What a block hook alone costs, for the assembled loops (the images that run the same
    // instructions bare).
    println!(
        "\n{:<16} {:>10} {:>10} {:>12}",
        "program", "ms bare", "ms hooked", "bare/hooked"
    );
    for (name, program, _) in programs.iter().filter(|(_, _, same_work)| *same_work) {
        let Program::Elf(elf) = program else {
            continue;
        };
        let (bare, hooked) = (hook_floor(elf, false), hook_floor(elf, true));
        println!(
            "{name:<16} {:>10.2} {:>10.2} {:>12.2}",
            bare * 1e3,
            hooked * 1e3,
            bare / hooked
        );
    }
}
