//! The Cortex-M4 timing table: what each Thumb-2 instruction costs at zero wait states.
//!
//! Costs are static per instruction except branches, whose pipeline refill `P` depends on
//! whether they were taken and where they went: the machine resolves it at the next block
//! (see [`refill`]). The rules and their sources are in FIDELITY.md; every number lives here.

/// How an instruction changes the flow of control.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Falls through to the next instruction.
    Next,
    /// Always writes the PC (B, BL, BX, POP {pc}, LDR pc, TBB): costs `cycles + P`.
    Jump,
    /// B<cond>, CBZ/CBNZ: costs `cycles`, plus `P` when taken.
    CondJump,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// Length in bytes: 2 or 4.
    pub len: u8,
    /// Cycles before any pipeline refill.
    pub cycles: u8,
    pub flow: Flow,
}

/// SDIV/UDIV as the static table charges them; the machine corrects it per execution with
/// [`div_cycles`] once it knows the operands.
pub const DIV_CYCLES: u8 = 12;
/// VDIV, VSQRT: they issue in a cycle and the FPU stays busy for this many from their start,
/// while integer instructions go on.
pub const FP_DIV_CYCLES: u8 = 14;
/// VMLA/VMLS/VNMLA/VNMLS and the fused VFMA family.
const FP_MAC_CYCLES: u8 = 3;
/// MSR to a special register.
const MSR_CYCLES: u8 = 2;
/// ISB flushes the pipeline: 1 + a refill.
const ISB_CYCLES: u8 = 2;

/// Whether a first halfword starts a 32-bit instruction.
pub fn is_wide(hw1: u16) -> bool {
    hw1 >> 11 >= 0b11101
}

/// The pipeline refill of a taken branch to `target`: 1 cycle, and one more when the
/// target is a 32-bit instruction that is not word-aligned (its second half is in the next
/// fetch word).
pub fn refill(target: u32, wide: bool) -> u8 {
    1 + u8::from(target & 2 != 0 && wide)
}

/// What the load/store pipelining rules need to know of an instruction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Writes `rd` through the ALU (its result is late for an address computation).
    Alu { rd: u8 },
    /// A single load (LDR, LDRB/H, LDRSB/H) of `rt` from an address formed from `addr`.
    Load { rt: u8, addr: [u8; 2] },
    /// A single store; with a register offset nothing pipelines after it.
    Store { addr: [u8; 2], reg_offset: bool },
    /// Anything else, LDRD/STRD and LDM/STM included (they never pipeline).
    Other,
}

/// No register (an address formed from one register only).
const NONE: u8 = 0xFF;
const SP: u8 = 13;
const PC: u8 = 15;

impl Access {
    fn uses(self, reg: u8) -> bool {
        match self {
            Access::Load { addr, .. } | Access::Store { addr, .. } => addr.contains(&reg),
            _ => false,
        }
    }
}

/// Classifies an instruction for [`pipeline`].
pub fn access(hw1: u16, hw2: u16) -> Access {
    let r = |v: u16, shift: u16| ((v >> shift) & 7) as u8;
    if is_wide(hw1) {
        return access32(hw1, hw2);
    }
    match hw1 >> 11 {
        // LSL/LSR/ASR (immediate), ADD/SUB (register, 3-bit immediate).
        0b00000..=0b00011 => Access::Alu { rd: r(hw1, 0) },
        // CMP (immediate) writes only flags.
        0b00101 => Access::Other,
        0b00100 | 0b00110 | 0b00111 => Access::Alu { rd: r(hw1, 8) },
        0b01000 if hw1 & 0x0400 == 0 => match (hw1 >> 6) & 0xF {
            0b1000 | 0b1010 | 0b1011 => Access::Other, // TST, CMP, CMN
            _ => Access::Alu { rd: r(hw1, 0) },
        },
        0b01000 => match (hw1 >> 8) & 3 {
            0 | 2 => Access::Alu {
                rd: (((hw1 >> 4) & 8) as u8) | r(hw1, 0),
            },
            _ => Access::Other, // CMP (high registers), BX/BLX
        },
        0b01001 => Access::Load {
            rt: r(hw1, 8),
            addr: [PC, NONE],
        },
        0b01010 | 0b01011 => {
            let addr = [r(hw1, 3), r(hw1, 6)];
            if (hw1 >> 9) & 7 <= 2 {
                Access::Store {
                    addr,
                    reg_offset: true,
                }
            } else {
                Access::Load {
                    rt: r(hw1, 0),
                    addr,
                }
            }
        }
        0b01100..=0b10001 => {
            let addr = [r(hw1, 3), NONE];
            if hw1 & 0x0800 != 0 {
                Access::Load {
                    rt: r(hw1, 0),
                    addr,
                }
            } else {
                Access::Store {
                    addr,
                    reg_offset: false,
                }
            }
        }
        0b10010 => Access::Store {
            addr: [SP, NONE],
            reg_offset: false,
        },
        0b10011 => Access::Load {
            rt: r(hw1, 8),
            addr: [SP, NONE],
        },
        0b10100 | 0b10101 => Access::Alu { rd: r(hw1, 8) }, // ADR, ADD Rd, SP, #imm
        0b10110 if hw1 & 0xFF00 == 0xB000 => Access::Alu { rd: SP }, // ADD/SUB SP, SP, #imm
        0b10110 | 0b10111 if matches!(hw1 & 0xFF00, 0xB200 | 0xBA00) => {
            Access::Alu { rd: r(hw1, 0) }
        }
        _ => Access::Other,
    }
}

fn access32(hw1: u16, hw2: u16) -> Access {
    let rd = ((hw2 >> 8) & 0xF) as u8;
    let rn = (hw1 & 0xF) as u8;
    let rt = (hw2 >> 12) as u8;
    match hw1 >> 9 {
        // Loads and stores of a single register (not the hint space of PLD/PLI: Rt = PC).
        0b1111100 if hw1 & 0x0010 == 0 || rt != PC => {
            let reg_offset = hw1 & 0x0080 == 0 && hw2 & 0x0FC0 == 0 && rn != PC;
            let addr = [rn, if reg_offset { (hw2 & 0xF) as u8 } else { NONE }];
            if hw1 & 0x0010 != 0 {
                Access::Load { rt, addr }
            } else {
                Access::Store { addr, reg_offset }
            }
        }
        // Data processing (shifted register); TST/TEQ/CMP/CMN write PC-as-Rd: only flags.
        0b1110101 if rd != PC => Access::Alu { rd },
        // Data processing (register), multiplies and divides (long multiplies: RdHi).
        0b1111101 => Access::Alu { rd },
        // Data processing (immediate).
        0b1111000..=0b1111011 if hw2 & 0x8000 == 0 && rd != PC => Access::Alu { rd },
        _ => Access::Other,
    }
}

/// Pipeline effects between neighbours (Cortex-M4 TRM load/store timing and the silicon
/// measurements in FIDELITY.md), as cycles to add to `cur`'s table cost:
/// - a single load or a register-offset store right after a single load pipelines with it
///   and takes one cycle less, unless its address needs the value just loaded;
/// - a load or store whose address register the previous instruction computed in the ALU
///   waits one cycle (there is no forwarding path to the address generator);
/// - a load right after a store waits one cycle for the write buffer.
pub fn pipeline(prev: Access, cur: Access) -> i8 {
    match (prev, cur) {
        (Access::Alu { rd }, c) if c.uses(rd) => 1,
        (
            Access::Load { rt, .. },
            c @ (Access::Load { .. }
            | Access::Store {
                reg_offset: true, ..
            }),
        ) if !c.uses(rt) => -1,
        (Access::Store { .. }, Access::Load { .. }) => 1,
        _ => 0,
    }
}

const fn t(len: u8, cycles: u8, flow: Flow) -> Timing {
    Timing { len, cycles, flow }
}

/// Whether an instruction's cost depends on run-time values: SDIV/UDIV (operand sizes) and
/// IT (which of the instructions it governs fail their condition).
pub fn is_dynamic(hw1: u16, hw2: u16) -> bool {
    is_divide(hw1, hw2) || is_it(hw1)
}

pub fn is_divide(hw1: u16, hw2: u16) -> bool {
    matches!(hw1 & 0xFFF0, 0xFB90 | 0xFBB0) && hw2 & 0x00F0 == 0x00F0
}

pub fn is_it(hw1: u16) -> bool {
    hw1 & 0xFF00 == 0xBF00 && hw1 & 0xF != 0
}

/// SDIV/UDIV with early termination (the TRM gives 2 to 12 cycles by operand size; no silicon
/// measurements are published): 2 cycles, plus one per 4 bits of quotient the divider must
/// produce (the divisor's leading zeros minus the dividend's, plus one), plus one for each
/// negative operand of SDIV. Division by zero takes 2.
pub fn div_cycles(dividend: u32, divisor: u32, signed: bool) -> u8 {
    let (n, d, negs) = if signed {
        let (n, d) = (dividend as i32, divisor as i32);
        (
            n.unsigned_abs(),
            d.unsigned_abs(),
            u8::from(n < 0) + u8::from(d < 0),
        )
    } else {
        (dividend, divisor, 0)
    };
    if d == 0 {
        return 2;
    }
    let bits = (d.leading_zeros() + 1).saturating_sub(n.leading_zeros());
    2 + bits.div_ceil(4) as u8 + negs
}

/// A PC-relative load (LDR/LDRB/LDRH/LDRSB/LDRSH, LDRD or VLDR from a literal pool) at `pc`:
/// the address it reads and how many bytes.
pub fn literal(pc: u32, hw1: u16, hw2: u16) -> Option<(u32, u32)> {
    let base = (pc + 4) & !3;
    let signed = |add: bool, imm: u32| {
        if add {
            base.wrapping_add(imm)
        } else {
            base.wrapping_sub(imm)
        }
    };
    let up = hw1 & 0x0080 != 0;
    if hw1 >> 11 == 0b01001 {
        Some((base + u32::from(hw1 & 0xFF) * 4, 4))
    } else if hw1 & 0xFE1F == 0xF81F && (hw1 >> 5) & 3 != 3 {
        // Byte, halfword and word loads; PLD/PLI (a byte or halfword "load" of PC) read nothing.
        let len = 1 << ((hw1 >> 5) & 3);
        (len == 4 || hw2 >> 12 != 15).then(|| (signed(up, u32::from(hw2 & 0xFFF)), len))
    } else if hw1 & 0xFF7F == 0xE95F {
        Some((signed(up, u32::from(hw2 & 0xFF) * 4), 8))
    } else if hw1 & 0xFF3F == 0xED1F && hw2 & 0x0E00 == 0x0A00 {
        let len = if hw2 & 0x0100 != 0 { 8 } else { 4 };
        Some((signed(up, u32::from(hw2 & 0xFF) * 4), len))
    } else {
        None
    }
}

/// What an interrupt arriving while a multi-cycle memory instruction runs does to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Midway {
    /// LDM/STM/PUSH/POP and VLDM/VSTM/VPUSH/VPOP stop, and continue where they stopped
    /// after the handler (EPSR.ICI).
    Continue,
    /// LDRD/STRD are abandoned and run again in full after the handler.
    Restart,
}

/// Whether an interrupt may stop an instruction part-way, and how.
pub fn midway(hw1: u16, hw2: u16) -> Option<Midway> {
    let multiple = if is_wide(hw1) {
        hw1 & 0xFE40 == 0xE800
            || (is_fpu(hw1, hw2)
                && hw1 & 0xFE00 == 0xEC00
                && (hw1 & 0x0180 == 0x0080 || hw1 & 0x01A0 == 0x0120))
    } else {
        matches!(hw1 & 0xFE00, 0xB400 | 0xBC00) || hw1 & 0xF000 == 0xC000
    };
    if multiple {
        Some(Midway::Continue)
    } else if is_wide(hw1) && hw1 & 0xFE40 == 0xE840 && hw1 & 0x0120 != 0 {
        Some(Midway::Restart)
    } else {
        None
    }
}

/// A constant an instruction puts in a register, as a decoder can follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Constant {
    /// `LDR rt, [pc, #imm]`: the word at this address.
    Literal(u32),
    /// `MOVW`: these low 16 bits, the high ones clear.
    Low(u16),
    /// `MOVT`: these high 16 bits, the low ones kept.
    High(u16),
}

/// The register an instruction at `pc` sets to a constant, and how.
pub fn constant(pc: u32, hw1: u16, hw2: u16) -> Option<(u8, Constant)> {
    let imm16 =
        || ((hw1 & 0xF) << 12) | (((hw1 >> 10) & 1) << 11) | ((hw2 >> 4) & 0x700) | (hw2 & 0xFF);
    let word = literal(pc, hw1, hw2).filter(|&(_, len)| len == 4);
    if hw1 >> 11 == 0b01001 {
        Some((((hw1 >> 8) & 7) as u8, Constant::Literal(word?.0)))
    } else if hw1 & 0xFF7F == 0xF85F {
        Some(((hw2 >> 12) as u8, Constant::Literal(word?.0)))
    } else if hw1 & 0xFBF0 == 0xF240 && hw2 & 0x8000 == 0 {
        Some((((hw2 >> 8) & 0xF) as u8, Constant::Low(imm16())))
    } else if hw1 & 0xFBF0 == 0xF2C0 && hw2 & 0x8000 == 0 {
        Some((((hw2 >> 8) & 0xF) as u8, Constant::High(imm16())))
    } else {
        None
    }
}

/// Whether condition `cond` (the ARM encoding) holds for the NZCV flags (bits 31..28).
pub fn condition_passes(cond: u8, flags: u32) -> bool {
    let (n, z, c, v) = (
        flags >> 31 & 1 == 1,
        flags >> 30 & 1 == 1,
        flags >> 29 & 1 == 1,
        flags >> 28 & 1 == 1,
    );
    let base = match cond >> 1 {
        0 => z,
        1 => c,
        2 => n,
        3 => v,
        4 => c && !z,
        5 => n == v,
        6 => !z && n == v,
        _ => return true,
    };
    if cond & 1 == 1 {
        !base
    } else {
        base
    }
}

/// A B instruction at `pc` (any of its four encodings): its condition (14, always, for the
/// unconditional ones) and its target. `None` for any other instruction.
pub fn direct_branch(pc: u32, hw1: u16, hw2: u16) -> Option<(u8, u32)> {
    // The target is PC (the instruction's address + 4) plus a sign-extended offset of
    // `bits` bits, counted in halfwords.
    let to = |offset: u32, bits: u32| {
        let shift = 32 - bits;
        pc.wrapping_add(4)
            .wrapping_add((((offset << 1) << shift) as i32 >> shift) as u32)
    };
    let (hw1_32, hw2_32) = (u32::from(hw1), u32::from(hw2));
    if !is_wide(hw1) {
        return match hw1 >> 11 {
            0b11010 | 0b11011 if (hw1 >> 9) & 7 != 7 => {
                Some((((hw1 >> 8) & 0xF) as u8, to(hw1_32 & 0xFF, 9)))
            }
            0b11100 => Some((14, to(hw1_32 & 0x7FF, 12))),
            _ => None,
        };
    }
    if hw1 >> 11 != 0b11110 || hw2 & 0xC000 != 0x8000 {
        return None;
    }
    let (s, j1, j2) = ((hw1_32 >> 10) & 1, (hw2_32 >> 13) & 1, (hw2_32 >> 11) & 1);
    if hw2 & 0x1000 != 0 {
        // T4: I1 = NOT(J1 XOR S), I2 = NOT(J2 XOR S).
        let (i1, i2) = (!(j1 ^ s) & 1, !(j2 ^ s) & 1);
        let offset = s << 23 | i1 << 22 | i2 << 21 | (hw1_32 & 0x3FF) << 11 | (hw2_32 & 0x7FF);
        Some((14, to(offset, 25)))
    } else if (hw1 >> 7) & 7 != 7 {
        // T3, conditional.
        let offset = s << 19 | j2 << 18 | j1 << 17 | (hw1_32 & 0x3F) << 11 | (hw2_32 & 0x7FF);
        Some((((hw1 >> 6) & 0xF) as u8, to(offset, 21)))
    } else {
        None
    }
}

/// The conditions of the instructions an `IT` governs, in order.
pub fn it_conditions(hw1: u16) -> Vec<u8> {
    let first = ((hw1 >> 4) & 0xF) as u8;
    let mask = (hw1 & 0xF) as u8;
    let count = 4 - mask.trailing_zeros() as usize;
    (0..count)
        .map(|i| {
            if i == 0 {
                first
            } else {
                (first & 0xE) | ((mask >> (4 - i)) & 1)
            }
        })
        .collect()
}

/// Whether an instruction may read memory as data: single, dual, exclusive and multiple
/// loads (POP included), TBB/TBH, VLDR/VLDM/VPOP (and, harmlessly, a few neighbours in the
/// encoding space such as PLD and two-register VMOV).
pub fn reads_memory(hw1: u16) -> bool {
    if is_wide(hw1) {
        // The L bit of the load/store multiple, dual, single and coprocessor groups.
        hw1 & 0x0010 != 0 && matches!(hw1 & 0xFE00, 0xE800 | 0xEC00 | 0xF800)
    } else {
        matches!(
            hw1 >> 11,
            0b01001 | 0b01101 | 0b01111 | 0b10001 | 0b10011 | 0b11001
        ) || (hw1 >> 12 == 0b0101 && (hw1 >> 9) & 7 >= 0b011)
            || hw1 & 0xFE00 == 0xBC00
    }
}

/// VDIV or VSQRT, which keep the FPU busy for `FP_DIV_CYCLES` (the next FPU instruction
/// waits for them; integer instructions do not).
pub fn is_fp_divide(hw1: u16, hw2: u16) -> bool {
    is_fpu(hw1, hw2)
        && hw1 & 0xFF00 == 0xEE00
        && hw2 & 0x10 == 0
        && match (hw1 >> 4) & 0b1011 {
            0b1000 => true,
            0b1011 => hw1 & 0xF == 0b0001 && hw2 & 0xC0 == 0xC0,
            _ => false,
        }
}

/// Whether an instruction is for the FPU (coprocessors 10 and 11), which CPACR gates.
pub fn is_fpu(hw1: u16, hw2: u16) -> bool {
    is_wide(hw1) && hw1 & 0xEC00 == 0xEC00 && (hw2 >> 9) & 7 == 0b101
}

/// The timing of the instruction starting with `hw1` (and `hw2` when 32-bit).
pub fn decode(hw1: u16, hw2: u16) -> Timing {
    if is_wide(hw1) {
        decode32(hw1, hw2)
    } else {
        decode16(hw1)
    }
}

fn regs(list: u16) -> u8 {
    list.count_ones() as u8
}

fn decode16(hw: u16) -> Timing {
    use Flow::{CondJump, Jump, Next};
    let load_store = |load: bool| t(2, if load { 2 } else { 1 }, Next);
    match hw >> 10 {
        // Shift, add, subtract, move, compare; data processing.
        0b000000..=0b010000 => t(2, 1, Next),
        // Special data processing and branch/exchange.
        0b010001 => {
            let op = (hw >> 8) & 3;
            let rd = ((hw >> 4) & 8) | (hw & 7);
            match op {
                3 => t(2, 1, Jump),
                0 | 2 if rd == 15 => t(2, 1, Jump),
                _ => t(2, 1, Next),
            }
        }
        // LDR (literal).
        0b010010 | 0b010011 => t(2, 2, Next),
        // Register-offset loads and stores: no overlap for stores either.
        0b010100..=0b010111 => t(2, 2, Next),
        // Immediate-offset word/byte/halfword and SP-relative: stores retire in 1.
        0b011000..=0b100111 => load_store(hw & (1 << 11) != 0),
        // ADR, ADD SP.
        0b101000..=0b101011 => t(2, 1, Next),
        0b101100..=0b101111 => misc16(hw),
        // LDM/STM: 1 + N.
        0b110000..=0b110011 => t(2, 1 + regs(hw & 0xFF), Next),
        0b110100..=0b110111 => match (hw >> 8) & 0xF {
            // UDF and SVC end the block through an exception.
            0xE | 0xF => t(2, 1, Next),
            _ => t(2, 1, CondJump),
        },
        // B (unconditional).
        _ => t(2, 1, Jump),
    }
}

fn misc16(hw: u16) -> Timing {
    use Flow::{CondJump, Jump, Next};
    if hw & 0xF500 == 0xB100 {
        return t(2, 1, CondJump); // CBZ, CBNZ
    }
    match (hw >> 9) & 7 {
        // PUSH: 1 + N (LR counts).
        0b010 => t(2, 1 + regs(hw & 0x1FF), Next),
        // POP: 1 + N, and a refill when PC is in the list.
        0b110 => t(
            2,
            1 + regs(hw & 0x1FF),
            if hw & 0x100 != 0 { Jump } else { Next },
        ),
        _ => t(2, 1, Next),
    }
}

fn decode32(hw1: u16, hw2: u16) -> Timing {
    use Flow::{CondJump, Jump, Next};
    let op1 = (hw1 >> 11) & 3;
    let op2 = (hw1 >> 4) & 0x7F;
    match op1 {
        0b01 if op2 & 0b110_0100 == 0 => {
            // LDM/STM/PUSH.W/POP.W: 1 + N, refill when loading PC.
            let load = hw1 & (1 << 4) != 0;
            let pc = load && hw2 & 0x8000 != 0;
            t(4, 1 + regs(hw2), if pc { Jump } else { Next })
        }
        0b01 if op2 & 0b110_0100 == 0b000_0100 => {
            if hw1 & 0xFFF0 == 0xE8D0 && hw2 & 0xFFE0 == 0xF000 {
                t(4, 2, Jump) // TBB, TBH: 2 + P
            } else if hw1 & 0xFFE0 == 0xE840 || (hw1 & 0xFFE0 == 0xE8C0 && hw2 & 0x00E0 == 0x0040) {
                t(4, 2, Next) // LDREX/STREX family, as LDR/STR
            } else {
                t(4, 3, Next) // LDRD, STRD: 1 + 2
            }
        }
        0b01 if op2 & 0b110_0000 == 0b010_0000 => t(4, 1, Next),
        0b01 | 0b11 if op2 & 0b100_0000 != 0 => fp(hw1, hw2),
        0b10 if hw2 & 0x8000 == 0 => t(4, 1, Next),
        0b10 => branch_misc(hw1, hw2),
        _ => {
            // op1 = 0b11 below the coprocessor space.
            if op2 & 0b111_0001 == 0 {
                // Stores: immediate forms retire in 1, the register-offset form takes 2.
                let reg_offset = hw1 & 0x0080 == 0 && hw2 & 0x0FC0 == 0;
                t(4, if reg_offset { 2 } else { 1 }, Next)
            } else if op2 & 0b110_0000 == 0 {
                // Loads; LDR to PC is a jump.
                let word = (hw1 >> 5) & 3 == 2;
                let pc = word && hw2 >> 12 == 15;
                t(4, 2, if pc { Jump } else { Next })
            } else if op2 & 0b111_1000 == 0b011_1000
                && matches!((hw1 >> 4) & 7, 0b001 | 0b011)
                && hw2 & 0xF0 == 0xF0
            {
                t(4, DIV_CYCLES, Next)
            } else {
                t(4, 1, Next) // data processing (register), multiplies, long multiplies
            }
        }
    }
    .with_cond(hw1, hw2, CondJump)
}

impl Timing {
    /// Marks a B<cond>.W as conditional (it decodes as a branch first).
    fn with_cond(self, hw1: u16, hw2: u16, cond: Flow) -> Timing {
        // The branch's address does not change its condition.
        if direct_branch(0, hw1, hw2).is_some_and(|(c, _)| c < 14) {
            Timing { flow: cond, ..self }
        } else {
            self
        }
    }
}

fn branch_misc(hw1: u16, hw2: u16) -> Timing {
    use Flow::{Jump, Next};
    match hw2 & 0x5000 {
        // B.W and BL.
        0x1000 | 0x5000 => t(4, 1, Jump),
        0x0000 if (hw1 >> 7) & 7 != 7 => t(4, 1, Next), // B<cond>.W, fixed up by with_cond
        0x0000 => match hw1 & 0xFFF0 {
            0xF380 | 0xF390 => t(4, MSR_CYCLES, Next),
            0xF3B0 if (hw2 >> 4) & 0xF == 0b0110 => t(4, ISB_CYCLES, Next),
            _ => t(4, 1, Next), // MRS, hints, DSB/DMB/CLREX, UDF.W
        },
        _ => t(4, 1, Next),
    }
}

fn fp(hw1: u16, hw2: u16) -> Timing {
    use Flow::Next;
    let coproc = (hw2 >> 8) & 0xE;
    if coproc != 0xA {
        return t(4, 1, Next); // not the FPU: undefined on this core
    }
    if hw1 & 0xFE00 == 0xEC00 {
        // VMOV between two core registers and two S / one D; VLDR, VSTR.
        return if hw1 & 0xFFE0 == 0xEC40 || hw1 & 0xFF20 == 0xED00 {
            t(4, 2, Next)
        } else {
            t(4, 1 + (hw2 & 0xFF) as u8, Next) // VLDM, VSTM, VPUSH, VPOP: 1 + N words
        };
    }
    if hw2 & 0x10 != 0 {
        return t(4, 1, Next); // VMOV core <-> S, VMRS, VMSR
    }
    let opc1 = (hw1 >> 4) & 0b1011;
    let cycles = match opc1 {
        0b0000 | 0b0001 | 0b1001 | 0b1010 => FP_MAC_CYCLES,
        _ => 1, // VDIV and VSQRT issue in 1 too: see `is_fp_divide`
    };
    t(4, cycles, Next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cost(hw1: u16, hw2: u16) -> (u8, u8, Flow) {
        let t = decode(hw1, hw2);
        (t.len, t.cycles, t.flow)
    }

    // Encodings from arm-none-eabi-as -mcpu=cortex-m4 -mfpu=fpv4-sp-d16; the source line is beside each.
    #[test]
    fn constants_the_decoder_follows() {
        let c = |pc, hw1, hw2| constant(pc, hw1, hw2);
        assert_eq!(c(0, 0xf24e, 0x2300), Some((3, Constant::Low(0xE200)))); // movw r3, #0xe200
        assert_eq!(c(4, 0xf2ce, 0x0300), Some((3, Constant::High(0xE000)))); // movt r3, #0xe000
        assert_eq!(c(8, 0xf241, 0x2b34), Some((11, Constant::Low(0x1234)))); // movw fp, #0x1234
        assert_eq!(c(0xc, 0xf8df, 0x9008), Some((9, Constant::Literal(0x18)))); // ldr.w r9, [pc, #8]
        assert_eq!(c(0x10, 0x4a01, 0), Some((2, Constant::Literal(0x18)))); // ldr r2, [pc, #4]
        assert_eq!(c(0, 0x2005, 0), None); // movs r0, #5
    }

    #[test]
    fn direct_branches_give_their_condition_and_target() {
        let b = |pc, hw1, hw2| direct_branch(pc, hw1, hw2);
        assert_eq!(b(0x100, 0xd0ff, 0), Some((0, 0x102))); // beq.n 0x102
        assert_eq!(b(0x102, 0xd1dd, 0), Some((1, 0xc0))); // bne.n 0xc0
        assert_eq!(b(0x104, 0xe3fb, 0), Some((14, 0x8fe))); // b.n 0x8fe
        assert_eq!(b(0x106, 0xe6fb, 0), Some((14, 0xffff_ff00))); // b.n 0xffffff00
        assert_eq!(b(0x108, 0xf30f, 0x87fa), Some((12, 0x10100))); // bgt.w 0x10100
        assert_eq!(b(0x10c, 0xf6ff, 0xaff6), Some((11, 0xfc))); // blt.w 0xfc
        assert_eq!(b(0x110, 0xf2ff, 0xbff6), Some((14, 0x30_0100))); // b.w 0x300100
        assert_eq!(b(0x114, 0xf7ff, 0xb7f4), Some((14, 0xffc0_0100))); // b.w 0xffc00100
        assert_eq!(b(0x118, 0xf000, 0xfff2), None); // bl 0x1100
        assert_eq!(b(0, 0xdf01, 0), None); // svc 1
        assert_eq!(b(0, 0xb108, 0), None); // cbz r0, .+6
    }

    #[test]
    fn multiple_loads_and_stores_continue_and_doubles_restart() {
        let continuing = [
            (0xb4ff, 0),      // push {r0-r7}
            (0xbcff, 0),      // pop {r0-r7}
            (0xc80e, 0),      // ldmia r0!, {r1-r3}
            (0xc00e, 0),      // stmia r0!, {r1-r3}
            (0xe92d, 0x4ff0), // push.w {r4-r11, lr}
            (0xe8bd, 0x8ff0), // pop.w {r4-r11, pc}
            (0xe910, 0x0006), // ldmdb r0, {r1, r2}
            (0xed2d, 0x8a10), // vpush {s16-s31}
            (0xecbd, 0x8a10), // vpop {s16-s31}
            (0xecb0, 0x0a04), // vldmia r0!, {s0-s3}
            (0xec80, 0x0a04), // vstmia r0, {s0-s3}
        ];
        for (hw1, hw2) in continuing {
            assert_eq!(midway(hw1, hw2), Some(Midway::Continue), "{hw1:#06x}");
        }
        for (hw1, hw2) in [(0xe9d2, 0x0102), (0xe8e2, 0x0102), (0xe972, 0x0102)] {
            // ldrd r0, r1, [r2, #8]; strd r0, r1, [r2], #8; ldrd r0, r1, [r2, #-8]!
            assert_eq!(midway(hw1, hw2), Some(Midway::Restart), "{hw1:#06x}");
        }
        // ldrex, tbb, vldr, vmov r0, r1, d0, ldr.
        for (hw1, hw2) in [
            (0xe851, 0x0f00),
            (0xe8df, 0xf000),
            (0xed90, 0x0a00),
            (0xec51, 0x0b10),
            (0x6808, 0),
        ] {
            assert_eq!(midway(hw1, hw2), None, "{hw1:#06x}");
        }
    }

    #[test]
    fn loads_read_memory_and_the_rest_do_not() {
        for hw1 in [
            0x4801, 0x6808, 0x7808, 0x8808, 0x9801, 0x5808, 0x5e08, 0xbc01, 0xc901,
        ] {
            assert!(reads_memory(hw1), "{hw1:#06x}");
        }
        for hw1 in [
            0x6008, 0x7008, 0x8008, 0x9001, 0x5008, 0xb401, 0xc101, 0x2005,
        ] {
            assert!(!reads_memory(hw1), "{hw1:#06x}");
        }
        // ldr.w, ldrd, ldm.w, tbb, vldr; str.w, strd, stm.w, vstr.
        for hw1 in [0xf8d0, 0xe9d0, 0xe8b0, 0xe8df, 0xed90] {
            assert!(reads_memory(hw1), "{hw1:#06x}");
        }
        for hw1 in [0xf8c0, 0xe9c0, 0xe8a0, 0xed80] {
            assert!(!reads_memory(hw1), "{hw1:#06x}");
        }
    }

    #[test]
    fn sixteen_bit_classes() {
        assert_eq!(cost(0x2005, 0), (2, 1, Flow::Next)); // movs r0, #5
        assert_eq!(cost(0x4348, 0), (2, 1, Flow::Next)); // muls r0, r1, r0
        assert_eq!(cost(0x4770, 0), (2, 1, Flow::Jump)); // bx lr
        assert_eq!(cost(0x46f7, 0), (2, 1, Flow::Jump)); // mov pc, lr
        assert_eq!(cost(0x4801, 0), (2, 2, Flow::Next)); // ldr r0, [pc, #4]
        assert_eq!(cost(0x5888, 0), (2, 2, Flow::Next)); // ldr r0, [r1, r2]
        assert_eq!(cost(0x5088, 0), (2, 2, Flow::Next)); // str r0, [r1, r2]
        assert_eq!(cost(0x6808, 0), (2, 2, Flow::Next)); // ldr r0, [r1]
        assert_eq!(cost(0x6008, 0), (2, 1, Flow::Next)); // str r0, [r1]
        assert_eq!(cost(0x8008, 0), (2, 1, Flow::Next)); // strh r0, [r1]
        assert_eq!(cost(0x9801, 0), (2, 2, Flow::Next)); // ldr r0, [sp, #4]
        assert_eq!(cost(0xb510, 0), (2, 3, Flow::Next)); // push {r4, lr}
        assert_eq!(cost(0xbd10, 0), (2, 3, Flow::Jump)); // pop {r4, pc}
        assert_eq!(cost(0xb108, 0), (2, 1, Flow::CondJump)); // cbz r0, .+6
        assert_eq!(cost(0xc90e, 0), (2, 4, Flow::Next)); // ldmia r1!, {r1, r2, r3}
        assert_eq!(cost(0xd1fd, 0), (2, 1, Flow::CondJump)); // bne.n .-2
        assert_eq!(cost(0xdf00, 0), (2, 1, Flow::Next)); // svc 0
        assert_eq!(cost(0xe7fe, 0), (2, 1, Flow::Jump)); // b .
        assert_eq!(cost(0xbf30, 0), (2, 1, Flow::Next)); // wfi
    }

    #[test]
    fn thirty_two_bit_classes() {
        assert_eq!(cost(0xf240, 0x0005), (4, 1, Flow::Next)); // movw r0, #5
        assert_eq!(cost(0xeb01, 0x0002), (4, 1, Flow::Next)); // add.w r0, r1, r2
        assert_eq!(cost(0xfb01, 0xf002), (4, 1, Flow::Next)); // mul.w r0, r1, r2
        assert_eq!(cost(0xfb91, 0xf0f2), (4, DIV_CYCLES, Flow::Next)); // sdiv r0, r1, r2
        assert_eq!(cost(0xfbb1, 0xf0f2), (4, DIV_CYCLES, Flow::Next)); // udiv r0, r1, r2
        assert_eq!(cost(0xfba1, 0x0102), (4, 1, Flow::Next)); // umull r0, r1, r1, r2
        assert_eq!(cost(0xf8d1, 0x0004), (4, 2, Flow::Next)); // ldr.w r0, [r1, #4]
        assert_eq!(cost(0xf8c1, 0x0004), (4, 1, Flow::Next)); // str.w r0, [r1, #4]
        assert_eq!(cost(0xf841, 0x0022), (4, 2, Flow::Next)); // str.w r0, [r1, r2, lsl #2]
        assert_eq!(cost(0xf8d1, 0xf004), (4, 2, Flow::Jump)); // ldr.w pc, [r1, #4]
        assert_eq!(cost(0xe9d1, 0x2300), (4, 3, Flow::Next)); // ldrd r2, r3, [r1]
        assert_eq!(cost(0xe8bd, 0x8010), (4, 3, Flow::Jump)); // pop.w {r4, pc}
        assert_eq!(cost(0xe92d, 0x41f0), (4, 7, Flow::Next)); // push.w {r4-r8, lr}
        assert_eq!(cost(0xe8df, 0xf001), (4, 2, Flow::Jump)); // tbb [pc, r1]
        assert_eq!(cost(0xf000, 0xb800), (4, 1, Flow::Jump)); // b.w
        assert_eq!(cost(0xf000, 0xf800), (4, 1, Flow::Jump)); // bl
        assert_eq!(cost(0xf040, 0x8000), (4, 1, Flow::CondJump)); // bne.w
        assert_eq!(cost(0xf381, 0x8811), (4, MSR_CYCLES, Flow::Next)); // msr basepri, r1
        assert_eq!(cost(0xf3ef, 0x8011), (4, 1, Flow::Next)); // mrs r0, basepri
        assert_eq!(cost(0xf3bf, 0x8f6f), (4, ISB_CYCLES, Flow::Next)); // isb sy
        assert_eq!(cost(0xf3bf, 0x8f4f), (4, 1, Flow::Next)); // dsb sy
        assert_eq!(cost(0xe851, 0x0f00), (4, 2, Flow::Next)); // ldrex r0, [r1]
    }

    #[test]
    fn floating_point_classes() {
        assert_eq!(cost(0xee30, 0x0a20), (4, 1, Flow::Next)); // vadd.f32 s0, s0, s1
        assert_eq!(cost(0xee20, 0x0a20), (4, 1, Flow::Next)); // vmul.f32 s0, s0, s1
        assert_eq!(cost(0xee00, 0x0a20), (4, FP_MAC_CYCLES, Flow::Next)); // vmla.f32 s0, s0, s1
        assert_eq!(cost(0xeea0, 0x0a20), (4, FP_MAC_CYCLES, Flow::Next)); // vfma.f32 s0, s0, s1
        assert_eq!(cost(0xee80, 0x0a20), (4, 1, Flow::Next)); // vdiv.f32 s0, s0, s1
        assert_eq!(cost(0xeeb1, 0x0ae0), (4, 1, Flow::Next)); // vsqrt.f32 s0, s1
        assert!(is_fp_divide(0xee80, 0x0a20) && is_fp_divide(0xeeb1, 0x0ae0));
        assert!(!is_fp_divide(0xee30, 0x0a20)); // vadd.f32 s0, s0, s1
        assert!(!is_fp_divide(0xeeb0, 0x0ae0)); // vabs.f32 s0, s1
        assert_eq!(cost(0xeeb0, 0x0a60), (4, 1, Flow::Next)); // vmov.f32 s0, s1
        assert_eq!(cost(0xee10, 0x0a10), (4, 1, Flow::Next)); // vmov r0, s0
        assert_eq!(cost(0xed91, 0x0a00), (4, 2, Flow::Next)); // vldr s0, [r1]
        assert_eq!(cost(0xed2d, 0x8a04), (4, 5, Flow::Next)); // vpush {s16-s19}
        assert_eq!(cost(0xeef1, 0xfa10), (4, 1, Flow::Next)); // vmrs APSR_nzcv, fpscr
    }

    #[test]
    fn divide_early_termination() {
        assert_eq!(div_cycles(100, 0, false), 2, "division by zero");
        assert_eq!(div_cycles(3, 7, false), 2, "quotient 0: nothing to produce");
        assert_eq!(div_cycles(7, 7, false), 3, "one quotient bit");
        assert_eq!(div_cycles(u32::MAX, 1, false), 10, "32 quotient bits");
        assert_eq!(
            div_cycles((-7i32) as u32, 2, true),
            4,
            "2 bits and a negative dividend"
        );
        assert_eq!(
            div_cycles(i32::MIN as u32, (-1i32) as u32, true),
            12,
            "the bound"
        );
        assert!(
            is_divide(0xfb91, 0xf0f2) && is_divide(0xfbb1, 0xf0f2) && !is_divide(0xfba1, 0x0102)
        );
    }

    #[test]
    fn it_blocks_and_conditions() {
        assert_eq!(it_conditions(0xbf08), [0x0]); // it eq
        assert_eq!(it_conditions(0xbf0c), [0x0, 0x1]); // ite eq
        assert_eq!(it_conditions(0xbfbc), [0xb, 0xb]); // itt lt
        assert_eq!(it_conditions(0xbf1b), [0x1, 0x1, 0x0, 0x1]); // ittet ne
        assert!(
            !is_it(0xbf00) && !is_it(0xbf30),
            "NOP and WFI are hints, not IT"
        );
        let z = 1 << 30;
        assert!(condition_passes(0x0, z) && !condition_passes(0x1, z));
        assert!(condition_passes(0xb, 1 << 31), "lt: N != V");
        assert!(!condition_passes(0xc, z), "gt needs Z clear");
        assert!(condition_passes(0xe, 0));
    }

    #[test]
    fn fpu_instructions_are_recognised() {
        assert!(is_fpu(0xee30, 0x0a20)); // vadd.f32 s0, s0, s1
        assert!(is_fpu(0xed91, 0x0a00)); // vldr s0, [r1]
        assert!(is_fpu(0xeef1, 0xfa10)); // vmrs APSR_nzcv, fpscr
        assert!(!is_fpu(0xf8d1, 0x0004)); // ldr.w r0, [r1, #4]
        assert!(!is_fpu(0xe92d, 0x41f0)); // push.w {r4-r8, lr}
        assert!(!is_fpu(0x2005, 0)); // movs r0, #5
    }

    #[test]
    fn literal_loads_and_what_they_read() {
        let pc = 0x0800_0202;
        assert_eq!(literal(pc, 0x4801, 0), Some((0x0800_0208, 4))); // ldr r0, [pc, #4]
        assert_eq!(literal(pc, 0xf8df, 0x0010), Some((0x0800_0214, 4))); // ldr.w r0, [pc, #16]
        assert_eq!(literal(pc, 0xf85f, 0x0004), Some((0x0800_0200, 4))); // ldr.w r0, [pc, #-4]
        assert_eq!(literal(pc, 0xf89f, 0x0008), Some((0x0800_020c, 1))); // ldrb.w r0, [pc, #8]
        assert_eq!(literal(pc, 0xf9bf, 0x0008), Some((0x0800_020c, 2))); // ldrsh.w r0, [pc, #8]
        assert_eq!(literal(pc, 0xe9df, 0x0102), Some((0x0800_020c, 8))); // ldrd r0, r1, [pc, #8]
        assert_eq!(literal(pc, 0xed9f, 0x0a02), Some((0x0800_020c, 4))); // vldr s0, [pc, #8]
        assert_eq!(literal(pc, 0xf89f, 0xf008), None); // pld [pc, #8]
        assert_eq!(literal(pc, 0x6808, 0), None); // ldr r0, [r1]
        assert_eq!(literal(pc, 0xf8d1, 0x0004), None); // ldr.w r0, [r1, #4]
    }

    #[test]
    fn refill_costs_one_more_for_an_unaligned_wide_target() {
        assert_eq!(refill(0x0800_0100, false), 1);
        assert_eq!(refill(0x0800_0102, false), 1);
        assert_eq!(refill(0x0800_0100, true), 1);
        assert_eq!(refill(0x0800_0102, true), 2);
    }
}
