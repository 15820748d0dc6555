//! Machine code costed by hand-written rules, independently of the emulator's timing
//! model: binutils' objdump disassembles it, and [`cost`] applies the Cortex-M4 TRM
//! figures and the pipelining rules FIDELITY.md states (loads 2, stores with an immediate
//! offset 1 and with a register offset 2, PUSH/POP 1 + N, taken branches 1 + P; a load
//! after a load 1 unless it addresses through the register just loaded, a register-offset
//! store after a load 1, +1 when an address register was written by the ALU instruction
//! right before, +1 for a load right after a store). It knows the instructions mpy-cross's
//! viper code uses, which is what the tests feed it.

use std::process::Command;

#[derive(Debug, Clone)]
pub struct Insn {
    pub addr: u32,
    /// A 32-bit encoding.
    pub wide: bool,
    /// Without a `.n`/`.w` width suffix.
    pub mnemonic: String,
    pub operands: String,
}

/// Thumb-2 machine code, disassembled from address 0.
pub fn disassemble(code: &[u8]) -> Vec<Insn> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let bin = dir.path().join("code.bin");
    std::fs::write(&bin, code).expect("write the code");
    let out = Command::new("arm-none-eabi-objdump")
        .args(["-D", "-b", "binary", "-marm", "-Mforce-thumb"])
        .arg(&bin)
        .output()
        .expect("arm-none-eabi-objdump (binutils-arm-none-eabi) runs");
    assert!(out.status.success(), "objdump failed");
    String::from_utf8(out.stdout)
        .expect("text")
        .lines()
        .filter_map(|line| {
            // "  54:\t9802      \tldr\tr0, [sp, #8]"
            let mut fields = line.split('\t');
            let addr = u32::from_str_radix(fields.next()?.trim().strip_suffix(':')?, 16).ok()?;
            let encoding = fields.next()?.trim();
            let mnemonic = fields.next()?.trim();
            let mnemonic = mnemonic
                .strip_suffix(".n")
                .or_else(|| mnemonic.strip_suffix(".w"))
                .unwrap_or(mnemonic);
            let operands = fields.next().unwrap_or("").trim();
            Some(Insn {
                addr,
                wide: encoding.contains(' '),
                mnemonic: mnemonic.to_owned(),
                operands: operands.split('@').next().unwrap_or("").trim().to_owned(),
            })
        })
        .collect()
}

impl Insn {
    /// A branch's target address.
    pub fn target(&self) -> Option<u32> {
        u32::from_str_radix(self.operands.strip_prefix("0x")?, 16).ok()
    }

    /// `b<cond>`: a conditional branch.
    pub fn is_conditional_branch(&self) -> bool {
        self.mnemonic.len() == 3 && self.mnemonic.starts_with('b') && self.target().is_some()
    }

    fn is_load(&self) -> bool {
        ["ldr", "ldrb", "ldrh", "ldrsb", "ldrsh"].contains(&self.mnemonic.as_str())
    }

    fn is_store(&self) -> bool {
        ["str", "strb", "strh"].contains(&self.mnemonic.as_str())
    }

    fn address_registers(&self) -> Vec<&str> {
        let Some(open) = self.operands.find('[') else {
            return Vec::new();
        };
        self.operands[open + 1..]
            .trim_end_matches([']', '!'])
            .split(", ")
            .filter(|r| !r.starts_with('#'))
            .collect()
    }

    /// The register an instruction writes first (its destination).
    fn destination(&self) -> &str {
        self.operands.split(", ").next().unwrap_or("")
    }

    fn is_alu(&self) -> bool {
        !self.is_load()
            && !self.is_store()
            && !["push", "pop", "cmp", "cmn", "tst"].contains(&self.mnemonic.as_str())
            && !self.mnemonic.starts_with("it")
            && !self.mnemonic.starts_with('b')
    }
}

/// The refill P of a taken branch to an instruction: 1, plus 1 for a 32-bit instruction at
/// a halfword-aligned address.
pub fn refill(target: &Insn) -> u64 {
    1 + u64::from(target.wide && target.addr % 4 == 2)
}

/// Cycles of `i` after `prev` (None after a branch). `refill` is the P of a branch this
/// instruction takes (a taken `b`, a `pop` into PC); None when it does not branch.
pub fn cost(prev: Option<&Insn>, i: &Insn, refill: Option<u64>) -> u64 {
    let p = refill.unwrap_or(0);
    if i.mnemonic == "push" || i.mnemonic == "pop" {
        return 1 + i.operands.split(',').count() as u64 + p;
    }
    if i.mnemonic.starts_with('b') && i.target().is_some() {
        return 1 + p;
    }
    let (load, store) = (i.is_load(), i.is_store());
    if !load && !store {
        return 1;
    }
    let regs = i.address_registers();
    let mut c = if load || regs.len() == 2 { 2 } else { 1 };
    if let Some(prev) = prev {
        let pipelines = if load {
            !regs.contains(&prev.destination())
        } else {
            regs.len() == 2
        };
        if prev.is_load() && pipelines {
            c = 1;
        }
        if prev.is_alu() && regs.contains(&prev.destination()) {
            c += 1;
        }
        if load && prev.is_store() {
            c += 1;
        }
    }
    c
}
