//! The exception controller: NVIC (ARMv7-M B3.4) and the System Control Block (B3.2).
//!
//! This holds which exceptions are enabled, pending and active and at what priority; the
//! machine asks it what to take next and performs entry and return itself.

use crate::peripherals::{merge, Ctx, Mmio};

pub const NMI: u16 = 2;
pub const HARD_FAULT: u16 = 3;
pub const MEM_MANAGE: u16 = 4;
pub const BUS_FAULT: u16 = 5;
pub const USAGE_FAULT: u16 = 6;
pub const SVCALL: u16 = 11;
pub const PENDSV: u16 = 14;
pub const SYSTICK: u16 = 15;
pub const FIRST_IRQ: u16 = 16;

/// Cortex-M4 r0p1.
const CPUID: u32 = 0x410F_C241;
const VECTKEY: u32 = 0x05FA;
/// Thread mode with nothing active runs below every configurable priority.
pub const THREAD_PRIORITY: i16 = 256;

/// CFSR bits (B3.2.15).
pub mod cfsr {
    pub const IACCVIOL: u32 = 1 << 0;
    pub const DACCVIOL: u32 = 1 << 1;
    pub const MMARVALID: u32 = 1 << 7;
    pub const IBUSERR: u32 = 1 << 8;
    pub const PRECISERR: u32 = 1 << 9;
    pub const BFARVALID: u32 = 1 << 15;
    pub const UNDEFINSTR: u32 = 1 << 16;
    pub const INVSTATE: u32 = 1 << 17;
    pub const INVPC: u32 = 1 << 18;
    pub const NOCP: u32 = 1 << 19;
    pub const UNALIGNED: u32 = 1 << 24;
    pub const DIVBYZERO: u32 = 1 << 25;
}
const HFSR_VECTTBL: u32 = 1 << 1;
const HFSR_FORCED: u32 = 1 << 30;

/// A synchronous fault and the status it records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// A bus error on a data access at this address.
    DataBus(u32),
    /// A bus error fetching an instruction.
    InstructionBus,
    /// A MemManage fault (execute from a non-executable region).
    MemManage(Option<u32>),
    /// A UsageFault with these CFSR bits.
    Usage(u32),
    /// Reading the vector table failed during exception entry.
    VectorTable,
}

/// Where a fault goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultTarget {
    Take(u16),
    Lockup,
}

#[derive(Debug)]
pub struct Nvic {
    irq_count: u16,
    /// Implemented priority bits, as a mask of the top bits.
    prio_mask: u8,
    enabled: Vec<bool>,
    pending: Vec<bool>,
    active: Vec<bool>,
    priority: Vec<u8>,
    /// Sources asserting each external line (lines are shared between timers).
    line: Vec<u8>,
    /// The exception being handled (IPSR), kept in step by the machine.
    pub current: u16,
    pub vtor: u32,
    prigroup: u32,
    scr: u32,
    ccr: u32,
    shcsr_enables: u32,
    cfsr: u32,
    hfsr: u32,
    dfsr: u32,
    mmfar: u32,
    bfar: u32,
    actlr: u32,
    pub cpacr: u32,
    fpccr: u32,
    fpcar: u32,
    fpdscr: u32,
    /// AIRCR.SYSRESETREQ was written.
    pub reset_requested: bool,
}

impl Nvic {
    pub fn new(irq_count: u16, priority_bits: u8) -> Nvic {
        let n = usize::from(FIRST_IRQ + irq_count);
        Nvic {
            irq_count,
            prio_mask: !(0xFFu8 >> priority_bits),
            enabled: vec![false; usize::from(irq_count)],
            pending: vec![false; n],
            active: vec![false; n],
            priority: vec![0; n],
            line: vec![0; usize::from(irq_count)],
            current: 0,
            vtor: 0,
            prigroup: 0,
            scr: 0,
            ccr: 0x200,
            shcsr_enables: 0,
            cfsr: 0,
            hfsr: 0,
            dfsr: 0,
            mmfar: 0,
            bfar: 0,
            actlr: 0,
            cpacr: 0,
            // ASPEN and LSPEN: automatic state preservation with lazy stacking.
            fpccr: 0xC000_0000,
            fpcar: 0,
            fpdscr: 0,
            reset_requested: false,
        }
    }

    pub fn exception_count(&self) -> u16 {
        FIRST_IRQ + self.irq_count
    }

    /// The priority of exception `e`: fixed for reset, NMI and HardFault.
    pub fn priority(&self, e: u16) -> i16 {
        match e {
            1 => -3,
            NMI => -2,
            HARD_FAULT => -1,
            _ => i16::from(self.priority[usize::from(e)]),
        }
    }

    /// The preemption (group) part of a priority.
    fn group(&self, prio: i16) -> i16 {
        if prio < 0 {
            return prio;
        }
        prio & !((2i16 << self.prigroup) - 1)
    }

    fn is_enabled(&self, e: u16) -> bool {
        match e {
            MEM_MANAGE | BUS_FAULT | USAGE_FAULT => self.shcsr_enables & (1 << (12 + e)) != 0,
            e if e >= FIRST_IRQ => self.enabled[usize::from(e - FIRST_IRQ)],
            _ => true,
        }
    }

    /// The execution priority given the masks (B1.5.4).
    pub fn execution_priority(&self, primask: bool, faultmask: bool, basepri: u8) -> i16 {
        let mut prio = (2..self.exception_count())
            .filter(|&e| self.active[usize::from(e)])
            .map(|e| self.group(self.priority(e)))
            .min()
            .unwrap_or(THREAD_PRIORITY);
        if basepri & self.prio_mask != 0 {
            prio = prio.min(self.group(i16::from(basepri & self.prio_mask)));
        }
        if primask {
            prio = prio.min(0);
        }
        if faultmask {
            prio = prio.min(-1);
        }
        prio
    }

    /// The pending exception that would be taken next, ignoring the masks.
    pub fn highest_pending(&self) -> Option<u16> {
        (2..self.exception_count())
            .filter(|&e| self.pending[usize::from(e)] && self.is_enabled(e))
            .min_by_key(|&e| (self.priority(e), e))
    }

    /// The exception that preempts code running at `exec_priority`, if any.
    /// The pending exception that would preempt `e` (a late arrival during `e`'s entry).
    pub fn preempting(&self, e: u16) -> Option<u16> {
        self.to_take(self.group(self.priority(e)))
    }

    pub fn to_take(&self, exec_priority: i16) -> Option<u16> {
        self.highest_pending()
            .filter(|&e| self.group(self.priority(e)) < exec_priority)
    }

    /// Whether anything pending could ever be taken or could wake a WFI (SEVONPEND aside).
    pub fn any_pending(&self) -> bool {
        self.highest_pending().is_some()
    }

    pub fn set_pending(&mut self, e: u16) {
        self.pending[usize::from(e)] = true;
    }

    pub fn enter(&mut self, e: u16) {
        self.pending[usize::from(e)] = false;
        self.active[usize::from(e)] = true;
        self.current = e;
    }

    /// Deactivates `e`; a level-triggered line still asserted pends it again.
    pub fn leave(&mut self, e: u16, to: u16) {
        self.active[usize::from(e)] = false;
        if e >= FIRST_IRQ && self.line[usize::from(e - FIRST_IRQ)] > 0 {
            self.pending[usize::from(e)] = true;
        }
        self.current = to;
    }

    /// A peripheral's interrupt line changed level.
    pub fn line(&mut self, irq: u16, level: bool) {
        let n = &mut self.line[usize::from(irq)];
        *n = if level {
            n.saturating_add(1)
        } else {
            n.saturating_sub(1)
        };
        if level {
            self.pending[usize::from(FIRST_IRQ + irq)] = true;
        }
    }

    /// Records a fault in the status registers and decides which exception handles it
    /// (escalating to HardFault when the fault's own handler is disabled or cannot preempt).
    pub fn fault(&mut self, fault: Fault, exec_priority: i16) -> FaultTarget {
        let (exc, bits) = match fault {
            Fault::DataBus(addr) => {
                self.bfar = addr;
                (BUS_FAULT, cfsr::PRECISERR | cfsr::BFARVALID)
            }
            Fault::InstructionBus => (BUS_FAULT, cfsr::IBUSERR),
            Fault::MemManage(addr) => {
                if let Some(a) = addr {
                    self.mmfar = a;
                }
                (
                    MEM_MANAGE,
                    if addr.is_some() {
                        cfsr::DACCVIOL | cfsr::MMARVALID
                    } else {
                        cfsr::IACCVIOL
                    },
                )
            }
            Fault::Usage(bits) => (USAGE_FAULT, bits),
            Fault::VectorTable => {
                self.hfsr |= HFSR_VECTTBL;
                return if exec_priority <= -1 {
                    FaultTarget::Lockup
                } else {
                    FaultTarget::Take(HARD_FAULT)
                };
            }
        };
        self.cfsr |= bits;
        if self.is_enabled(exc) && self.group(self.priority(exc)) < exec_priority {
            return FaultTarget::Take(exc);
        }
        if exec_priority <= -1 {
            return FaultTarget::Lockup;
        }
        self.hfsr |= HFSR_FORCED;
        FaultTarget::Take(HARD_FAULT)
    }

    pub fn cfsr(&self) -> u32 {
        self.cfsr
    }

    pub fn hfsr(&self) -> u32 {
        self.hfsr
    }

    pub fn mmfar(&self) -> Option<u32> {
        (self.cfsr & cfsr::MMARVALID != 0).then_some(self.mmfar)
    }

    pub fn bfar(&self) -> Option<u32> {
        (self.cfsr & cfsr::BFARVALID != 0).then_some(self.bfar)
    }

    /// CPACR grants CP10 and CP11 (the FPU) some access.
    pub fn fpu_enabled(&self) -> bool {
        self.cpacr & (0xF << 20) == 0xF << 20
    }

    /// FPCCR.LSPEN: exception entry only reserves room for the FP context.
    pub fn lazy_stacking(&self) -> bool {
        self.fpccr & (1 << 30) != 0
    }

    /// Where a lazily reserved FP context waits to be saved (FPCAR while FPCCR.LSPACT).
    pub fn lazy_pending(&self) -> Option<u32> {
        (self.fpccr & 1 != 0).then_some(self.fpcar)
    }

    /// Reserves (`Some(address)`) or settles (`None`) a lazy FP context.
    pub fn set_lazy(&mut self, at: Option<u32>) {
        match at {
            Some(a) => {
                self.fpcar = a;
                self.fpccr |= 1;
            }
            None => self.fpccr &= !1,
        }
    }

    /// SCR.SLEEPONEXIT.
    pub fn sleep_on_exit(&self) -> bool {
        self.scr & 2 != 0
    }

    fn bits32(flags: &[bool]) -> u32 {
        flags
            .iter()
            .enumerate()
            .fold(0, |acc, (i, &f)| acc | (u32::from(f) << i))
    }

    fn irq_word(&self, which: &[bool], word: usize) -> u32 {
        let lo = word * 32;
        let hi = (lo + 32).min(which.len());
        if lo >= hi {
            0
        } else {
            Self::bits32(&which[lo..hi])
        }
    }

    fn icsr(&self) -> u32 {
        let pending = self.highest_pending().map_or(0, u32::from);
        let isr_pending = (FIRST_IRQ..self.exception_count()).any(|e| self.pending[usize::from(e)]);
        let active_count = (2..self.exception_count())
            .filter(|&e| self.active[usize::from(e)])
            .count();
        u32::from(self.current)
            | (u32::from(active_count <= 1) << 11)
            | (pending << 12)
            | (u32::from(isr_pending) << 22)
            | (u32::from(self.pending[usize::from(SYSTICK)]) << 26)
            | (u32::from(self.pending[usize::from(PENDSV)]) << 28)
            | (u32::from(self.pending[usize::from(NMI)]) << 31)
    }

    fn write_icsr(&mut self, v: u32) {
        for (set, clear, e) in [(31, 32, NMI), (28, 27, PENDSV), (26, 25, SYSTICK)] {
            if v & (1 << set) != 0 {
                self.pending[usize::from(e)] = true;
            } else if clear < 32 && v & (1 << clear) != 0 {
                self.pending[usize::from(e)] = false;
            }
        }
    }

    fn shcsr(&self) -> u32 {
        let a = |e: u16| u32::from(self.active[usize::from(e)]);
        let p = |e: u16| u32::from(self.pending[usize::from(e)]);
        self.shcsr_enables
            | a(MEM_MANAGE)
            | (a(BUS_FAULT) << 1)
            | (a(USAGE_FAULT) << 3)
            | (a(SVCALL) << 7)
            | (a(PENDSV) << 10)
            | (a(SYSTICK) << 11)
            | (p(USAGE_FAULT) << 12)
            | (p(MEM_MANAGE) << 13)
            | (p(BUS_FAULT) << 14)
            | (p(SVCALL) << 15)
    }

    /// Reads the priority bytes of exceptions `first..first + 4` as a word.
    fn prio_word(&self, first: usize) -> u32 {
        (0..4).fold(0, |acc, i| {
            acc | (u32::from(*self.priority.get(first + i).unwrap_or(&0)) << (8 * i))
        })
    }

    fn write_prio_word(&mut self, first: usize, value: u32, mask: u32) {
        for i in 0..4 {
            let e = first + i;
            if mask & (0xFF << (8 * i)) != 0
                && e < self.priority.len()
                && e >= usize::from(MEM_MANAGE)
            {
                self.priority[e] = (value >> (8 * i)) as u8 & self.prio_mask;
            }
        }
    }
}

/// Offsets from 0xE000_E000.
impl Mmio for Nvic {
    fn read(&mut self, offset: u32, _ctx: &mut Ctx) -> u32 {
        let word = ((offset & 0x7F) / 4) as usize;
        match offset {
            0x004 => u32::from(self.irq_count.div_ceil(32)).saturating_sub(1),
            0x008 => self.actlr,
            0x100..=0x13C => self.irq_word(&self.enabled, word),
            0x180..=0x1BC => self.irq_word(&self.enabled, word),
            0x200..=0x23C | 0x280..=0x2BC => {
                self.irq_word(&self.pending[usize::from(FIRST_IRQ)..], word)
            }
            0x300..=0x33C => self.irq_word(&self.active[usize::from(FIRST_IRQ)..], word),
            0x400..=0x5EC => self.prio_word(usize::from(FIRST_IRQ) + (offset - 0x400) as usize),
            0xD00 => CPUID,
            0xD04 => self.icsr(),
            0xD08 => self.vtor,
            0xD0C => 0xFA05_0000 | (self.prigroup << 8),
            0xD10 => self.scr,
            0xD14 => self.ccr,
            0xD18..=0xD20 => self.prio_word((offset - 0xD18) as usize + 4),
            0xD24 => self.shcsr(),
            0xD28 => self.cfsr,
            0xD2C => self.hfsr,
            0xD30 => self.dfsr,
            0xD34 => self.mmfar,
            0xD38 => self.bfar,
            0xD88 => self.cpacr,
            0xF34 => self.fpccr,
            0xF38 => self.fpcar,
            0xF3C => self.fpdscr,
            // Feature registers of a Cortex-M4 with FPU (MVFR0/1, ID_PFR0...).
            0xD40 => 0x0000_0030,
            0xD44 => 0x0000_0200,
            0xF40 => 0x1011_0021,
            0xF44 => 0x1100_0011,
            _ => 0,
        }
    }

    fn write(&mut self, offset: u32, value: u32, mask: u32, _ctx: &mut Ctx) {
        let v = value & mask;
        let word = ((offset & 0x7F) / 4) as usize;
        let irqs = |f: &mut dyn FnMut(usize)| {
            for bit in 0..32 {
                if v & (1 << bit) != 0 {
                    f(word * 32 + bit);
                }
            }
        };
        let n = usize::from(self.irq_count);
        let first = usize::from(FIRST_IRQ);
        match offset {
            0x008 => self.actlr = merge(self.actlr, value, mask) & 0x307,
            0x100..=0x13C => irqs(&mut |i| {
                if i < n {
                    self.enabled[i] = true
                }
            }),
            0x180..=0x1BC => irqs(&mut |i| {
                if i < n {
                    self.enabled[i] = false
                }
            }),
            0x200..=0x23C => irqs(&mut |i| {
                if i < n {
                    self.pending[first + i] = true
                }
            }),
            // A line still asserted pends again at once.
            0x280..=0x2BC => irqs(&mut |i| {
                if i < n {
                    self.pending[first + i] = self.line[i] > 0
                }
            }),
            0x400..=0x5EC => self.write_prio_word(first + (offset - 0x400) as usize, value, mask),
            0xF00 => {
                let irq = (v & 0x1FF) as usize;
                if irq < n {
                    self.pending[first + irq] = true;
                }
            }
            0xD04 => self.write_icsr(v),
            0xD08 => self.vtor = merge(self.vtor, value, mask) & 0xFFFF_FF80,
            0xD0C if (v >> 16) == VECTKEY => {
                self.prigroup = (v >> 8) & 7;
                if v & 4 != 0 {
                    self.reset_requested = true;
                }
            }
            0xD10 => self.scr = merge(self.scr, value, mask) & 0x16,
            0xD14 => self.ccr = merge(self.ccr, value, mask) & 0x31B,
            0xD18..=0xD20 => self.write_prio_word((offset - 0xD18) as usize + 4, value, mask),
            0xD24 => self.shcsr_enables = merge(self.shcsr_enables, value, mask) & (7 << 16),
            // Fault status bits clear by writing one.
            0xD28 => self.cfsr &= !v,
            0xD2C => self.hfsr &= !v,
            0xD30 => self.dfsr &= !v,
            0xD34 => self.mmfar = merge(self.mmfar, value, mask),
            0xD38 => self.bfar = merge(self.bfar, value, mask),
            0xD88 => self.cpacr = merge(self.cpacr, value, mask) & (0xF << 20),
            0xF34 => self.fpccr = merge(self.fpccr, value, mask) & 0xC000_01FB,
            0xF38 => self.fpcar = merge(self.fpcar, value, mask) & !7,
            0xF3C => self.fpdscr = merge(self.fpdscr, value, mask) & 0x07C0_0000,
            _ => {}
        }
    }

    fn implements(&self, offset: u32) -> bool {
        matches!(offset, 0x004 | 0x008 | 0x100..=0x5EC | 0xD00..=0xD3C | 0xD40..=0xD7C | 0xD88 | 0xF00 | 0xF34..=0xF44)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priorities_grouping_and_preemption() {
        let mut n = Nvic::new(82, 4);
        n.priority[usize::from(FIRST_IRQ) + 5] = 0x40;
        n.priority[usize::from(FIRST_IRQ) + 6] = 0x20;
        n.enabled[5] = true;
        n.enabled[6] = true;
        n.set_pending(FIRST_IRQ + 5);
        n.set_pending(FIRST_IRQ + 6);
        assert_eq!(
            n.to_take(THREAD_PRIORITY),
            Some(FIRST_IRQ + 6),
            "lower number wins"
        );
        n.enter(FIRST_IRQ + 6);
        assert_eq!(n.execution_priority(false, false, 0), 0x20);
        assert_eq!(n.to_take(0x20), None, "0x40 cannot preempt 0x20");
        assert_eq!(
            n.execution_priority(true, false, 0),
            0,
            "PRIMASK boosts to 0"
        );
        assert_eq!(
            n.execution_priority(false, false, 0x10),
            0x10,
            "BASEPRI boosts"
        );
        n.leave(FIRST_IRQ + 6, 0);
        assert_eq!(n.to_take(THREAD_PRIORITY), Some(FIRST_IRQ + 5));
    }

    #[test]
    fn faults_escalate_to_hardfault_unless_enabled() {
        let mut n = Nvic::new(82, 4);
        assert_eq!(
            n.fault(Fault::Usage(cfsr::UNDEFINSTR), THREAD_PRIORITY),
            FaultTarget::Take(HARD_FAULT)
        );
        assert_eq!(n.hfsr(), HFSR_FORCED);
        n.shcsr_enables = 1 << 18;
        assert_eq!(
            n.fault(Fault::Usage(cfsr::NOCP), THREAD_PRIORITY),
            FaultTarget::Take(USAGE_FAULT)
        );
        assert_eq!(
            n.fault(Fault::DataBus(0x3000_0000), -1),
            FaultTarget::Lockup
        );
        assert_eq!(n.bfar(), Some(0x3000_0000));
    }
}

#[cfg(test)]
mod register_tests {
    use super::*;
    use crate::peripherals::{Clocks, Rig};

    #[test]
    fn nvic_and_scb_registers() {
        let mut rig = Rig::new(Clocks::uniform(16_000_000));
        let mut n = Nvic::new(82, 4);
        let mut c = rig.at(0);
        assert_eq!(n.read(0xD00, &mut c), 0x410F_C241, "CPUID: Cortex-M4 r0p1");
        n.write(0x100 + 4, 1 << 5, !0, &mut c); // ISER1: IRQ 37 (USART1)
        assert_eq!(n.read(0x100 + 4, &mut c), 1 << 5);
        assert_eq!(
            n.read(0x180 + 4, &mut c),
            1 << 5,
            "ICER reads the enables too"
        );
        n.write(0x200 + 4, 1 << 5, !0, &mut c);
        assert_eq!(
            n.read(0xD04, &mut c) >> 12 & 0x1FF,
            16 + 37,
            "ICSR.VECTPENDING"
        );
        n.write(0x280 + 4, 1 << 5, !0, &mut c);
        assert_eq!(n.read(0x200 + 4, &mut c), 0);
        // IPR: a byte per IRQ, only the top four bits implemented.
        n.write(0x400 + 36, 0xFF00, 0xFF00, &mut c);
        assert_eq!(n.read(0x400 + 36, &mut c), 0xF000);
        // AIRCR needs its key.
        n.write(0xD0C, 5 << 8, !0, &mut c);
        assert_eq!(n.read(0xD0C, &mut c), 0xFA05_0000);
        n.write(0xD0C, (0x05FA << 16) | (5 << 8), !0, &mut c);
        assert_eq!(n.read(0xD0C, &mut c), 0xFA05_0500);
        assert!(!n.reset_requested);
        n.write(0xD0C, (0x05FA << 16) | 4, !0, &mut c);
        assert!(n.reset_requested, "SYSRESETREQ");
        // ICSR: PendSV set and clear.
        n.write(0xD04, 1 << 28, !0, &mut c);
        assert_eq!(n.read(0xD04, &mut c) & (1 << 28), 1 << 28);
        n.write(0xD04, 1 << 27, !0, &mut c);
        assert_eq!(n.read(0xD04, &mut c) & (1 << 28), 0);
        n.write(0xD88, 0xF << 20, !0, &mut c);
        assert!(n.fpu_enabled());
    }
}
