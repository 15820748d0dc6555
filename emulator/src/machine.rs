//! The machine: Unicorn executing Thumb-2, with the timing model charging every block,
//! the bus answering MMIO, and Cortex-M exception entry and return done here.

use std::ffi::c_void;

use rustc_hash::FxHashMap;

use unicorn_engine::{
    uc_emu_stop, uc_engine, uc_error, uc_reg_read, Arch, ArmCpuModel, HookType, MemType, Mode,
    Prot, RegisterARM, Unicorn,
};

use crate::{
    art::{Art, LINE_BYTES},
    board::{Board, MemKind, PeripheralKind},
    elf::Image,
    error::UcResultExt,
    event::{Event, FaultReport, Outcome},
    peripherals::{gpio::Gpio, usart::Usart, Bus, Ctx, IrqLines},
    semihosting::{self, Effect, GuestMemory},
    system::{
        nvic::{self, cfsr, Fault, FaultTarget, THREAD_PRIORITY},
        SystemSpace,
    },
    timing::{self, Flow},
    EngineError, LoadError,
};

/// An address no code ever reaches, for Unicorn's `until`.
const NEVER: u64 = 0xFFFF_FFFE;
/// Exception entry from request to the handler's first instruction (TRM, zero wait states).
const ENTRY_CYCLES: u64 = 12;
/// Exception return, unstacking included.
const RETURN_CYCLES: u64 = 10;
/// From one handler's return to the next pending handler's first instruction.
const TAIL_CHAIN_CYCLES: u64 = 6;
/// Saving or restoring S0-S15 and FPSCR as part of an exception.
const FP_CONTEXT_CYCLES: u64 = 17;
/// Slots of `Sys::memo`.
const MEMO: usize = 1024;
/// EPSR with the Thumb bit and no IT state.
const EPSR_THUMB: u32 = 1 << 24;
/// The IT state's bits in EPSR (IT[1:0] at 26:25, IT[7:2] at 15:10).
const EPSR_IT: u32 = 0x0600_FC00;
/// An `STM32F4` peripheral space wide enough for APB1, APB2, AHB1 and AHB2.
const PERIPHERAL_RANGES: &[(u32, u32)] = &[(0x4000_0000, 0x0008_0000), (0x5000_0000, 0x0006_1000)];
/// Bit-band aliases (alias base, target base): each word of the 32 MiB alias is one bit of
/// the first MiB of the target (Cortex-M4 TRM, bit-banding).
const BITBAND: &[(u32, u32)] = &[(0x2200_0000, 0x2000_0000), (0x4200_0000, 0x4000_0000)];
const BITBAND_SIZE: u32 = 0x0200_0000;

const CORE_REGS: [RegisterARM; 17] = [
    RegisterARM::R0,
    RegisterARM::R1,
    RegisterARM::R2,
    RegisterARM::R3,
    RegisterARM::R4,
    RegisterARM::R5,
    RegisterARM::R6,
    RegisterARM::R7,
    RegisterARM::R8,
    RegisterARM::R9,
    RegisterARM::R10,
    RegisterARM::R11,
    RegisterARM::R12,
    RegisterARM::SP,
    RegisterARM::LR,
    RegisterARM::PC,
    RegisterARM::XPSR,
];
/// The registers of a basic exception frame, in stack order (pc and xpsr come after).
const FRAME_REGS: [RegisterARM; 6] = [
    RegisterARM::R0,
    RegisterARM::R1,
    RegisterARM::R2,
    RegisterARM::R3,
    RegisterARM::R12,
    RegisterARM::LR,
];
const FP_FRAME_REGS: [RegisterARM; 16] = [
    RegisterARM::S0,
    RegisterARM::S1,
    RegisterARM::S2,
    RegisterARM::S3,
    RegisterARM::S4,
    RegisterARM::S5,
    RegisterARM::S6,
    RegisterARM::S7,
    RegisterARM::S8,
    RegisterARM::S9,
    RegisterARM::S10,
    RegisterARM::S11,
    RegisterARM::S12,
    RegisterARM::S13,
    RegisterARM::S14,
    RegisterARM::S15,
];

/// How a run is set up.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    pub board: &'static Board,
    /// Charge instruction costs. Off, the machine runs at bare Unicorn speed and counts
    /// neither cycles nor instructions (for measuring what the timing model costs): it then
    /// runs until the guest exits or faults, without budgets, sleep or NOCP checks.
    pub timing: bool,
    /// Flash reads take the wait states FLASH_ACR.LATENCY asks for, behind the ART
    /// accelerator's prefetch buffer and caches as FLASH_ACR enables them (`art.rs`). Off,
    /// flash is as fast as SRAM whatever the firmware writes there.
    pub flash_wait_states: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            board: &crate::board::STM32F405,
            timing: true,
            flash_wait_states: false,
        }
    }
}

/// A RAM or flash buffer that Unicorn executes from and the timing model decodes from.
struct Memory {
    base: u32,
    alias: Option<u32>,
    kind: MemKind,
    buf: Box<[u8]>,
}

/// One translated block as the timing model sees it. The fields a block hook reads every
/// time come first, in this order, so a hot loop's hook touches little memory.
#[repr(C)]
struct Block {
    end: u32,
    /// The IT state the block starts in (EPSR.IT, 0 outside an IT block): a block can
    /// start inside one where a run was cut or an exception returns.
    it_entry: u8,
    /// Ends inside an IT block, so the next block starts in one.
    ends_in_it: bool,
    flow: Flow,
    /// The condition of its last instruction when that is a conditional branch which may go
    /// to the instruction after it: where the next block starts does not tell then whether
    /// it was taken, the flags do.
    fall_cond: Option<u8>,
    /// Ends with CPSIE or MSR, which may unmask a pending interrupt.
    unmasks: bool,
    /// Starts with a 32-bit instruction (its refill is longer when unaligned).
    first_wide: bool,
    /// Ends with WFI or WFE.
    sleeps: bool,
    /// Every probe is hooked: the block may run.
    armed: bool,
    /// The last instruction as the pipelining rules see it.
    last: timing::Access,
    cycles: u64,
    /// The first FPU instruction, which faults (NOCP) while CPACR denies the FPU.
    fpu_at: Option<u32>,
    /// The first FPU instruction's offset: it waits for a VDIV/VSQRT still running from an
    /// earlier block.
    fp_first: Option<u16>,
    /// Cycles a VDIV/VSQRT of this block keeps the FPU busy after the block's end.
    fp_tail: u16,
    /// The bytes decoded, kept for blocks in RAM, where code can change.
    bytes: Option<Box<[u8]>>,
    /// Offset and cost of each instruction, for timestamps in the middle of the block.
    insns: Vec<(u16, u8)>,
    /// For each instruction, how many flash lines it may read as data (each may wait for the
    /// flash when it has wait states), and their sum: what a block may cost beyond its table
    /// cost, for cutting it at an event (divides are charged their most and a failing
    /// condition only costs less).
    reads: Vec<u8>,
    reads_total: u64,
    /// Divides an IT governs: Unicorn cannot stop inside an IT block, so an interrupt never
    /// abandons them.
    held: Vec<u32>,
    /// Instructions an interrupt may stop part-way (`timing::midway`), outside IT blocks.
    midway: Vec<(u16, timing::Midway)>,
    /// Instructions right after a store that may make an interrupt takeable or schedule a
    /// peripheral event (through a peripheral or system address the block formed itself, or
    /// one seen writing a peripheral before: `Sys::learned`): each is probed, and the block
    /// stops there if it must. (`CPSIE` and `MSR` need no watching: Unicorn ends a block
    /// after them.)
    watch: Vec<u32>,
    /// The first instruction as the pipelining rules see it, and its table cost: it may
    /// pipeline with the last instruction of the block before when that one fell through.
    first: (timing::Access, u8),
    /// How many stores were learned (`Sys::learned`) when the block was decoded.
    learned_before: u32,
    /// Instructions whose cost depends on run-time values (`timing::is_dynamic`), and
    /// watched ones (`watch`): each gets a code hook.
    probes: Vec<u32>,
    /// For a block in flash, each flash line its instructions occupy, in order: the line,
    /// the offset of the first instruction that needs it, and the table cycles before that.
    lines: Vec<(u32, u16, u16)>,
}

/// What ran right before a block, for the costs that span two blocks.
// Word-sized fields: written once per block, an odd-sized copy of it stalled on store
// forwarding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
enum Before {
    /// Nothing the block's cost depends on: reset, exception entry or return, a fault.
    Nothing,
    /// A branch, whose refill the block pays when it was taken.
    Branch { fall: u32, taken: Taken },
    /// A block that fell through into this one (Unicorn also ends blocks at 1 KiB pages):
    /// its last instruction, which may pipeline with this block's first.
    Fell(timing::Access),
}

/// How the block after a branch knows whether the branch was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u16)]
enum Taken {
    /// It always is (B, BL, BX, POP {pc}, ...).
    Always,
    /// Unless the block starts where the branch falls through to.
    Elsewhere,
    /// It may go where it falls through to (`Block::fall_cond`): when that is where the
    /// block starts, the branch was taken if its condition holds on the flags.
    If(u8),
}

/// A slot of `Sys::memo`: the block last looked up at an address in it.
#[derive(Clone, Copy)]
struct Memo {
    addr: u32,
    index: u32,
    shortcut: Option<Shortcut>,
}

impl Memo {
    const EMPTY: Memo = Memo {
        addr: u32::MAX,
        index: 0,
        shortcut: None,
    };

    fn found(addr: u32, index: u32) -> Memo {
        Memo {
            addr,
            index,
            shortcut: None,
        }
    }
}

/// The slot of `Sys::memo` for the block at `addr`.
fn memo_slot(addr: u32) -> usize {
    (addr as usize >> 1) % MEMO
}

/// What entering a block cost the last time, when nothing but what ran before it decided
/// that (no probe, no FPU access check, no flash, no interrupt to look at): entered again
/// after the same, it costs the same, and its hook only adds it up.
#[derive(Clone, Copy)]
struct Shortcut {
    /// The block that ran before it then (an index into `Sys::blocks`). Inside a run,
    /// `Sys::before` is what the block before left, so this names it with one compare.
    pred: u32,
    /// What that block left (checked against `Sys::before` in debug builds).
    entry: Before,
    end: u32,
    /// The refill it paid before its first instruction.
    refill: u32,
    cycles: u32,
    count: u32,
    /// What it leaves for the block after it.
    after: Before,
}

/// A block whose shortcut applied right after itself (a loop of one block): until anything
/// but its own block hook runs, each further run of it is only counted, and `Sys::settle`
/// adds up what those runs cost before anything looks at the time.
#[derive(Clone, Copy)]
struct Repeat {
    /// The block's address and size as its hook gets them, or `NO_REPEAT`.
    key: u64,
    /// Runs counted, and how many fit before `stop_at`.
    runs: u32,
    limit: u32,
    /// What one run adds: its cycles with its refill, its instructions, and its cycles
    /// without the refill.
    per: u32,
    count: u32,
    cycles: u32,
}

/// `Repeat::key` when no block repeats: no hook's address and size give it.
const NO_REPEAT: u64 = u64::MAX;

impl Repeat {
    const NONE: Repeat = Repeat {
        key: NO_REPEAT,
        runs: 0,
        limit: 0,
        per: 0,
        count: 0,
        cycles: 0,
    };
}

/// Where a block about to run must stop for the next peripheral event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cut {
    /// Run it up to this instruction.
    At(u32),
    /// Its first instruction would be under way at the event, and may be stopped there.
    Midway(timing::Midway),
}

/// Why Unicorn stopped, as the hooks saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// The cycle budget or a peripheral event is due.
    Due,
    /// An MMIO access changed interrupt state.
    Recheck,
    Svc,
    ExceptionReturn(u32),
    Fault {
        fault: Fault,
        pc: u32,
        cause: FaultCause,
    },
    Exit(i32),
    /// A semihosting read with the BKPT still to be retried.
    WaitForInput,
    Breakpoint {
        pc: u32,
        imm: u8,
    },
    /// The block at this address has dynamic-cost instructions without their probes yet.
    Probe(u32),
    /// The next peripheral event falls inside the block about to run (start, address):
    /// run it only up to the instruction that starts at or after the event.
    Split(u32, u32),
    /// A watched instruction found an interrupt to take or an event to cut the block at:
    /// the block stopped before it, to go on from there.
    Resume(u32),
    /// The next peripheral event falls while the instruction at `at`, which an interrupt
    /// may stop part-way, runs: if the event brings an interrupt that may be taken, the
    /// instruction is stopped at the event.
    Midway {
        at: u32,
        kind: timing::Midway,
    },
    /// A peripheral event falls while the divide at `at` runs: if it brings an interrupt
    /// that may be taken, the divide is abandoned at the event.
    Abandon {
        at: u32,
        event: u64,
    },
    /// The block about to run has an FPU instruction at this address, and CPACR denies the
    /// FPU or a lazily reserved FP context must be saved first.
    Fpu(u32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FaultCause {
    Read(u32),
    Write(u32),
    Fetch(u32),
    Undefined,
    Fpu,
    Other(u32),
}

/// Everything the hooks reach: it lives inside Unicorn as its user data.
struct Sys {
    board: &'static Board,
    timing: bool,
    cycles: u64,
    instructions: u64,
    bus: Bus,
    scs: SystemSpace,
    events: Vec<Event>,
    irqs: IrqLines,
    memory: Vec<Memory>,
    /// Every block decoded, and where each start address's block is: a block hook looks its
    /// block up with one small hash lookup.
    blocks: Vec<Block>,
    index: FxHashMap<u32, u32>,
    /// The last block looked up at each of `MEMO` slots (by address): the hash lookup is
    /// skipped for the blocks of a hot loop, and most of their hooks take a shortcut.
    memo: Box<[Memo; MEMO]>,
    /// The index of the block running now (the one `block` names).
    current: usize,
    /// What ran right before the next block.
    before: Before,
    /// The block being executed and the cycle it started at.
    block: (u32, u64),
    stop_at: u64,
    /// The next peripheral event (a counter wrapping, SysTick reaching zero): a block it
    /// falls inside is cut there, so an interrupt is taken at the exact instruction.
    event_at: Option<u64>,
    /// An MMIO write in the current block brought the next event forward.
    event_moved: bool,
    stop: Option<Stop>,
    /// The last block may have unmasked interrupts.
    unmasked: bool,
    /// Instructions with a probe hook installed.
    probed: rustc_hash::FxHashSet<u32>,
    /// Corrections the probes made in the current block: (instruction, cycles).
    adjusts: Vec<(u32, i64)>,
    /// Stores seen writing a peripheral through an address their block did not form itself,
    /// each with how many were learned before it: the blocks holding them are decoded
    /// again, watching the instruction after each, so from their next run on what such a
    /// store pends is taken at the next instruction.
    learned: FxHashMap<u32, u32>,
    /// Until when a VDIV/VSQRT of an earlier block keeps the FPU busy.
    fp_busy_until: Option<u64>,
    /// An instruction an interrupt stopped part-way, to continue after it: its address and
    /// the cycles it had run, which it does not pay again.
    done_before: Option<(u32, u64)>,
    /// The next block may start inside an IT block: its hook reads the IT state (only the
    /// first block of a run, where a cut or an exception return may leave one, and a block
    /// after one that ends inside an IT block).
    it_check: bool,
    /// `quiet` holds and the block that ran last was entered in this run: the next block's
    /// hook may take its shortcut. Made false by all that may make `quiet` false inside a
    /// run (a block entered, a stop asked for, a watched call) and at each run's start.
    calm: bool,
    /// The block that ran last, repeating, while nothing else runs.
    repeat: Repeat,
    /// The block that ran last ends with WFI/WFE: where Unicorn stops after it.
    wfi_end: Option<u32>,
    access_pc: u32,
    reported: std::collections::HashSet<u32>,
    semihost: semihosting::Host,
    /// The running block's flash lines not asked for yet (an index into its `lines`): each
    /// is asked for when the cycle its instruction starts at is known, dynamic costs before
    /// it included.
    lines_due: usize,
    /// The flash accelerator with FLASH_ACR's address, when flash has wait states.
    art: Option<(Art, u32)>,
    /// Call probes by instruction address.
    call_probes: FxHashMap<u32, ProbeAt>,
    /// A watched call instruction ran: the callee's identity, until its first block starts.
    call_pending: Option<u32>,
}

/// Measures the calls one call instruction (BL or BLX) makes, without adding a cycle: the
/// emulator reports [`Event::Call`] when the callee's first instruction starts (after the
/// call's refill) and [`Event::Return`] when the caller resumes (after the return's
/// refill), so the difference is exactly what the callee's instructions cost.
#[derive(Clone, Debug)]
pub struct CallProbe {
    /// The call instruction.
    pub call: u32,
    /// Where the caller resumes: the instruction after the call, and any other place a
    /// non-local return (an exception) lands.
    pub resumes: Vec<u32>,
    /// The callee's identity: register `id_reg` at the call, then the word at each offset
    /// of `id_path` in turn (0 if unreadable).
    pub id_reg: usize,
    pub id_path: Vec<u32>,
}

#[derive(Clone, Debug)]
enum ProbeAt {
    Call { reg: usize, path: Vec<u32> },
    Resume,
}

impl Sys {
    fn mem_slice(&self, addr: u32, len: usize) -> Option<&[u8]> {
        self.memory.iter().find_map(|m| {
            [Some(m.base), m.alias]
                .into_iter()
                .flatten()
                .find_map(|base| {
                    let off = addr.checked_sub(base)? as usize;
                    m.buf.get(off..off + len)
                })
        })
    }

    fn halfword(&self, addr: u32) -> u16 {
        self.mem_slice(addr, 2)
            .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]))
    }

    /// Where flash appears (its base and its alias) and its size.
    fn flash_ranges(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.memory
            .iter()
            .filter(|m| m.kind == MemKind::Flash)
            .flat_map(|m| {
                let size = m.buf.len() as u32;
                [Some(m.base), m.alias]
                    .into_iter()
                    .flatten()
                    .map(move |base| (base, size))
            })
    }

    /// The offset of `addr` in flash (through its base or its alias).
    fn flash_offset(&self, addr: u32) -> Option<u32> {
        self.flash_ranges().find_map(|(base, size)| {
            let off = addr.checked_sub(base)?;
            (off < size).then_some(off)
        })
    }

    fn in_ram(&self, addr: u32) -> bool {
        self.memory
            .iter()
            .any(|m| m.kind != MemKind::Flash && addr.wrapping_sub(m.base) < m.buf.len() as u32)
    }

    fn decode_block(&self, addr: u32, size: u32, it_entry: u8) -> Block {
        let mut insns = Vec::new();
        let mut reads = Vec::new();
        let mut held = Vec::new();
        let mut midway = Vec::new();
        let mut watch = Vec::new();
        let mut watch_next = false;
        // Registers holding a constant the block put there (a literal, MOVW/MOVT).
        let mut known = [None::<u32>; 16];
        // The table cycle at which the FPU is free of this block's VDIV/VSQRT.
        let mut fp_free = 0u64;
        let mut fp_first = None;
        let mut cycles = 0u64;
        let mut flow = Flow::Next;
        let mut off = 0u32;
        let mut unmasks = false;
        let mut fpu_at = None;
        let mut sleeps = false;
        let mut prev = timing::Access::Other;
        let mut probes = Vec::new();
        // The conditions of the IT block under way, and how many are still to come.
        let mut it_conds = if it_entry == 0 {
            Vec::new()
        } else {
            timing::it_conditions(0xBF00 | u16::from(it_entry))
        };
        let mut in_it = it_conds.len();
        let mut fall_cond = None;
        let mut first = (timing::Access::Other, 1);
        // The probe of an IT in this block (an index into `probes`) and whether it has work:
        // it charges each instruction the IT governs that fails its condition 1 cycle, which
        // changes nothing where each of them in this block costs 1 anyway. Every code hook
        // makes each probe call slower (Unicorn looks through all of them), so it is dropped.
        let mut it_probe: Option<(usize, bool)> = None;
        let flash = self.flash_offset(addr).map(|o| o.wrapping_sub(addr));
        let mut lines: Vec<(u32, u16, u16)> = Vec::new();
        while off < size {
            let hw1 = self.halfword(addr + off);
            let hw2 = self.halfword(addr + off + 2);
            let mut t = timing::decode(hw1, hw2);
            if timing::is_dynamic(hw1, hw2) {
                probes.push(addr + off);
            }
            // Unicorn cannot stop inside an IT block: nothing an IT governs is watched or
            // stopped part-way.
            if let Some(m) = timing::midway(hw1, hw2).filter(|_| in_it == 0) {
                midway.push((off as u16, m));
            }
            if std::mem::take(&mut watch_next) && in_it == 0 {
                watch.push(addr + off);
                if probes.last() != Some(&(addr + off)) {
                    probes.push(addr + off);
                }
            }
            let governed = in_it > 0;
            let branch = timing::direct_branch(addr + off, hw1, hw2);
            let cond = if governed {
                it_conds.get(it_conds.len() - in_it).copied()
            } else {
                branch.map(|(c, _)| c).filter(|&c| c < 14)
            };
            let next = addr + off + u32::from(t.len);
            fall_cond = cond.filter(|_| branch.is_none_or(|(_, to)| to == next));
            // A branch an IT governs may fail: it is conditional like B<cond>.
            if in_it > 0 {
                in_it -= 1;
                if timing::is_divide(hw1, hw2) {
                    held.push(addr + off);
                }
                if t.flow == Flow::Jump {
                    t.flow = Flow::CondJump;
                }
            }
            if timing::is_it(hw1) {
                it_conds = timing::it_conditions(hw1);
                in_it = it_conds.len();
                let watched = watch.last() == Some(&(addr + off));
                it_probe = Some((probes.len() - 1, watched));
            }
            let access = timing::access(hw1, hw2);
            if off == 0 {
                first = (access, t.cycles);
            }
            let mut cost = (t.cycles as i8 + timing::pipeline(prev, access)).max(1) as u8;
            if timing::is_fpu(hw1, hw2) {
                fp_first.get_or_insert(off as u16);
                let wait = fp_free.saturating_sub(cycles);
                cost += wait as u8;
                if timing::is_fp_divide(hw1, hw2) {
                    fp_free = cycles + wait + u64::from(timing::FP_DIV_CYCLES);
                }
            }
            if governed {
                if let Some((_, needed)) = it_probe.as_mut() {
                    *needed |= cost != 1;
                }
                if in_it == 0 {
                    drop_idle_probe(&mut probes, it_probe.take());
                }
            }
            prev = access;
            if fpu_at.is_none() && timing::is_fpu(hw1, hw2) {
                fpu_at = Some(addr + off);
            }
            sleeps =
                matches!(hw1, 0xBF30 | 0xBF20) || (hw1 == 0xF3AF && matches!(hw2, 0x8002 | 0x8003));
            unmasks |= hw1 == 0xB662 || hw1 & 0xFFF0 == 0xF380;
            watch_next = self.follow_constants(&mut known, addr + off, hw1, hw2, access)
                || self.learned.contains_key(&(addr + off));
            if let Some(to_flash) = flash {
                // Both halves of a 32-bit instruction must have been fetched.
                for a in [addr + off, addr + off + u32::from(t.len) - 2] {
                    let line = a.wrapping_add(to_flash) / LINE_BYTES;
                    if lines.last().is_none_or(|l| l.0 != line) {
                        lines.push((line, off as u16, cycles as u16));
                    }
                }
            }
            insns.push((off as u16, cost));
            // An access of 4 bytes per cycle at most, over lines of 16 bytes.
            reads.push(if timing::reads_memory(hw1) {
                cost / 4 + 2
            } else {
                0
            });
            cycles += u64::from(cost);
            flow = t.flow;
            off += u32::from(t.len);
        }
        drop_idle_probe(&mut probes, it_probe);
        let bytes = self.in_ram(addr).then(|| {
            self.mem_slice(addr, size as usize)
                .unwrap_or_default()
                .into()
        });
        Block {
            insns,
            reads_total: reads.iter().map(|&r| u64::from(r)).sum(),
            reads,
            fp_first,
            fp_tail: fp_free.saturating_sub(cycles) as u16,
            held,
            midway,
            watch,
            it_entry,
            ends_in_it: in_it > 0,
            cycles,
            flow,
            fall_cond: fall_cond.filter(|_| flow == Flow::CondJump),
            end: addr + off,
            unmasks,
            first_wide: timing::is_wide(self.halfword(addr)),
            first,
            last: prev,
            fpu_at,
            sleeps,
            armed: probes.iter().all(|a| self.probed.contains(a)),
            learned_before: self.learned.len() as u32,
            probes,
            bytes,
            lines,
        }
    }

    /// Follows the constants an instruction puts in registers; `true` if it is a store through
    /// a register that holds a peripheral or system address.
    fn follow_constants(
        &self,
        known: &mut [Option<u32>; 16],
        pc: u32,
        hw1: u16,
        hw2: u16,
        access: timing::Access,
    ) -> bool {
        use timing::{Access, Constant};
        let before = *known;
        match access {
            Access::Store {
                addr: [base, _], ..
            } => {
                return known
                    .get(usize::from(base))
                    .copied()
                    .flatten()
                    .is_some_and(|a| (0x4000_0000..0x6000_0000).contains(&a) || a >= 0xE000_0000);
            }
            Access::Alu { rd } | Access::Load { rt: rd, .. } => {
                if let Some(r) = known.get_mut(usize::from(rd)) {
                    *r = None;
                }
            }
            Access::Other => {}
        }
        if let Some((rd, c)) = timing::constant(pc, hw1, hw2) {
            let old = before[usize::from(rd)];
            known[usize::from(rd)] = match c {
                Constant::Literal(at) => self
                    .mem_slice(at, 4)
                    .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])),
                Constant::Low(v) => Some(u32::from(v)),
                Constant::High(v) => old.map(|o| o & 0xFFFF | u32::from(v) << 16),
            };
        }
        false
    }

    /// The block at `addr` starting in IT state `it`, decoded once (and again if code in RAM
    /// changed under it).
    #[inline]
    fn block(&mut self, addr: u32, size: u32, it: u8) -> usize {
        let slot = memo_slot(addr);
        let Memo {
            addr: at, index: i, ..
        } = self.memo[slot];
        if at == addr {
            let b = &self.blocks[i as usize];
            // A block in flash (no bytes kept) cannot change.
            if b.end == addr + size && b.it_entry == it && b.bytes.is_none() {
                return i as usize;
            }
        }
        self.block_slow(addr, size, it, slot)
    }

    /// [`Sys::block`] for a block not memoised, in RAM, or to decode.
    #[cold]
    #[inline(never)]
    fn block_slow(&mut self, addr: u32, size: u32, it: u8, slot: usize) -> usize {
        let i = match self.memo[slot] {
            Memo {
                addr: at, index, ..
            } if at == addr => Some(index as usize),
            _ => self.index.get(&addr).map(|&i| {
                self.memo[slot] = Memo::found(addr, i);
                i as usize
            }),
        };
        let fresh = i.is_some_and(|i| {
            let b = &self.blocks[i];
            b.end == addr + size
                && b.it_entry == it
                && b.bytes
                    .as_deref()
                    .is_none_or(|bytes| Some(bytes) == self.mem_slice(addr, size as usize))
        });
        match i {
            Some(i) if fresh => i,
            Some(i) => {
                self.blocks[i] = self.decode_block(addr, size, it);
                // Shortcuts recorded after the old block assumed what it left.
                for m in self.memo.iter_mut() {
                    m.shortcut = None;
                }
                i
            }
            None => {
                let i = self.blocks.len();
                self.blocks.push(self.decode_block(addr, size, it));
                self.index.insert(addr, i as u32);
                self.memo[slot] = Memo::found(addr, i as u32);
                i
            }
        }
    }

    /// The block decoded at `addr`, if any.
    fn decoded(&self, addr: u32) -> Option<&Block> {
        self.index.get(&addr).map(|&i| &self.blocks[i as usize])
    }

    /// The block running now (or that ran last).
    fn running(&self) -> Option<&Block> {
        self.blocks.get(self.current)
    }

    /// Where to cut the block at `addr` about to start now, if the next peripheral event
    /// may fall inside it: the first instruction that may start at or after the event (an
    /// instruction under way completes first, its wait for a flash line included). Where
    /// costs are only known as the block runs (divides, failing IT conditions, data read
    /// from flash), each instruction is assumed to cost its most, so the cut may come early:
    /// the rest of the block is then looked at again from there, knowing the cycles exactly.
    #[inline]
    fn split_at(&self, addr: u32, i: usize) -> Option<Cut> {
        let event = self.event_at?;
        let b = &self.blocks[i];
        let wait = self.art.as_ref().map_or(0, |(art, _)| art.wait_states());
        let most = b.cycles + (wait + 1) * b.lines.len() as u64 + wait * b.reads_total;
        if !self.timing || event <= self.cycles || event >= self.cycles + most {
            return None;
        }
        self.cut_point(addr, b, event, wait)
    }

    /// [`Sys::split_at`] once the event may fall inside block `b`. An instruction the event
    /// may fall inside that an interrupt can stop part-way is cut before, to be looked at
    /// first in the next block, where its timing is exact.
    #[cold]
    #[inline(never)]
    fn cut_point(&self, addr: u32, b: &Block, event: u64, wait: u64) -> Option<Cut> {
        let mut fetches = Vec::new();
        if let Some((art, _)) = &self.art {
            line_stalls(&mut art.clone(), b, self.cycles, |off, stall| {
                fetches.push((off, stall));
            });
        }
        let mut fetches = fetches.into_iter().peekable();
        let mut at = self.cycles;
        for (k, (&(off, cost), &reads)) in b.insns.iter().zip(&b.reads).enumerate() {
            if at >= event {
                return (k > 0).then_some(Cut::At(addr + u32::from(off)));
            }
            while let Some((_, stall)) = fetches.next_if(|&(o, _)| o == off) {
                at += stall;
            }
            let exact_end = at + u64::from(cost);
            at = exact_end + wait * u64::from(reads);
            let Some(&(_, kind)) = b.midway.iter().find(|(o, _)| *o == off) else {
                continue;
            };
            if k > 0 && at > event {
                return Some(Cut::At(addr + u32::from(off)));
            }
            if k == 0 && exact_end > event {
                return Some(Cut::Midway(kind));
            }
        }
        None
    }

    /// The cycle at which the instruction at `pc` in the current block starts.
    fn cycle_at(&self, pc: u32) -> u64 {
        let (start, at) = self.block;
        let Some(b) = self.running().filter(|_| self.timing) else {
            return self.cycles;
        };
        let table: u64 = b
            .insns
            .iter()
            .take_while(|(off, _)| start + u32::from(*off) < pc)
            .map(|(_, c)| u64::from(*c))
            .sum();
        let dynamic: i64 = self
            .adjusts
            .iter()
            .filter(|(a, _)| *a < pc)
            .map(|(_, d)| d)
            .sum();
        (at + table).saturating_add_signed(dynamic)
    }

    /// The instructions from `first` on, governed by an IT with `conditions` and the
    /// `flags`: each one in the current block whose condition fails still takes a cycle,
    /// and only one (the rest of the block, if any, charges its own).
    fn fail_conditions(&mut self, first: u32, conditions: &[u8], flags: u32) {
        let mut pc = first;
        for &cond in conditions {
            if !timing::condition_passes(cond, flags) {
                if let Some(charged) = self.charged(pc) {
                    self.adjust(pc, 1 - i64::from(charged));
                }
            }
            pc += u32::from(timing::decode(self.halfword(pc), self.halfword(pc + 2)).len);
        }
    }

    /// Corrects the cost of the instruction at `at` by `delta` cycles (a probe, pipelining
    /// across blocks, a flash load's stall): the instructions after it move.
    fn adjust(&mut self, at: u32, delta: i64) {
        self.cycles = self.cycles.saturating_add_signed(delta);
        self.adjusts.push((at, delta));
    }

    /// The table cost charged for the instruction at `at` in the current block.
    fn charged(&self, at: u32) -> Option<u8> {
        let (start, _) = self.block;
        let b = self.running()?;
        b.insns
            .iter()
            .find(|(off, _)| start + u32::from(*off) == at)
            .map(|(_, c)| *c)
    }

    /// Nothing but what ran before the next block decides what its hook does: no stop
    /// asked for, no interrupt to look at, no IT state, no watched call starting, no
    /// part-way instruction to finish. (A VDIV still running leaves a block without FPU
    /// instructions alone, and shortcuts are only recorded without flash wait states.)
    #[inline]
    fn quiet(&self) -> bool {
        self.stop.is_none()
            && !self.unmasked
            && !self.it_check
            && self.call_pending.is_none()
            && self.done_before.is_none()
    }

    /// Charges the block at `addr` as its memo's shortcut says, if it applies and the block
    /// ends before the run must stop (never after the next event: `stop_at` is at or before
    /// it).
    #[inline]
    fn shortcut(&mut self, addr: u32, size: u32) -> bool {
        let m = &self.memo[memo_slot(addr)];
        let Some(s) = m.shortcut else {
            return false;
        };
        let start = self.cycles + u64::from(s.refill);
        let end = start + u64::from(s.cycles);
        let pred = s.pred as usize == self.current;
        if !self.calm || m.addr != addr || s.end != addr + size || !pred || end >= self.stop_at {
            return false;
        }
        debug_assert!(self.quiet() && s.entry == self.before);
        let index = m.index;
        self.current = index as usize;
        self.block = (addr, start);
        self.cycles = end;
        self.instructions += u64::from(s.count);
        self.before = s.after;
        self.adjusts.clear();
        self.event_moved = false;
        self.wfi_end = None;
        if s.pred == index {
            // It ran after itself, so it will again if nothing else runs: count its runs
            // from here on. The runs that fit before `stop_at` are bounded by dividing by
            // the power of two at or above one run's cycles (no division per repeat); when
            // they are used up, the shortcut starts a new count.
            let per = s.refill + s.cycles;
            let shift = u32::BITS - per.saturating_sub(1).leading_zeros();
            self.repeat = Repeat {
                key: u64::from(addr) | u64::from(size) << 32,
                runs: 0,
                limit: ((self.stop_at - 1 - end) >> shift).min(u64::from(u32::MAX)) as u32,
                per,
                count: s.count,
                cycles: s.cycles,
            };
        }
        true
    }

    /// Adds up the runs of the repeating block, and ends its count: every hook but the
    /// block hook's count starts with this.
    #[inline]
    fn settle(&mut self) {
        if self.repeat.key != NO_REPEAT {
            let r = std::mem::replace(&mut self.repeat, Repeat::NONE);
            if r.runs != 0 {
                let runs = u64::from(r.runs);
                self.cycles += runs * u64::from(r.per);
                self.instructions += runs * u64::from(r.count);
                self.block.1 = self.cycles - u64::from(r.cycles);
            }
        }
    }

    /// Whether the block about to run at `addr` pays a refill only if the flags say the
    /// branch before it was taken.
    fn refill_by_flags(&self, addr: u32) -> bool {
        matches!(self.before, Before::Branch { fall, taken: Taken::If(_) } if fall == addr)
    }

    /// Charges the block about to run, which starts in IT state `it` (the NZCV `flags` are
    /// only looked at where `refill_by_flags`), when its shortcut did not apply, and records
    /// the shortcut where it may apply next time; `false` stops before the block runs.
    #[inline(never)]
    fn enter(&mut self, addr: u32, size: u32, it: u8, flags: u32) -> bool {
        // What the block before still had to fetch.
        self.fetch_lines_upto(u32::MAX);
        let (pred, entry, from) = (self.current as u32, self.before, self.cycles);
        let quiet = self.quiet() && self.art.is_none() && !self.refill_by_flags(addr);
        self.calm = false;
        if self.stop.is_some() {
            self.wfi_end = None;
            return false;
        }
        let i = self.block(addr, size, it);
        self.wfi_end = None;
        let b = &self.blocks[i];
        let (cycles, count, flow, end, unmasks, first_wide, fpu_at) = (
            b.cycles,
            b.insns.len() as u64,
            b.flow,
            b.end,
            b.unmasks,
            b.first_wide,
            b.fpu_at,
        );
        let (sleeps, armed, last, fp_tail, fall_cond) =
            (b.sleeps, b.armed, b.last, b.fp_tail, b.fall_cond);
        self.it_check = b.ends_in_it;
        // The refill is charged once, even when the run stops before the block.
        if let Before::Branch { fall, taken } = self.before {
            let taken = match taken {
                Taken::Always => true,
                Taken::Elsewhere => addr != fall,
                Taken::If(cond) => addr != fall || timing::condition_passes(cond, flags),
            };
            if taken {
                self.cycles += u64::from(timing::refill(addr, first_wide));
            }
            self.before = Before::Nothing;
        }
        if self.cycles >= self.stop_at {
            self.halt(Stop::Due);
            return false;
        }
        if std::mem::take(&mut self.unmasked) && self.scs.nvic.any_pending() {
            self.halt(Stop::Recheck);
            return false;
        }
        if !armed {
            self.halt(Stop::Probe(addr));
            return false;
        }
        let nvic = &self.scs.nvic;
        if let Some(at) = fpu_at.filter(|_| !nvic.fpu_enabled() || nvic.lazy_pending().is_some()) {
            self.halt(Stop::Fpu(at));
            return false;
        }
        match self.split_at(addr, i) {
            Some(Cut::At(at)) => {
                self.halt(Stop::Split(addr, at));
                return false;
            }
            Some(Cut::Midway(kind)) => {
                self.halt(Stop::Midway { at: addr, kind });
                return false;
            }
            None => {}
        }
        self.unmasked = unmasks;
        if sleeps {
            self.wfi_end = Some(end);
        }
        self.block = (addr, self.cycles);
        self.current = i;
        self.event_moved = false;
        if let Some(id) = self.call_pending.take() {
            self.call_starts(id);
        }
        self.adjusts.clear();
        self.cycles += cycles;
        if let Some((at, done)) = self.done_before.filter(|&(at, _)| at == addr) {
            self.done_before = None;
            self.adjust(at, -(done as i64));
        }
        self.lines_due = 0;
        if let Before::Fell(prev) = self.before {
            self.pipeline_across(addr, prev);
        }
        if let Some(busy) = self.fp_busy_until.take() {
            self.wait_for_fpu(addr, busy);
        }
        if fp_tail > 0 {
            self.fp_busy_until = Some(self.cycles + u64::from(fp_tail));
        }
        self.instructions += count;
        self.before = match flow {
            Flow::Next => Before::Fell(last),
            Flow::Jump => Before::Branch {
                fall: end,
                taken: Taken::Always,
            },
            Flow::CondJump => Before::Branch {
                fall: end,
                taken: fall_cond.map_or(Taken::Elsewhere, Taken::If),
            },
        };
        // Armed: it got this far.
        let b = &self.blocks[i];
        let plain = fpu_at.is_none()
            && !sleeps
            && !unmasks
            && !b.ends_in_it
            && b.bytes.is_none()
            && fp_tail == 0;
        if quiet && it == 0 && plain && self.adjusts.is_empty() {
            self.memo[memo_slot(addr)].shortcut = Some(Shortcut {
                pred,
                entry,
                end,
                refill: (self.block.1 - from) as u32,
                cycles: cycles as u32,
                count: count as u32,
                after: self.before,
            });
        }
        self.calm = self.quiet();
        true
    }

    /// A watched call's callee starts now.
    #[cold]
    #[inline(never)]
    fn call_starts(&mut self, id: u32) {
        self.events.push(Event::Call {
            cycle: self.cycles,
            id,
        });
    }

    /// The block at `addr` starts where the one before fell through: its first instruction
    /// may pipeline with that block's last (`prev`).
    #[cold]
    #[inline(never)]
    fn pipeline_across(&mut self, addr: u32, prev: timing::Access) {
        let Some(&Block {
            first: (access, cost),
            ..
        }) = self.running()
        else {
            return;
        };
        let piped = (cost as i8 + timing::pipeline(prev, access)).max(1);
        if piped as u8 != cost {
            self.adjust(addr, i64::from(piped) - i64::from(cost));
        }
    }

    /// With flash wait states: asks the accelerator for the flash lines the running block's
    /// instructions up to the one at `pc` need and have not asked for, each at the cycle its
    /// instruction would start without it, and charges the stalls. Called where the running
    /// block's timing is looked at (an access's timestamp, a probe, its end), so what each
    /// line costs follows the dynamic costs before it (divides, failing IT conditions, data
    /// waits).
    fn fetch_lines_upto(&mut self, pc: u32) {
        if self.art.is_none() {
            return;
        }
        let (start, _) = self.block;
        while let Some(&(line, off, _)) = self
            .running()
            .and_then(|b| b.lines.get(self.lines_due))
            .filter(|l| start + u32::from(l.1) <= pc)
        {
            self.lines_due += 1;
            let now = self.cycle_at(start + u32::from(off));
            let stall = match self.art.as_mut() {
                Some((art, _)) => art.fetch(line, now),
                None => return,
            };
            if stall > 0 {
                self.stall_before(start, off, stall);
            }
        }
    }

    /// The instruction at offset `off` of the running block (at `addr`) waits `stall`
    /// cycles before it starts.
    fn stall_before(&mut self, addr: u32, off: u16, stall: u64) {
        self.cycles += stall;
        if off == 0 {
            self.block.1 += stall;
        } else {
            // Adjustments count from the instruction after theirs.
            self.adjusts.push((addr + u32::from(off) - 1, stall as i64));
        }
    }

    /// The running block (at `addr`) starts while a VDIV/VSQRT keeps the FPU busy until
    /// `busy`: its first FPU instruction waits for it.
    #[cold]
    #[inline(never)]
    fn wait_for_fpu(&mut self, addr: u32, busy: u64) {
        let Some(off) = self.running().and_then(|b| b.fp_first) else {
            // Still busy for the next FPU instruction, unless it was over before this block.
            self.fp_busy_until = (busy > self.block.1).then_some(busy);
            return;
        };
        let starts = self.cycle_at(addr + u32::from(off));
        if busy > starts {
            self.stall_before(addr, off, busy - starts);
        }
    }

    /// With flash wait states, the instruction at `pc` reads `size` bytes of flash at `addr`
    /// (one access of a literal load, a table lookup, an LDM): the data side asks the
    /// accelerator for each line the access touches, and the instructions after it wait.
    #[cold]
    #[inline(never)]
    fn load_flash(&mut self, pc: u32, addr: u32, size: usize) {
        self.fetch_lines_upto(pc);
        // Its first and last bytes: an access straddling two lines reads both (asking
        // twice for one line costs nothing the second time).
        let lines = [addr, addr + (size as u32).saturating_sub(1)]
            .map(|a| self.flash_offset(a).map(|o| o / LINE_BYTES));
        let Some((art, _)) = self.art.as_mut() else {
            return;
        };
        let stall: u64 = lines.into_iter().flatten().map(|l| art.load(l)).sum();
        if stall > 0 {
            self.adjust(pc, stall as i64);
        }
    }

    /// The store at `pc` wrote a peripheral: unless its block already watches the
    /// instruction after it or was decoded knowing the store (it may have no instruction
    /// after it to watch), the block is decoded again next time, watching it.
    fn learn_store(&mut self, pc: u32) {
        if !self.timing {
            return;
        }
        let count = self.learned.len() as u32;
        let known = *self.learned.entry(pc).or_insert(count);
        let stale = self.running().is_some_and(|b| {
            b.learned_before <= known && !b.watch.iter().any(|&w| w > pc && w <= pc + 4)
        });
        if stale {
            self.forget_block(self.block.0);
        }
    }

    /// Drops the block decoded at `addr`, to be decoded again when it next runs.
    fn forget_block(&mut self, addr: u32) {
        self.index.remove(&addr);
        self.memo[memo_slot(addr)] = Memo::EMPTY;
    }

    /// The cycle at which the instruction making the current memory access started.
    fn access_cycle(&mut self) -> u64 {
        self.fetch_lines_upto(self.access_pc);
        self.cycle_at(self.access_pc)
    }

    fn ctx_parts(&mut self, now: u64) -> (Ctx<'_>, &mut Bus, &mut SystemSpace) {
        let clocks = self.bus.clocks;
        (
            Ctx {
                now,
                events: &mut self.events,
                irqs: &mut self.irqs,
                clocks,
            },
            &mut self.bus,
            &mut self.scs,
        )
    }

    fn mmio_read(&mut self, addr: u32, size: usize) -> u64 {
        let now = self.access_cycle();
        let (mut ctx, bus, scs) = self.ctx_parts(now);
        let word = addr & !3;
        let v = if word >= crate::system::BASE {
            scs.read(word, &mut ctx)
        } else {
            bus.read(word, &mut ctx)
        };
        let v = v.unwrap_or_else(|| {
            self.unimplemented(addr, false, now);
            0
        });
        let shift = (addr & 3) * 8;
        u64::from(v >> shift) & size_mask(size)
    }

    /// A word of memory or of a peripheral, as the bit-band logic sees it.
    fn word(&mut self, addr: u32) -> u32 {
        match self.mem_slice(addr, 4) {
            Some(b) => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            None => self.mmio_read(addr, 4) as u32,
        }
    }

    fn set_word(&mut self, addr: u32, value: u32) -> bool {
        let ram = self.memory.iter_mut().find_map(|m| {
            let off = addr.checked_sub(m.base)? as usize;
            m.buf.get_mut(off..off + 4)
        });
        match ram {
            Some(b) => {
                b.copy_from_slice(&value.to_le_bytes());
                false
            }
            None => self.mmio_write(addr, 4, u64::from(value)),
        }
    }

    /// The word and bit a bit-band alias offset stands for.
    fn bitband(target: u32, off: u32) -> (u32, u32) {
        let byte = target + off / 32;
        (byte & !3, (byte & 3) * 8 + (off % 32) / 4)
    }

    fn bitband_read(&mut self, target: u32, off: u32) -> u64 {
        let (word, bit) = Sys::bitband(target, off);
        u64::from((self.word(word) >> bit) & 1)
    }

    /// A locked read-modify-write of the target word; `true` as for [`Sys::mmio_write`].
    fn bitband_write(&mut self, target: u32, off: u32, value: u64) -> bool {
        let (word, bit) = Sys::bitband(target, off);
        let old = self.word(word);
        let new = if value & 1 != 0 {
            old | (1 << bit)
        } else {
            old & !(1 << bit)
        };
        self.set_word(word, new)
    }

    /// Returns whether the write may have made an interrupt takeable.
    fn mmio_write(&mut self, addr: u32, size: usize, value: u64) -> bool {
        let now = self.access_cycle();
        self.learn_store(self.access_pc);
        let shift = (addr & 3) * 8;
        let mask = (size_mask(size) as u32) << shift;
        let value = (value as u32) << shift;
        let hclk = self.bus.clocks.hclk;
        let (mut ctx, bus, scs) = self.ctx_parts(now);
        let word = addr & !3;
        let done = if word >= crate::system::BASE {
            scs.write(word, value, mask, &mut ctx)
        } else {
            bus.write(word, value, mask, &mut ctx)
        };
        if !done {
            self.unimplemented(addr, true, now);
        }
        if self.bus.clocks.hclk != hclk {
            let hz = self.bus.clocks.hclk;
            self.events.push(Event::Clock { cycle: now, hz });
        }
        if self.art.as_ref().is_some_and(|(_, acr)| *acr == word) {
            // The running block's instructions were fetched before the write takes effect.
            self.fetch_lines_upto(u32::MAX);
            if let Some((art, _)) = self.art.as_mut() {
                art.write_acr(value, mask);
            }
        }
        // A counter may have been started: its event must stop the run in time.
        let before = self.event_at;
        self.event_at = self.next_event();
        self.event_moved |= self.event_at.is_some_and(|e| before.is_none_or(|b| e < b));
        if let Some(t) = self.event_at {
            self.stop_at = self.stop_at.min(t);
        }
        let delivered = self.deliver_irqs();
        delivered || word >= crate::system::BASE
    }

    /// Has the next block hook stop to look at the NVIC: stopping from an MMIO callback
    /// would make Unicorn run the accessing store again.
    fn recheck(&mut self) {
        let stop = self.stop.unwrap_or(Stop::Recheck);
        self.halt(stop);
    }

    /// Asks the run to stop: the next block hook stops it if Unicorn has not yet.
    fn halt(&mut self, stop: Stop) {
        self.stop = Some(stop);
        self.calm = false;
    }

    fn unimplemented(&mut self, addr: u32, write: bool, cycle: u64) {
        if self.reported.insert(addr) {
            self.events.push(Event::Unimplemented {
                cycle,
                pc: self.access_pc,
                addr,
                write,
            });
        }
    }

    /// Brings counters up to now and moves interrupt requests into the NVIC.
    fn sync(&mut self) {
        let now = self.cycles;
        let (mut ctx, bus, scs) = self.ctx_parts(now);
        bus.advance(&mut ctx);
        crate::peripherals::Mmio::advance(&mut scs.systick, &mut ctx);
        self.deliver_irqs();
    }

    /// Moves interrupt requests into the NVIC; `true` if there were any.
    fn deliver_irqs(&mut self) -> bool {
        let mut any = false;
        for (irq, level) in self.irqs.drain() {
            self.scs.nvic.line(irq, level);
            any = true;
        }
        for e in std::mem::take(&mut self.irqs.exceptions) {
            self.scs.nvic.set_pending(e);
            any = true;
        }
        any
    }

    fn next_event(&self) -> Option<u64> {
        let clocks = self.bus.clocks;
        [
            self.bus.next_event(),
            crate::peripherals::Mmio::next_event(&self.scs.systick, clocks),
        ]
        .into_iter()
        .flatten()
        .min()
    }
}

/// Asks the accelerator for each flash line block `b` fetches, the block starting at cycle
/// `start` and each instruction costing its table cycles, and reports each stall: the offset
/// of the instruction that waits, and the cycles.
fn line_stalls(art: &mut Art, b: &Block, start: u64, mut stall_at: impl FnMut(u16, u64)) {
    let mut stalled = 0;
    for &(line, off, before) in &b.lines {
        let stall = art.fetch(line, start + u64::from(before) + stalled);
        if stall > 0 {
            stalled += stall;
            stall_at(off, stall);
        }
    }
}

fn size_mask(size: usize) -> u64 {
    if size >= 4 {
        0xFFFF_FFFF
    } else {
        (1u64 << (8 * size)) - 1
    }
}

/// Guest memory through Unicorn, for semihosting.
struct UcMemory<'a, 'b>(&'a mut Unicorn<'b, Sys>);

impl GuestMemory for UcMemory<'_, '_> {
    fn read(&self, addr: u32, buf: &mut [u8]) -> bool {
        self.0.mem_read(u64::from(addr), buf).is_ok()
    }
    fn write(&mut self, addr: u32, data: &[u8]) -> bool {
        self.0.mem_write(u64::from(addr), data).is_ok()
    }
}

/// A Cortex-M4F on a board, with a firmware image loaded.
pub struct Machine {
    uc: Unicorn<'static, Sys>,
    image: Image,
    sleeping: bool,
    /// Where the next run must stop (just before an instruction that will fault).
    until: Option<u32>,
}

impl Machine {
    /// Builds the board, loads the ELF and resets the core.
    pub fn new(elf: &[u8], config: Config) -> Result<Machine, crate::Error> {
        Machine::from_image(Image::from_elf(elf, config.board)?, config)
    }

    /// Builds the board with an image already made (e.g. a firmware plus a script placed
    /// in flash with [`Image::add_segment`]) and resets the core.
    pub fn from_image(image: Image, config: Config) -> Result<Machine, crate::Error> {
        let mut m = Machine::with_image(image, config)?;
        m.reset()?;
        Ok(m)
    }

    fn with_image(image: Image, config: Config) -> Result<Machine, crate::Error> {
        let board = config.board;
        let memory: Vec<Memory> = board
            .memory
            .iter()
            .map(|r| Memory {
                base: r.base,
                alias: r.alias,
                kind: r.kind,
                buf: vec![if r.kind == MemKind::Flash { 0xFF } else { 0 }; r.size as usize]
                    .into_boxed_slice(),
            })
            .collect();
        let sys = Sys {
            board,
            timing: config.timing,
            cycles: 0,
            instructions: 0,
            bus: Bus::new(board, config.timing),
            scs: SystemSpace::new(board.irq_count, board.priority_bits),
            events: Vec::new(),
            irqs: IrqLines::default(),
            memory,
            blocks: Vec::new(),
            index: FxHashMap::default(),
            memo: Box::new([Memo::EMPTY; MEMO]),
            current: usize::MAX,
            before: Before::Nothing,
            block: (0, 0),
            stop_at: u64::MAX,
            event_at: None,
            event_moved: false,
            calm: false,
            stop: None,
            unmasked: false,
            probed: Default::default(),
            call_probes: Default::default(),
            call_pending: None,
            adjusts: Vec::new(),
            it_check: true,
            done_before: None,
            fp_busy_until: None,
            learned: Default::default(),
            repeat: Repeat::NONE,
            wfi_end: None,
            access_pc: 0,
            reported: Default::default(),
            semihost: Default::default(),
            art: None,
            lines_due: 0,
        };
        let mut uc = Unicorn::new_with_data(Arch::ARM, Mode::THUMB | Mode::MCLASS, sys)
            .during("creating the CPU")?;
        uc.ctl_set_cpu_model(ArmCpuModel::CORTEX_M4 as i32)
            .during("selecting the Cortex-M4")?;
        for i in 0..uc.get_data().memory.len() {
            let m = &mut uc.get_data_mut().memory[i];
            let perms = match m.kind {
                MemKind::Flash => Prot::READ | Prot::EXEC,
                MemKind::Ram => Prot::ALL,
                MemKind::DataRam => Prot::READ | Prot::WRITE,
            };
            let (size, ptr) = (m.buf.len() as u64, m.buf.as_mut_ptr().cast::<c_void>());
            for base in [Some(m.base), m.alias].into_iter().flatten() {
                // SAFETY: the buffer is boxed inside the Unicorn's own data, so it does not
                // move and is dropped only after the engine is closed.
                unsafe { uc.mem_map_ptr(u64::from(base), size, perms, ptr) }
                    .during("mapping memory")?;
            }
        }
        for (base, size) in bus_ranges() {
            uc.mmio_map(
                u64::from(base),
                u64::from(size),
                Some(move |uc: &mut Unicorn<'_, Sys>, off: u64, size: usize| {
                    let sys = uc.get_data_mut();
                    let v = sys.mmio_read(base + off as u32, size);
                    sys.deliver_irqs();
                    v
                }),
                Some(
                    move |uc: &mut Unicorn<'_, Sys>, off: u64, size: usize, value: u64| {
                        let sys = uc.get_data_mut();
                        if sys.mmio_write(base + off as u32, size, value) {
                            sys.recheck();
                        }
                    },
                ),
            )
            .during("mapping peripherals")?;
        }
        for &(alias, target) in BITBAND {
            uc.mmio_map(
                u64::from(alias),
                u64::from(BITBAND_SIZE),
                Some(move |uc: &mut Unicorn<'_, Sys>, off: u64, _: usize| {
                    let sys = uc.get_data_mut();
                    let v = sys.bitband_read(target, off as u32);
                    sys.deliver_irqs();
                    v
                }),
                Some(
                    move |uc: &mut Unicorn<'_, Sys>, off: u64, _: usize, value: u64| {
                        let sys = uc.get_data_mut();
                        if sys.bitband_write(target, off as u32, value) {
                            sys.recheck();
                        }
                    },
                ),
            )
            .during("mapping bit-band aliases")?;
        }
        // An MMIO callback gets no PC. With its region's permissions taken away, each access
        // first calls the protection hook below with the PC synced, which gives the access
        // its instruction's exact cycle. (A read or write hook would too, but its mere
        // existence sends every load and store, to RAM as well, down Unicorn's slow path.)
        for (base, size) in mmio_ranges() {
            uc.mem_protect(u64::from(base), u64::from(size), Prot::NONE)
                .during("guarding peripherals")?;
        }
        let acr = board
            .peripherals
            .iter()
            .find(|p| p.kind == PeripheralKind::Flash)
            .map(|p| p.base);
        if let Some(acr) = acr.filter(|_| config.timing && config.flash_wait_states) {
            uc.get_data_mut().art = Some((Art::default(), acr));
            let flash: Vec<(u32, u32)> = uc.get_data().flash_ranges().collect();
            for (base, size) in flash {
                // Every data read of flash, as it runs: a failing IT condition reads nothing.
                uc.add_mem_hook(
                    HookType::MEM_READ,
                    u64::from(base),
                    u64::from(base + size - 1),
                    |uc, _, addr, size, _| {
                        let pc = uc.reg_read(RegisterARM::PC).unwrap_or(0) as u32;
                        clear_it_state(uc);
                        uc.get_data_mut().load_flash(pc, addr as u32, size);
                        true
                    },
                )
                .during("hooking flash reads")?;
            }
        }
        if config.timing {
            let sys: *mut Sys = uc.get_data_mut();
            let mut hook = 0;
            // SAFETY: `on_block` takes the `Sys` it is given, which lives in the Unicorn
            // instance's heap allocation (it never moves) as long as the hook exists.
            let added = unsafe {
                unicorn_engine::uc_hook_add(
                    uc.get_handle(),
                    &mut hook,
                    HookType::BLOCK.0 as i32,
                    on_block as *mut c_void,
                    sys.cast(),
                    1,
                    0,
                )
            };
            Result::from(added).during("hooking blocks")?;
        }
        uc.add_intr_hook(on_interrupt)
            .during("hooking exceptions")?;
        uc.add_mem_hook(
            HookType::MEM_UNMAPPED | HookType::MEM_PROT,
            1,
            0,
            on_bad_access,
        )
        .during("hooking bus errors and MMIO accesses")?;
        let mut m = Machine {
            uc,
            image,
            sleeping: false,
            until: None,
        };
        m.load_segments();
        Ok(m)
    }

    fn load_segments(&mut self) {
        let segments = std::mem::take(&mut self.image.segments);
        for s in &segments {
            // Checked against the board when the image was made.
            let _ = self.uc.mem_write(u64::from(s.addr), &s.data);
        }
        self.image.segments = segments;
    }

    /// Reset: the core takes SP and PC from the vector table at VTOR (0); the peripherals
    /// and cycle counters start over; memory keeps its contents.
    pub fn reset(&mut self) -> Result<(), crate::Error> {
        let board = self.uc.get_data().board;
        let vtor = 0;
        let sp = self
            .read_word(vtor)
            .ok_or(LoadError::NoVectorTable { vtor })?;
        let pc = self
            .read_word(vtor + 4)
            .ok_or(LoadError::NoVectorTable { vtor })?;
        if pc & 1 == 0
            || board
                .region_of(pc & !1, 2)
                .is_none_or(|(r, _)| r.kind == MemKind::DataRam)
        {
            return Err(LoadError::BadResetVector(pc).into());
        }
        {
            let sys = self.uc.get_data_mut();
            sys.bus = Bus::new(board, sys.timing);
            if let Some((art, _)) = sys.art.as_mut() {
                *art = Art::default();
            }
            sys.scs = SystemSpace::new(board.irq_count, board.priority_bits);
            sys.before = Before::Nothing;
            sys.irqs = IrqLines::default();
            // What the run before learned does not carry over: a reset machine times like a
            // new one.
            sys.learned.clear();
            sys.blocks.clear();
            sys.index.clear();
            sys.memo.fill(Memo::EMPTY);
            sys.current = usize::MAX;
            sys.fp_busy_until = None;
            sys.done_before = None;
        }
        let uc = &mut self.uc;
        uc.reg_write(RegisterARM::IPSR, 0).during("reset")?;
        uc.reg_write(RegisterARM::CONTROL, 0).during("reset")?;
        uc.reg_write(RegisterARM::PRIMASK, 0).during("reset")?;
        uc.reg_write(RegisterARM::FAULTMASK, 0).during("reset")?;
        uc.reg_write(RegisterARM::BASEPRI, 0).during("reset")?;
        uc.reg_write(RegisterARM::MSP, u64::from(sp & !3))
            .during("reset")?;
        uc.reg_write(RegisterARM::LR, 0xFFFF_FFFF).during("reset")?;
        uc.reg_write(RegisterARM::PC, u64::from(pc & !1))
            .during("reset")?;
        self.sleeping = false;
        Ok(())
    }

    fn read_word(&self, addr: u32) -> Option<u32> {
        let mut b = [0; 4];
        self.uc
            .mem_read(u64::from(addr), &mut b)
            .ok()
            .map(|_| u32::from_le_bytes(b))
    }

    fn reg(&self, r: RegisterARM) -> u32 {
        self.uc.reg_read(r).unwrap_or(0) as u32
    }

    fn set_reg(&mut self, r: RegisterARM, v: u32) -> Result<(), EngineError> {
        self.uc
            .reg_write(r, u64::from(v))
            .during("writing a register")
    }

    pub fn board(&self) -> &'static Board {
        self.uc.get_data().board
    }

    pub fn image(&self) -> &Image {
        &self.image
    }

    /// Core cycles since power-on.
    pub fn cycles(&self) -> u64 {
        self.uc.get_data().cycles
    }

    /// The core clock (HCLK) the RCC is configured for now: the HSI after reset.
    pub fn core_clock_hz(&self) -> u64 {
        self.uc.get_data().bus.clocks.hclk
    }

    /// Instructions executed since power-on (zero when timing is off).
    pub fn instructions(&self) -> u64 {
        self.uc.get_data().instructions
    }

    pub fn pc(&self) -> u32 {
        self.reg(RegisterARM::PC)
    }

    /// Reads guest memory (zeros where nothing is mapped).
    pub fn read_memory(&self, addr: u32, len: usize) -> Vec<u8> {
        let mut buf = vec![0; len];
        let _ = self.uc.mem_read(u64::from(addr), &mut buf);
        buf
    }

    /// Core register `n`: r0..r12, 13 = sp, 14 = lr, 15 = pc, 16 = xpsr.
    pub fn register(&self, n: usize) -> u32 {
        CORE_REGS.get(n).map_or(0, |&r| self.reg(r))
    }

    /// Watches the calls `probes` describe from now on (see [`CallProbe`]).
    pub fn probe_calls(&mut self, probes: &[CallProbe]) -> Result<(), EngineError> {
        for p in probes {
            let at = [(
                p.call,
                ProbeAt::Call {
                    reg: p.id_reg,
                    path: p.id_path.clone(),
                },
            )];
            let resumes = p.resumes.iter().map(|&r| (r, ProbeAt::Resume));
            for (addr, action) in at.into_iter().chain(resumes) {
                let addr = addr & !1;
                if self
                    .uc
                    .get_data_mut()
                    .call_probes
                    .insert(addr, action)
                    .is_none()
                {
                    self.uc
                        .add_code_hook(u64::from(addr), u64::from(addr), on_call_probe)
                        .during("hooking a call probe")?;
                    self.uc
                        .ctl_remove_cache(u64::from(addr), u64::from(addr) + 4)
                        .during("retranslating a call probe's block")?;
                }
            }
        }
        Ok(())
    }

    /// Takes the events produced so far.
    pub fn drain_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.uc.get_data_mut().events)
    }

    /// Queues bytes for a UART's receiver (`index` 1 = USART1).
    pub fn uart_input(&mut self, index: u8, bytes: &[u8]) {
        let base =
            self.base_of(|k| matches!(k, PeripheralKind::Usart { index: i, .. } if i == index));
        self.with_model(base, |u: &mut Usart, ctx| u.feed(bytes, ctx));
    }

    /// Drives an input pin from outside (`None` lets it float to its pull).
    pub fn drive_pin(&mut self, port: u8, pin: u8, level: Option<bool>) {
        let base = self.gpio_base(port);
        self.with_model(base, |g: &mut Gpio, ctx| g.drive(pin, level, ctx));
    }

    /// Where the board has the peripheral `kind` picks.
    fn base_of(&self, kind: impl Fn(PeripheralKind) -> bool) -> Option<u32> {
        self.board()
            .peripherals
            .iter()
            .find(|p| kind(p.kind))
            .map(|p| p.base)
    }

    fn gpio_base(&self, port: u8) -> Option<u32> {
        self.base_of(|k| k == PeripheralKind::Gpio { port })
    }

    /// Runs `f` on the model of type `T` at `base` at the current cycle, then hands the
    /// interrupt requests it made to the NVIC.
    fn with_model<T: 'static>(&mut self, base: Option<u32>, f: impl FnOnce(&mut T, &mut Ctx)) {
        let sys = self.uc.get_data_mut();
        let now = sys.cycles;
        let (mut ctx, bus, _) = sys.ctx_parts(now);
        if let Some(model) = base.and_then(|b| bus.get_mut::<T>(b)) {
            f(model, &mut ctx);
        }
        sys.deliver_irqs();
    }

    /// Queues bytes for semihosting console reads.
    pub fn semihosting_input(&mut self, bytes: &[u8]) {
        self.uc.get_data_mut().semihost.stdin.extend(bytes);
    }

    /// Declares whether more semihosting console input may come. While open, a read with
    /// nothing queued stops the run with [`Outcome::WaitingForInput`]; closed (the default),
    /// it reads end of file.
    pub fn semihosting_input_open(&mut self, open: bool) {
        self.uc.get_data_mut().semihost.stdin_open = open;
    }

    /// The level of every pin of a port (bit n = pin n).
    pub fn pin_levels(&mut self, port: u8) -> u16 {
        let base = self.gpio_base(port);
        let bus = &mut self.uc.get_data_mut().bus;
        base.and_then(|b| bus.get_mut::<Gpio>(b))
            .map_or(0, |g| g.levels())
    }

    /// Runs until the guest stops or `max_cycles` more cycles have passed.
    pub fn run(&mut self, max_cycles: u64) -> Result<Outcome, EngineError> {
        let limit = self.cycles().saturating_add(max_cycles);
        loop {
            self.uc.get_data_mut().sync();
            if let Some(outcome) = self.handle_reset_request()? {
                return Ok(outcome);
            }
            if let Some(outcome) = self.take_pending()? {
                return Ok(outcome);
            }
            if self.sleeping {
                let sys = self.uc.get_data_mut();
                match sys.next_event() {
                    Some(t) if t < limit => {
                        sys.cycles = sys.cycles.max(t);
                        continue;
                    }
                    Some(_) => {
                        sys.cycles = sys.cycles.max(limit);
                        return Ok(Outcome::CycleLimit);
                    }
                    None => return Ok(Outcome::Halted),
                }
            }
            if self.cycles() >= limit {
                return Ok(Outcome::CycleLimit);
            }
            let sys = self.uc.get_data_mut();
            sys.event_at = sys.next_event();
            sys.stop_at = sys.event_at.map_or(limit, |t| t.min(limit));
            let pc = self.pc();
            let until = self.until.take().map_or(NEVER, u64::from);
            let sys = self.uc.get_data_mut();
            sys.it_check = true;
            sys.calm = false;
            let result = self.uc.emu_start(u64::from(pc | 1), until, 0, 0);
            // Unicorn may stop at `until` with no hook run after the last block's.
            self.uc.get_data_mut().settle();
            let stop = self.uc.get_data_mut().stop.take();
            let part_way = matches!(
                stop,
                Some(
                    Stop::Fault { .. }
                        | Stop::Resume(_)
                        | Stop::Abandon { .. }
                        | Stop::WaitForInput
                )
            );
            if !part_way && result.is_ok() {
                // The block that ran last ran to its end.
                self.uc.get_data_mut().fetch_lines_upto(u32::MAX);
            }
            if let Some(outcome) = self.after_stop(result, stop)? {
                return Ok(outcome);
            }
        }
    }

    /// Runs one instruction and stops (a pending exception is taken first, as part of the
    /// step). A sleeping core instead sleeps up to its next event. The instruction is charged
    /// as a block of its own; it pipelines with the one before it as in a run. Needs timing on.
    pub fn step(&mut self) -> Result<Outcome, EngineError> {
        if self.sleeping {
            let now = self.cycles();
            let wake = self
                .uc
                .get_data()
                .next_event()
                .map_or(1, |t| t.saturating_sub(now) + 1);
            return self.run(wake);
        }
        let pc = self.pc();
        let sys = self.uc.get_data();
        let len = u32::from(timing::decode(sys.halfword(pc), sys.halfword(pc + 2)).len);
        // Unicorn ends a translation at `until`: drop the cached block so this one is cut short.
        self.uc
            .ctl_remove_cache(u64::from(pc), u64::from(pc + len))
            .during("single-stepping")?;
        self.until = Some(pc + len);
        // One cycle of budget: a taken branch stops at the block hook of its target.
        let outcome = self.run(1);
        self.until = None;
        outcome
    }

    fn after_stop(
        &mut self,
        result: Result<(), unicorn_engine::uc_error>,
        stop: Option<Stop>,
    ) -> Result<Option<Outcome>, EngineError> {
        match stop {
            Some(Stop::Due | Stop::Recheck) => {
                self.sleep_if_waiting();
                Ok(None)
            }
            Some(Stop::Exit(code)) => Ok(Some(Outcome::Exited(code))),
            Some(Stop::WaitForInput) => {
                // The BKPT runs again when input comes: charge it then, not now.
                let pc = self.pc();
                self.settle_cycles(pc);
                Ok(Some(Outcome::WaitingForInput))
            }
            Some(Stop::Breakpoint { pc, imm }) => Ok(Some(Outcome::Breakpoint { pc, imm })),
            Some(Stop::Svc) => {
                let e = nvic::SVCALL;
                self.uc.get_data_mut().scs.nvic.set_pending(e);
                Ok(None)
            }
            Some(Stop::ExceptionReturn(exc_return)) => self.exception_return(exc_return),
            Some(Stop::Fpu(at)) => {
                let pc = self.pc();
                if pc != at {
                    // Run what comes before it, then look again.
                    self.until = Some(at);
                    return Ok(None);
                }
                let nvic = &self.uc.get_data().scs.nvic;
                if !nvic.fpu_enabled() {
                    return self.fault(Fault::Usage(cfsr::NOCP), pc, FaultCause::Fpu);
                }
                if let Some(addr) = nvic.lazy_pending() {
                    self.save_fp_context(addr);
                }
                Ok(None)
            }
            Some(Stop::Fault { fault, pc, cause }) => {
                self.settle_cycles(pc);
                self.fault(fault, pc, cause)
            }
            Some(Stop::Probe(block)) => {
                self.install_probes(block)?;
                Ok(None)
            }
            Some(Stop::Resume(at)) => {
                self.resume_at(at);
                Ok(None)
            }
            Some(Stop::Abandon { at, event }) => {
                self.settle_cycles(at);
                self.stop_midway(at, event, timing::Midway::Restart);
                Ok(None)
            }
            Some(Stop::Midway { at, kind }) => {
                if let Some(event) = self.uc.get_data().event_at {
                    self.stop_midway(at, event, kind);
                }
                Ok(None)
            }
            Some(Stop::Split(block, at)) => {
                // Unicorn ends a translation at `until`: drop the block so it is cut there.
                self.uc
                    .ctl_remove_cache(u64::from(block), u64::from(at))
                    .during("cutting a block at an event")?;
                self.until = Some(at);
                Ok(None)
            }
            None => match result {
                Ok(()) => {
                    self.sleep_if_waiting();
                    Ok(None)
                }
                // Unicorn reports UDF and undecodable encodings this way, PC at the instruction.
                Err(unicorn_engine::uc_error::INSN_INVALID) => {
                    let pc = self.pc();
                    if self.yielded(pc) {
                        return Ok(None);
                    }
                    self.settle_cycles(pc);
                    self.fault(Fault::Usage(cfsr::UNDEFINSTR), pc, FaultCause::Undefined)
                }
                Err(err) => Err(EngineError::Unicorn {
                    what: "running",
                    err,
                }),
            },
        }
    }

    /// Unicorn stops at YIELD, a hint that is a NOP on this core, reporting an invalid
    /// instruction with the PC past it (YIELD ends its block): go on from there, its cycle
    /// was charged with the block. An undefined instruction stops with the PC on it instead.
    fn yielded(&self, pc: u32) -> bool {
        let sys = self.uc.get_data();
        let ends_block = sys.running().is_some_and(|b| b.end == pc);
        let hw = |a: u32| sys.halfword(a);
        ends_block
            && (hw(pc.wrapping_sub(2)) == 0xBF10
                || (hw(pc.wrapping_sub(4)), hw(pc.wrapping_sub(2))) == (0xF3AF, 0x8001))
    }

    /// Hooks the block's dynamic-cost instructions and has Unicorn translate it again with
    /// the hooks in place.
    fn install_probes(&mut self, block: u32) -> Result<(), EngineError> {
        let sys = self.uc.get_data();
        let Some(b) = sys.decoded(block) else {
            return Ok(());
        };
        let missing: Vec<u32> = b
            .probes
            .iter()
            .copied()
            .filter(|a| !sys.probed.contains(a))
            .collect();
        let end = b.end;
        for a in missing {
            self.uc
                .add_code_hook(u64::from(a), u64::from(a), on_probe)
                .during("hooking a probe")?;
            self.uc.get_data_mut().probed.insert(a);
        }
        let sys = self.uc.get_data_mut();
        if let Some(&i) = sys.index.get(&block) {
            sys.blocks[i as usize].armed = true;
        }
        self.uc
            .ctl_remove_cache(u64::from(block), u64::from(end))
            .during("retranslating a block")?;
        Ok(())
    }

    /// Unicorn returns after a WFI/WFE with the PC past it (an MMIO write in the same
    /// block may also have asked for a stop).
    fn sleep_if_waiting(&mut self) {
        let pc = self.pc();
        if self.uc.get_data_mut().wfi_end.take() == Some(pc) {
            self.sleeping = true;
        }
    }

    /// The instruction at `at`, starting now, is under way at `event`: if an interrupt may
    /// be taken then, it is stopped there (the clock moves to the event) and either runs
    /// again in full after the handler or, continuing, costs only what it had left.
    /// Otherwise it runs as usual.
    fn stop_midway(&mut self, at: u32, event: u64, kind: timing::Midway) {
        let start = self.cycles();
        let sys = self.uc.get_data_mut();
        sys.cycles = event;
        sys.sync();
        let priority = self.execution_priority();
        let sys = self.uc.get_data_mut();
        if sys.scs.nvic.to_take(priority).is_none() {
            sys.cycles = start;
        } else if kind == timing::Midway::Continue {
            sys.done_before = Some((at, event - start));
        }
    }

    /// A block stopped before the instruction at `at` to go on from there: charge what ran
    /// before it, as if the block had been cut there.
    fn resume_at(&mut self, at: u32) {
        self.settle_cycles(at);
        let sys = self.uc.get_data_mut();
        let (start, _) = sys.block;
        let Some(b) = sys.blocks.get(sys.current) else {
            return;
        };
        // The instruction before `at` may pipeline with it, as across a cut.
        if let Some(&(off, _)) = b
            .insns
            .iter()
            .rev()
            .find(|(off, _)| start + u32::from(*off) < at)
        {
            let pc = start + u32::from(off);
            sys.before = Before::Fell(timing::access(sys.halfword(pc), sys.halfword(pc + 2)));
        }
    }

    /// A block stopped part-way (a fault, an abandoned divide): charge only what ran before
    /// `pc`.
    fn settle_cycles(&mut self, pc: u32) {
        let sys = self.uc.get_data_mut();
        let (start, _) = sys.block;
        if sys.timing && sys.running().is_some_and(|b| pc >= start && pc < b.end) {
            sys.fetch_lines_upto(pc);
            // The instructions from `pc` on did not run: nor do their fetches.
            sys.lines_due = usize::MAX;
            sys.cycles = sys.cycle_at(pc);
            sys.before = Before::Nothing;
            let not_run = sys.blocks[sys.current]
                .insns
                .iter()
                .filter(|(off, _)| start + u32::from(*off) >= pc)
                .count();
            sys.instructions -= not_run as u64;
        }
    }

    fn handle_reset_request(&mut self) -> Result<Option<Outcome>, crate::EngineError> {
        let sys = self.uc.get_data_mut();
        if !sys.scs.nvic.reset_requested {
            return Ok(None);
        }
        let cycle = sys.cycles;
        sys.events.push(Event::Reset { cycle });
        match self.reset() {
            Ok(()) => Ok(None),
            Err(e) => Ok(Some(Outcome::Fault(Box::new(
                self.report(format!("reset failed: {e}"), self.pc()),
            )))),
        }
    }

    fn masks(&self) -> (bool, bool, u8) {
        (
            self.reg(RegisterARM::PRIMASK) & 1 != 0,
            self.reg(RegisterARM::FAULTMASK) & 1 != 0,
            self.reg(RegisterARM::BASEPRI) as u8,
        )
    }

    fn execution_priority(&self) -> i16 {
        let (p, f, b) = self.masks();
        self.uc.get_data().scs.nvic.execution_priority(p, f, b)
    }

    /// Takes the highest pending exception that may preempt; a pending one also ends a sleep.
    fn take_pending(&mut self) -> Result<Option<Outcome>, EngineError> {
        let nvic = &self.uc.get_data().scs.nvic;
        if self.sleeping && nvic.any_pending() {
            self.sleeping = false;
        }
        let Some(e) = nvic.to_take(self.execution_priority()) else {
            return Ok(None);
        };
        let pc = self.pc();
        self.enter_exception(e, pc)
    }

    fn report(&self, cause: String, pc: u32) -> FaultReport {
        let sys = self.uc.get_data();
        let mut regs = [0; 17];
        for (v, r) in regs.iter_mut().zip(CORE_REGS) {
            *v = self.reg(r);
        }
        regs[15] = pc;
        let nvic = &sys.scs.nvic;
        FaultReport {
            cycle: sys.cycles,
            cause,
            pc,
            symbol: self.image.symbolize(pc),
            regs,
            cfsr: nvic.cfsr(),
            hfsr: nvic.hfsr(),
            mmfar: nvic.mmfar(),
            bfar: nvic.bfar(),
        }
    }

    fn fault(
        &mut self,
        fault: Fault,
        pc: u32,
        cause: FaultCause,
    ) -> Result<Option<Outcome>, EngineError> {
        let exec = self.execution_priority();
        let target = self.uc.get_data_mut().scs.nvic.fault(fault, exec);
        let words = match cause {
            FaultCause::Read(a) => format!("read of unmapped address {a:#010x}"),
            FaultCause::Write(a) => format!("write to unmapped or read-only address {a:#010x}"),
            FaultCause::Fetch(a) => {
                format!("instruction fetch from {a:#010x}, which holds no executable memory")
            }
            FaultCause::Undefined => "undefined instruction".to_string(),
            FaultCause::Fpu => {
                "FPU instruction while CPACR denies coprocessors 10 and 11".to_string()
            }
            FaultCause::Other(n) => format!("usage fault (CPU exception {n})"),
        };
        match target {
            FaultTarget::Lockup => Ok(Some(Outcome::Lockup(Box::new(
                self.report(format!("lockup: {words}"), pc),
            )))),
            FaultTarget::Take(e) => {
                let handler = self.vector(e).unwrap_or(0);
                if self.handler_spins(handler) {
                    let name = exception_name(e);
                    return Ok(Some(Outcome::Fault(Box::new(
                        self.report(format!("{words} ({name}, no handler)"), pc),
                    ))));
                }
                self.set_reg(RegisterARM::PC, pc)?;
                self.stack_and_enter(e, pc, handler)
            }
        }
    }

    /// A handler that is missing or only spins (`b .` after at most a frame-pointer
    /// prologue, like cortex-m-rt's defaults): ending the run with a report beats spinning.
    fn handler_spins(&self, handler: u32) -> bool {
        let sys = self.uc.get_data();
        let mut pc = handler & !1;
        if pc == 0 {
            return true;
        }
        for _ in 0..4 {
            match sys.halfword(pc) {
                0xE7FE => return true,
                // PUSH, MOV r7, sp, ADD r7, sp, #n, SUB sp, #n, NOP.
                hw if hw & 0xFE00 == 0xB400
                    || hw == 0x466F
                    || hw & 0xFF00 == 0xAF00
                    || hw & 0xFF80 == 0xB080
                    || hw == 0xBF00 =>
                {
                    pc += 2
                }
                _ => return false,
            }
        }
        false
    }

    /// The handler address in the vector table for exception `e`.
    fn vector(&self, e: u16) -> Option<u32> {
        self.read_word(self.uc.get_data().scs.nvic.vtor + 4 * u32::from(e))
    }

    /// The handler of `e`, or what happens instead: a vector-table fault, or a report when
    /// an interrupt has no real handler.
    fn handler_of(&mut self, e: u16, pc: u32) -> Result<Result<u32, Option<Outcome>>, EngineError> {
        let Some(handler) = self.vector(e) else {
            return self
                .fault(Fault::VectorTable, pc, FaultCause::Other(u32::from(e)))
                .map(Err);
        };
        if e >= nvic::FIRST_IRQ && self.handler_spins(handler) {
            let cause = format!("{} is pending but has no handler", exception_name(e));
            return Ok(Err(Some(Outcome::Fault(Box::new(self.report(cause, pc))))));
        }
        Ok(Ok(handler))
    }

    fn enter_exception(
        &mut self,
        e: u16,
        return_addr: u32,
    ) -> Result<Option<Outcome>, EngineError> {
        match self.handler_of(e, return_addr)? {
            Ok(handler) => self.stack_and_enter(e, return_addr, handler),
            Err(outcome) => Ok(outcome),
        }
    }

    /// A late arrival: an exception that pends during `e`'s entry (before its handler's
    /// first instruction, `ENTRY_CYCLES` later) and would preempt it is taken instead, with
    /// the frame already being stacked; `e` stays pending and tail-chains after it.
    fn late_arrival(&mut self, e: u16) -> Option<u16> {
        let sys = self.uc.get_data_mut();
        if !sys.timing {
            return None;
        }
        let start = sys.cycles;
        sys.cycles = start + ENTRY_CYCLES - 1;
        sys.sync();
        sys.cycles = start;
        sys.scs.nvic.preempting(e)
    }

    /// Exception entry proper: stacks the frame and starts `handler` (or a late arrival's).
    fn stack_and_enter(
        &mut self,
        e: u16,
        return_addr: u32,
        handler: u32,
    ) -> Result<Option<Outcome>, EngineError> {
        let control = self.reg(RegisterARM::CONTROL);
        let handler_mode = self.uc.get_data().scs.nvic.current != 0;
        let on_psp = !handler_mode && control & 2 != 0;
        let fp_frame = control & 4 != 0;
        let frame_words = if fp_frame { 26 } else { 8 };
        let sp = self.reg(RegisterARM::SP);
        let mut frame = sp.wrapping_sub(4 * frame_words);
        let realign = frame & 4 != 0;
        frame &= !7;
        let xpsr = self.reg(RegisterARM::XPSR) & !(1 << 9) | (u32::from(realign) << 9);
        let mut words: Vec<u32> = FRAME_REGS.iter().map(|&r| self.reg(r)).collect();
        words.extend([return_addr, xpsr]);
        // With lazy stacking the FP part is only reserved: the handler's first FPU
        // instruction saves it (see `save_fp_context`).
        let lazy = fp_frame && self.uc.get_data().scs.nvic.lazy_stacking();
        if fp_frame && !lazy {
            words.extend(self.fp_context());
        }
        let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
        if self.uc.mem_write(u64::from(frame), &bytes).is_err() {
            let cause = format!(
                "stacking the exception frame for {} at {frame:#010x} failed",
                exception_name(e)
            );
            return Ok(Some(Outcome::Lockup(Box::new(
                self.report(cause, return_addr),
            ))));
        }
        let (e, handler) = match self.late_arrival(e) {
            Some(late) => match self.handler_of(late, return_addr)? {
                Ok(handler) => (late, handler),
                Err(outcome) => return Ok(outcome),
            },
            None => (e, handler),
        };
        // Leave the process stack while still in thread mode, so the banked SP swaps.
        if on_psp || fp_frame {
            self.set_reg(RegisterARM::CONTROL, control & !6)?;
        }
        self.set_reg(
            if on_psp {
                RegisterARM::PSP
            } else {
                RegisterARM::MSP
            },
            frame,
        )?;
        self.set_reg(RegisterARM::IPSR, u32::from(e))?;
        let exc_return = 0xFFFF_FFE1
            | (u32::from(!fp_frame) << 4)
            | (u32::from(!handler_mode) << 3)
            | (u32::from(on_psp) << 2);
        self.set_reg(RegisterARM::LR, exc_return)?;
        self.set_reg(RegisterARM::PC, handler & !1)?;
        // The EPSR of the handler: Thumb, no IT state.
        self.set_reg(RegisterARM::EPSR, EPSR_THUMB)?;
        let sys = self.uc.get_data_mut();
        sys.scs.nvic.enter(e);
        if lazy {
            sys.scs.nvic.set_lazy(Some(frame + 0x20));
        }
        sys.before = Before::Nothing;
        let eager_fp = if fp_frame && !lazy {
            FP_CONTEXT_CYCLES
        } else {
            0
        };
        sys.cycles += if sys.timing {
            ENTRY_CYCLES + eager_fp
        } else {
            0
        };
        self.sleeping = false;
        Ok(None)
    }

    /// S0-S15, FPSCR and the reserved word, as an extended frame holds them.
    fn fp_context(&self) -> Vec<u32> {
        let mut words: Vec<u32> = FP_FRAME_REGS.iter().map(|&r| self.reg(r)).collect();
        words.extend([self.reg(RegisterARM::FPSCR), 0]);
        words
    }

    /// The deferred half of lazy stacking, done before the handler's first FPU instruction.
    fn save_fp_context(&mut self, addr: u32) {
        let bytes: Vec<u8> = self
            .fp_context()
            .iter()
            .flat_map(|w| w.to_le_bytes())
            .collect();
        // The space was reserved (and so checked) when the frame was stacked.
        let _ = self.uc.mem_write(u64::from(addr), &bytes);
        let sys = self.uc.get_data_mut();
        sys.scs.nvic.set_lazy(None);
        sys.cycles += FP_CONTEXT_CYCLES;
    }

    fn exception_return(&mut self, exc_return: u32) -> Result<Option<Outcome>, EngineError> {
        let e = self.uc.get_data().scs.nvic.current;
        let valid = matches!(
            exc_return & 0xFFFF_FFEF,
            0xFFFF_FFE1 | 0xFFFF_FFE9 | 0xFFFF_FFED
        );
        if !valid || e == 0 {
            let pc = self.reg(RegisterARM::LR);
            return self.fault(Fault::Usage(cfsr::INVPC), pc, FaultCause::Other(exc_return));
        }
        let to_thread = exc_return & 8 != 0;
        let on_psp = exc_return & 4 != 0;
        let fp_frame = exc_return & 0x10 == 0;
        let frame = self.reg(if on_psp {
            RegisterARM::PSP
        } else {
            RegisterARM::MSP
        });
        let words = if fp_frame { 26 } else { 8 };
        let mut bytes = vec![0u8; 4 * words];
        if self.uc.mem_read(u64::from(frame), &mut bytes).is_err() {
            let cause = format!("unstacking the exception frame at {frame:#010x} failed");
            return Ok(Some(Outcome::Lockup(Box::new(
                self.report(cause, self.pc()),
            ))));
        }
        let w: Vec<u32> = bytes
            .chunks(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let xpsr = w[7];
        let to = if to_thread { 0 } else { (xpsr & 0x1FF) as u16 };
        self.uc.get_data_mut().scs.nvic.leave(e, to);
        // Another exception that may preempt what we would return to is tail-chained: the
        // frame stays stacked and its handler starts at once.
        if let Some(next) = self
            .uc
            .get_data()
            .scs
            .nvic
            .to_take(self.execution_priority())
        {
            return self.tail_chain(next, exc_return);
        }
        if let Some(next) = self.pop_preemption() {
            return self.tail_chain(next, exc_return);
        }
        self.set_reg(RegisterARM::IPSR, u32::from(to))?;
        if to_thread {
            let control = self.reg(RegisterARM::CONTROL) & !6;
            self.set_reg(
                RegisterARM::CONTROL,
                control | (u32::from(on_psp) << 1) | (u32::from(fp_frame) << 2),
            )?;
        }
        for (&r, &v) in FRAME_REGS.iter().zip(&w) {
            self.set_reg(r, v)?;
        }
        // A context still lazily reserved was never saved: the registers hold it already.
        let restore_fp = fp_frame && self.uc.get_data().scs.nvic.lazy_pending().is_none();
        self.uc.get_data_mut().scs.nvic.set_lazy(None);
        if restore_fp {
            for (&r, &v) in FP_FRAME_REGS.iter().zip(&w[8..24]) {
                self.set_reg(r, v)?;
            }
            self.set_reg(RegisterARM::FPSCR, w[24])?;
        }
        self.set_reg(
            RegisterARM::XPSR_NZCVQG,
            xpsr & !(1 << 9) & !0x1FF | u32::from(to),
        )?;
        // An exception taken inside an IT block returns into it.
        self.set_reg(RegisterARM::EPSR, xpsr & EPSR_IT | EPSR_THUMB)?;
        let sp = frame + 4 * words as u32 + if xpsr & (1 << 9) != 0 { 4 } else { 0 };
        self.set_reg(
            if on_psp {
                RegisterARM::PSP
            } else {
                RegisterARM::MSP
            },
            sp,
        )?;
        self.set_reg(RegisterARM::PC, w[6] & !1)?;
        let sys = self.uc.get_data_mut();
        sys.before = Before::Nothing;
        let fp = if restore_fp { FP_CONTEXT_CYCLES } else { 0 };
        sys.cycles += if sys.timing { RETURN_CYCLES + fp } else { 0 };
        if to_thread
            && sys.scs.nvic.sleep_on_exit()
            && sys.scs.nvic.to_take(THREAD_PRIORITY).is_none()
        {
            self.sleeping = true;
        }
        Ok(None)
    }
}

impl Machine {
    /// Pop pre-emption: an exception that arrives while a return unstacks its frame (its
    /// `RETURN_CYCLES`) and may preempt the code returned to abandons the unstacking; it is
    /// tail-chained from the cycle it arrived at. Returns it, with the clock at its arrival.
    fn pop_preemption(&mut self) -> Option<u16> {
        let priority = self.execution_priority();
        let sys = self.uc.get_data_mut();
        if !sys.timing {
            return None;
        }
        let start = sys.cycles;
        while let Some(t) = sys
            .next_event()
            .filter(|&t| t > sys.cycles && t < start + RETURN_CYCLES)
        {
            sys.cycles = t;
            sys.sync();
            if let Some(e) = sys.scs.nvic.to_take(priority) {
                return Some(e);
            }
        }
        sys.cycles = start;
        None
    }

    fn tail_chain(&mut self, e: u16, exc_return: u32) -> Result<Option<Outcome>, EngineError> {
        let handler = match self.handler_of(e, self.pc())? {
            Ok(h) => h,
            Err(outcome) => return Ok(outcome),
        };
        self.set_reg(RegisterARM::IPSR, u32::from(e))?;
        self.set_reg(RegisterARM::LR, exc_return)?;
        self.set_reg(RegisterARM::PC, handler & !1)?;
        let sys = self.uc.get_data_mut();
        sys.scs.nvic.enter(e);
        sys.before = Before::Nothing;
        sys.cycles += if sys.timing { TAIL_CHAIN_CYCLES } else { 0 };
        Ok(None)
    }
}

fn exception_name(e: u16) -> String {
    match e {
        nvic::NMI => "NMI".into(),
        nvic::HARD_FAULT => "HardFault".into(),
        nvic::MEM_MANAGE => "MemManage".into(),
        nvic::BUS_FAULT => "BusFault".into(),
        nvic::USAGE_FAULT => "UsageFault".into(),
        nvic::SVCALL => "SVCall".into(),
        nvic::PENDSV => "PendSV".into(),
        nvic::SYSTICK => "SysTick".into(),
        e if e >= nvic::FIRST_IRQ => format!("IRQ {}", e - nvic::FIRST_IRQ),
        e => format!("exception {e}"),
    }
}

/// Unicorn's CPU exceptions (QEMU's EXCP_* numbers) as the Cortex-M sees them.
fn on_interrupt(uc: &mut Unicorn<'_, Sys>, intno: u32) {
    uc.get_data_mut().settle();
    let pc = uc.reg_read(RegisterARM::PC).unwrap_or(0) as u32;
    let stop = match intno {
        2 => Stop::Svc,
        7 => {
            let imm = uc.get_data().halfword(pc) as u8;
            if imm != 0xAB {
                Stop::Breakpoint { pc, imm }
            } else {
                match semihost(uc) {
                    Some(stop) => stop,
                    None => {
                        // Bit 0 keeps the core in Thumb state.
                        let _ = uc.reg_write(RegisterARM::PC, u64::from((pc + 2) | 1));
                        return;
                    }
                }
            }
        }
        8 => Stop::ExceptionReturn(pc | 1),
        // A jump to an EXC_RETURN value that Unicorn did not recognise still returns.
        3 if pc >= 0xFFFF_FF00 => Stop::ExceptionReturn(pc | 1),
        3 => Stop::Fault {
            fault: Fault::InstructionBus,
            pc,
            cause: FaultCause::Fetch(pc),
        },
        1 => Stop::Fault {
            fault: Fault::Usage(cfsr::UNDEFINSTR),
            pc,
            cause: FaultCause::Undefined,
        },
        // QEMU's EXCP_NOCP, EXCP_INVSTATE, EXCP_UNALIGNED, EXCP_DIVBYZERO; anything else is
        // reported as an invalid state.
        _ => {
            let bits = match intno {
                17 => cfsr::NOCP,
                22 => cfsr::UNALIGNED,
                23 => cfsr::DIVBYZERO,
                _ => cfsr::INVSTATE,
            };
            Stop::Fault {
                fault: Fault::Usage(bits),
                pc,
                cause: FaultCause::Other(intno),
            }
        }
    };
    uc.get_data_mut().halt(stop);
    let _ = uc.emu_stop();
}

/// Unicorn's block hook. It is added without the binding's closure proxy, whose own work
/// (a reference count taken and dropped per call) made an empty hook cost about a quarter
/// more on a tight loop.
///
/// # Safety
///
/// `uc` is the running engine and `sys` its `Sys`, which nothing else borrows while the
/// engine runs a block hook.
unsafe extern "C" fn on_block(uc: *mut uc_engine, addr: u64, size: u32, sys: *mut c_void) {
    // SAFETY: as the caller promises.
    let sys = unsafe { &mut *sys.cast::<Sys>() };
    // A block repeating itself is only counted: nothing else has run since its shortcut.
    let r = &mut sys.repeat;
    if r.key == addr | u64::from(size) << 32 && r.runs < r.limit {
        r.runs += 1;
        debug_assert!(sys.calm && sys.quiet());
        return;
    }
    sys.settle();
    if !sys.shortcut(addr as u32, size) {
        // SAFETY: as the caller promises.
        unsafe { enter_block(uc, addr as u32, size, sys) };
    }
}

/// [`on_block`] where the block's shortcut does not apply.
///
/// # Safety
///
/// `uc` is the running engine.
#[cold]
#[inline(never)]
unsafe fn enter_block(uc: *mut uc_engine, addr: u32, size: u32, sys: &mut Sys) {
    let reg = |reg: RegisterARM| {
        let mut value = 0u64;
        // SAFETY: `uc` is live and `value` has room for any ARM core register.
        let read = unsafe { uc_reg_read(uc, reg as i32, (&raw mut value).cast()) };
        if read == uc_error::OK {
            value as u32
        } else {
            0
        }
    };
    // The hook runs before the block clears the IT state it was entered with.
    let it = if sys.it_check {
        it_state(reg(RegisterARM::EPSR))
    } else {
        0
    };
    // The flags as the block starts, where its IT conditions or the refill need them.
    let flags = if it != 0 || sys.refill_by_flags(addr) {
        reg(RegisterARM::APSR)
    } else {
        0
    };
    if !sys.enter(addr, size, it, flags) {
        // SAFETY: `uc` is live.
        unsafe { uc_emu_stop(uc) };
    } else if it != 0 {
        let conditions = timing::it_conditions(0xBF00 | u16::from(it));
        sys.fail_conditions(addr, &conditions, flags);
    }
}

/// Removes an IT's probe from `probes` if it has no work (see `Sys::decode_block`).
fn drop_idle_probe(probes: &mut Vec<u32>, it_probe: Option<(usize, bool)>) {
    if let Some((i, false)) = it_probe {
        probes.remove(i);
    }
}

/// An access Unicorn found unmapped or not permitted: an MMIO access (its region is guarded
/// only so that this hook sees its PC first) goes on; anything else is a bus fault.
fn on_bad_access(
    uc: &mut Unicorn<'_, Sys>,
    kind: MemType,
    addr: u64,
    _size: usize,
    _value: i64,
) -> bool {
    // Before every MMIO callback too: their regions are guarded.
    uc.get_data_mut().settle();
    let pc = uc.reg_read(RegisterARM::PC).unwrap_or(0) as u32;
    let addr = addr as u32;
    if matches!(kind, MemType::READ_PROT | MemType::WRITE_PROT)
        && mmio_ranges().any(|(base, size)| addr.wrapping_sub(base) < size)
    {
        uc.get_data_mut().access_pc = pc;
        clear_it_state(uc);
        return true;
    }
    let (fault, cause) = match kind {
        MemType::FETCH_UNMAPPED | MemType::FETCH_PROT => {
            if addr >= 0xE000_0000
                || (0x4000_0000..0x6000_0000).contains(&addr)
                || addr >= 0xA000_0000
            {
                (Fault::MemManage(None), FaultCause::Fetch(addr))
            } else {
                (Fault::InstructionBus, FaultCause::Fetch(addr))
            }
        }
        MemType::WRITE_UNMAPPED | MemType::WRITE_PROT => {
            (Fault::DataBus(addr), FaultCause::Write(addr))
        }
        _ => (Fault::DataBus(addr), FaultCause::Read(addr)),
    };
    let pc = if matches!(cause, FaultCause::Fetch(_)) {
        addr
    } else {
        pc
    };
    uc.get_data_mut().halt(Stop::Fault { fault, pc, cause });
    false
}

/// Where the peripherals and the system space answer through the bus: base and size.
fn bus_ranges() -> impl Iterator<Item = (u32, u32)> {
    PERIPHERAL_RANGES
        .iter()
        .copied()
        .chain([(crate::system::BASE, crate::system::SIZE)])
}

/// Where MMIO callbacks answer: the bus and the bit-band aliases.
fn mmio_ranges() -> impl Iterator<Item = (u32, u32)> {
    bus_ranges().chain(BITBAND.iter().map(|&(alias, _)| (alias, BITBAND_SIZE)))
}

/// The IT state (ITSTATE, laid out as an IT instruction's low byte) in an EPSR value.
fn it_state(epsr: u32) -> u8 {
    (((epsr >> 8) & 0xFC) | ((epsr >> 25) & 3)) as u8
}

/// Unicorn syncs the PC for a memory hook by restoring the state of the accessing
/// instruction, IT state included; QEMU keeps that state zero while a translated block runs
/// and writes it back only when the block ends inside an IT block. Left set, it would
/// predicate the next block's instructions: zero it again.
fn clear_it_state(uc: &mut Unicorn<'_, Sys>) {
    let _ = uc.reg_write(RegisterARM::EPSR, u64::from(EPSR_THUMB));
}

/// A watched call is about to be made, or its caller is about to resume.
fn on_call_probe(uc: &mut Unicorn<'_, Sys>, addr: u64, _size: u32) {
    uc.get_data_mut().settle();
    let at = addr as u32;
    match uc.get_data().call_probes.get(&at).cloned() {
        Some(ProbeAt::Call { reg, path }) => {
            let mut id = CORE_REGS
                .get(reg)
                .map_or(0, |&r| uc.reg_read(r).unwrap_or(0) as u32);
            for off in path {
                let mut word = [0u8; 4];
                id = match uc.mem_read(u64::from(id.wrapping_add(off)), &mut word) {
                    Ok(()) => u32::from_le_bytes(word),
                    Err(_) => 0,
                };
            }
            let sys = uc.get_data_mut();
            sys.call_pending = Some(id);
            sys.calm = false;
        }
        Some(ProbeAt::Resume) => {
            let sys = uc.get_data_mut();
            sys.fetch_lines_upto(at);
            let cycle = sys.cycle_at(at);
            sys.events.push(Event::Return { cycle });
        }
        None => {}
    }
}

/// At a watched instruction: whether the instruction before it made an interrupt takeable
/// (it is taken here) or scheduled a peripheral event before the block's end (the rest of
/// the block is cut at it).
fn must_stop(uc: &Unicorn<'_, Sys>) -> bool {
    let sys = uc.get_data();
    let (_, at) = sys.block;
    let end = at + sys.running().map_or(0, |b| b.cycles);
    if sys.event_moved && sys.event_at.is_some_and(|e| e < end) {
        return true;
    }
    if !sys.scs.nvic.any_pending() {
        return false;
    }
    let mask = |r| uc.reg_read(r).unwrap_or(0) as u32;
    let priority = sys.scs.nvic.execution_priority(
        mask(RegisterARM::PRIMASK) & 1 != 0,
        mask(RegisterARM::FAULTMASK) & 1 != 0,
        mask(RegisterARM::BASEPRI) as u8,
    );
    sys.scs.nvic.to_take(priority).is_some()
}

/// Corrects the cost of a dynamic-cost instruction about to run, from the live registers.
fn on_probe(uc: &mut Unicorn<'_, Sys>, addr: u64, _size: u32) {
    uc.get_data_mut().settle();
    let at = addr as u32;
    if !uc.get_data().timing {
        return;
    }
    uc.get_data_mut().fetch_lines_upto(at);
    let sys = uc.get_data();
    if sys.running().is_some_and(|b| b.watch.contains(&at)) && must_stop(uc) {
        uc.get_data_mut().halt(Stop::Resume(at));
        let _ = uc.emu_stop();
        return;
    }
    let (hw1, hw2) = (sys.halfword(at), sys.halfword(at + 2));
    let reg = |uc: &Unicorn<'_, Sys>, n: u16| {
        CORE_REGS
            .get(usize::from(n))
            .map_or(0, |&r| uc.reg_read(r).unwrap_or(0) as u32)
    };
    if timing::is_divide(hw1, hw2) {
        let (n, d) = (reg(uc, hw1 & 0xF), reg(uc, hw2 & 0xF));
        let cycles = timing::div_cycles(n, d, hw1 & 0xFFF0 == 0xFB90);
        let sys = uc.get_data_mut();
        let charged = sys.charged(at).unwrap_or(timing::DIV_CYCLES);
        sys.adjust(at, i64::from(cycles) - i64::from(charged));
        // An interrupt that arrives while a divide runs abandons it (the divide runs again
        // after the handler): stop before it, and look at the event from there.
        let start = sys.cycle_at(at);
        let held = sys.running().is_some_and(|b| b.held.contains(&at));
        if let Some(event) = sys
            .event_at
            .filter(|&e| e > start && e < start + u64::from(cycles))
        {
            if !held {
                sys.halt(Stop::Abandon { at, event });
                let _ = uc.emu_stop();
            }
        }
    } else if timing::is_it(hw1) {
        let flags = reg(uc, 16);
        uc.get_data_mut()
            .fail_conditions(at + 2, &timing::it_conditions(hw1), flags);
    }
}

/// Performs a semihosting call; `Some` when the run must stop (an exit, a wait for input
/// with the PC left on the BKPT so the call is made again).
fn semihost(uc: &mut Unicorn<'_, Sys>) -> Option<Stop> {
    let op = uc.reg_read(RegisterARM::R0).unwrap_or(0) as u32;
    let param = uc.reg_read(RegisterARM::R1).unwrap_or(0) as u32;
    let (cycle, clock) = {
        let s = uc.get_data();
        (s.cycles, s.board.clock_hz)
    };
    let mut host = std::mem::take(&mut uc.get_data_mut().semihost);
    let effect = host.call(op, param, &mut UcMemory(uc), cycle, clock);
    let sys = uc.get_data_mut();
    sys.semihost = host;
    match effect {
        Effect::Exit(code) => Some(Stop::Exit(code)),
        Effect::WaitForInput => Some(Stop::WaitForInput),
        Effect::Return { r0, output } => {
            if let Some((stream, bytes)) = output {
                sys.events.push(Event::Semihosting {
                    cycle,
                    stream,
                    bytes,
                });
            }
            let _ = uc.reg_write(RegisterARM::R0, u64::from(r0));
            None
        }
    }
}
