//! The cycles of viper code are the sum of its instructions' Cortex-M4 costs. The seed's
//! `toggle_n` (a ptr16 read-modify-write of GPIOA's ODR per iteration) is compiled by
//! mpy-cross; its loop is taken from the disassembly (binutils' objdump) and costed here
//! from the rules in FIDELITY.md, independently of the emulator's timing model; the
//! emulator's cycles per iteration must equal that sum, for several iteration counts.

use std::process::Command;

use cyclops_tests::vm_bench::{compile, per_iteration, script, PerIteration, N};
use cyclops_vm::mpy::{self, RawCode};

#[derive(Debug)]
struct Insn {
    addr: u32,
    /// Without a `.n`/`.w` width suffix.
    mnemonic: String,
    operands: String,
}

/// The viper function's machine code from the compiled script.
fn viper_code() -> Vec<u8> {
    let mpy = mpy::parse(&compile(&script("viper_toggle"), N)).expect("a valid .mpy");
    let viper: Vec<&[u8]> = mpy
        .module
        .children()
        .iter()
        .filter_map(|c| match c {
            RawCode::Viper(v) => Some(v.code.as_slice()),
            _ => None,
        })
        .collect();
    assert_eq!(viper.len(), 1, "one viper function");
    viper[0].to_vec()
}

fn disassemble(code: &[u8]) -> Vec<Insn> {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("toggle_n.bin");
    std::fs::write(&bin, code).unwrap();
    let out = Command::new("arm-none-eabi-objdump")
        .args(["-D", "-b", "binary", "-marm", "-Mforce-thumb"])
        .arg(&bin)
        .output()
        .expect("arm-none-eabi-objdump (binutils-arm-none-eabi) runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|line| {
            // "  54:\t9802      \tldr\tr0, [sp, #8]"
            let mut fields = line.split('\t');
            let addr = u32::from_str_radix(fields.next()?.trim().strip_suffix(':')?, 16).ok()?;
            let _encoding = fields.next()?;
            let mnemonic = fields.next()?.trim();
            let mnemonic = mnemonic
                .strip_suffix(".n")
                .or_else(|| mnemonic.strip_suffix(".w"))
                .unwrap_or(mnemonic);
            let operands = fields.next().unwrap_or("").trim();
            Some(Insn {
                addr,
                mnemonic: mnemonic.to_owned(),
                operands: operands.split('@').next().unwrap().trim().to_owned(),
            })
        })
        .collect()
}

/// The loop: from the target of the last backward conditional branch to that branch.
fn loop_body(insns: &[Insn]) -> &[Insn] {
    let end = insns
        .iter()
        .rposition(|i| {
            i.mnemonic.len() == 3
                && i.mnemonic.starts_with('b')
                && target(i).is_some_and(|t| t < i.addr)
        })
        .expect("a loop-closing branch");
    let start = insns
        .iter()
        .position(|i| Some(i.addr) == target(&insns[end]))
        .expect("the loop's first instruction");
    &insns[start..=end]
}

fn target(i: &Insn) -> Option<u32> {
    u32::from_str_radix(i.operands.strip_prefix("0x")?, 16).ok()
}

fn is_load(i: &Insn) -> bool {
    ["ldr", "ldrb", "ldrh", "ldrsb", "ldrsh"].contains(&i.mnemonic.as_str())
}

fn is_store(i: &Insn) -> bool {
    ["str", "strb", "strh"].contains(&i.mnemonic.as_str())
}

fn address_registers(i: &Insn) -> Vec<&str> {
    let Some(open) = i.operands.find('[') else {
        return Vec::new();
    };
    i.operands[open + 1..]
        .trim_end_matches([']', '!'])
        .split(", ")
        .filter(|r| !r.starts_with('#'))
        .collect()
}

/// The register an instruction writes first (its destination).
fn destination(i: &Insn) -> &str {
    i.operands.split(", ").next().unwrap_or("")
}

fn is_alu(i: &Insn) -> bool {
    !is_load(i)
        && !is_store(i)
        && !["push", "pop", "cmp", "cmn", "tst"].contains(&i.mnemonic.as_str())
        && !i.mnemonic.starts_with("it")
        && !i.mnemonic.starts_with('b')
}

/// Cycles of `i` after `prev` (None after a branch), from FIDELITY.md: loads 2, stores
/// with an immediate offset 1 and with a register offset 2; PUSH/POP 1 + N; a taken
/// branch 1 + P with P = 1 (the target is a 16-bit instruction); pipelining of a load
/// after a load, a register-offset store after a load, +1 for an address register the
/// previous ALU instruction wrote, +1 for a load after a store.
fn cost(prev: Option<&Insn>, i: &Insn, closing_branch: bool) -> u64 {
    if closing_branch {
        return 2;
    }
    if i.mnemonic == "push" || i.mnemonic == "pop" {
        return 1 + i.operands.split(',').count() as u64;
    }
    let (load, store) = (is_load(i), is_store(i));
    if !load && !store {
        return 1;
    }
    let regs = address_registers(i);
    let mut c = if load || regs.len() == 2 { 2 } else { 1 };
    if let Some(p) = prev {
        if is_load(p) && (load && !regs.contains(&destination(p)) || store && regs.len() == 2) {
            c = 1;
        }
        if is_alu(p) && regs.contains(&destination(p)) {
            c += 1;
        }
        if load && is_store(p) {
            c += 1;
        }
    }
    c
}

#[test]
fn a_viper_loop_costs_the_sum_of_its_instructions() {
    let insns = disassemble(&viper_code());
    let body = loop_body(&insns);
    let names: Vec<&str> = body.iter().map(|i| i.mnemonic.as_str()).collect();
    // The read-modify-write of the seed's `odr[0] ^= BIT14` is in the loop.
    assert!(names.contains(&"ldrh") && names.contains(&"strh") && names.contains(&"eors"));
    let sum: u64 = body
        .iter()
        .enumerate()
        .map(|(k, i)| {
            let prev = k.checked_sub(1).map(|p| &body[p]);
            cost(prev, i, k == body.len() - 1)
        })
        .sum();
    assert_eq!(
        sum, 56,
        "the derivation from the rules (documented in the test)"
    );
    // Affine in n: the same cost per iteration between 500, 1000 and 2000 iterations.
    for n in [N / 2, N] {
        assert_eq!(
            per_iteration(&script("viper_toggle"), n),
            PerIteration {
                whole: sum,
                remainder: 0,
                n: u64::from(n)
            }
        );
    }
}
