//! General-purpose and advanced timers (RM0090 §14-18): edge-aligned up/down counting with
//! a buffered prescaler, auto-reload preload, repetition counter, one-pulse mode, update and
//! compare flags, and their interrupts.
//!
//! The counter is evaluated lazily: registers read or written, and the bus asking for the
//! next event, bring it up to the current cycle, so a sleeping core skips ahead in one step.
//! Center-aligned modes, slave modes, input capture and output pins are gaps (FIDELITY.md).

use super::{merge, Clocks, Ctx, Mmio};

/// What distinguishes one timer instance from another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimerSpec {
    /// Clocked from APB2 (TIM1, 8, 9, 10, 11) rather than APB1.
    pub apb2: bool,
    /// 32-bit counter (TIM2, TIM5).
    pub wide: bool,
    pub channels: u8,
    /// Has the repetition counter (TIM1, TIM8).
    pub advanced: bool,
    pub update_irq: u16,
    pub cc_irq: u16,
}

const CR1: u32 = 0x00;
const CR2: u32 = 0x04;
const SMCR: u32 = 0x08;
const DIER: u32 = 0x0C;
const SR: u32 = 0x10;
const EGR: u32 = 0x14;
const CCMR1: u32 = 0x18;
const CCMR2: u32 = 0x1C;
const CCER: u32 = 0x20;
const CNT: u32 = 0x24;
const PSC: u32 = 0x28;
const ARR: u32 = 0x2C;
const RCR: u32 = 0x30;
const CCR1: u32 = 0x34;
const CCR4: u32 = 0x40;
const BDTR: u32 = 0x44;
const OR: u32 = 0x50;

const CEN: u32 = 1 << 0;
const UDIS: u32 = 1 << 1;
const URS: u32 = 1 << 2;
const OPM: u32 = 1 << 3;
const DIR: u32 = 1 << 4;
const ARPE: u32 = 1 << 7;
const UIF: u32 = 1 << 0;

#[derive(Debug)]
pub struct Timer {
    spec: TimerSpec,
    cr1: u32,
    cr2: u32,
    smcr: u32,
    dier: u32,
    sr: u32,
    ccmr: [u32; 2],
    ccer: u32,
    cnt: u32,
    /// PSC as written, and the value in use (loaded at the update event).
    psc: u32,
    psc_active: u32,
    arr: u32,
    arr_active: u32,
    rcr: u32,
    rep: u32,
    ccr: [u32; 4],
    bdtr: u32,
    or: u32,
    /// Timer clocks counted into the current prescaler period.
    psc_cnt: u32,
    /// The cycle the counter was last brought up to, and the fraction of a timer clock
    /// left over, in units of 1/hclk.
    last: u64,
    frac: u64,
    irq_levels: (bool, bool),
}

impl Timer {
    pub fn new(spec: TimerSpec) -> Timer {
        let arr = if spec.wide { u32::MAX } else { 0xFFFF };
        Timer {
            spec,
            cr1: 0,
            cr2: 0,
            smcr: 0,
            dier: 0,
            sr: 0,
            ccmr: [0; 2],
            ccer: 0,
            cnt: 0,
            psc: 0,
            psc_active: 0,
            arr,
            arr_active: arr,
            rcr: 0,
            rep: 0,
            ccr: [0; 4],
            bdtr: 0,
            or: 0,
            psc_cnt: 0,
            last: 0,
            frac: 0,
            irq_levels: (false, false),
        }
    }

    fn clock(&self, clocks: Clocks) -> u64 {
        if self.spec.apb2 {
            clocks.tim1
        } else {
            clocks.tim2
        }
    }

    fn mask(&self) -> u32 {
        if self.spec.wide {
            u32::MAX
        } else {
            0xFFFF
        }
    }

    fn down(&self) -> bool {
        self.cr1 & DIR != 0
    }

    /// The update event: shadow registers load, the counter restarts.
    fn update_event(&mut self, flag: bool) {
        self.psc_active = self.psc;
        self.arr_active = self.arr;
        self.rep = self.rcr;
        if flag {
            self.sr |= UIF;
        }
    }

    /// Counter ticks until the next overflow/underflow.
    fn ticks_to_wrap(&self) -> u64 {
        if self.down() {
            u64::from(self.cnt) + 1
        } else {
            u64::from(self.arr_active) - u64::from(self.cnt) + 1
        }
    }

    /// Counter ticks until CNT next equals `value` (1..=period), if it ever does.
    fn ticks_to_value(&self, value: u32) -> Option<u64> {
        let period = u64::from(self.arr_active) + 1;
        let (cnt, value) = (u64::from(self.cnt), u64::from(value));
        if value > u64::from(self.arr_active) {
            return None;
        }
        let d = if self.down() {
            (cnt + period - value) % period
        } else {
            (value + period - cnt) % period
        };
        Some(if d == 0 { period } else { d })
    }

    /// Moves the counter on by `ticks` counter ticks, setting flags as it passes them.
    fn count(&mut self, mut ticks: u64) {
        while ticks > 0 && self.cr1 & CEN != 0 {
            for ch in 0..usize::from(self.spec.channels) {
                if self
                    .ticks_to_value(self.ccr[ch])
                    .is_some_and(|d| d <= ticks)
                {
                    self.sr |= 1 << (ch + 1);
                }
            }
            let wrap = self.ticks_to_wrap();
            if ticks < wrap {
                self.cnt = if self.down() {
                    self.cnt - ticks as u32
                } else {
                    self.cnt + ticks as u32
                };
                return;
            }
            ticks -= wrap;
            self.cnt = if self.down() { self.arr_active } else { 0 };
            if self.rep > 0 {
                self.rep -= 1;
                continue;
            }
            if self.cr1 & UDIS == 0 {
                self.update_event(true);
            }
            if self.cr1 & OPM != 0 {
                self.cr1 &= !CEN;
            }
            // Whole periods with nothing to reload are skipped in one step.
            let period = u64::from(self.arr_active) + 1;
            if self.cr1 & OPM == 0 && self.rcr == 0 && ticks >= period {
                let skip = ticks / period;
                ticks -= skip * period;
                for ch in 0..usize::from(self.spec.channels) {
                    if self.ccr[ch] <= self.arr_active {
                        self.sr |= 1 << (ch + 1);
                    }
                }
            }
        }
    }

    fn bring_up_to(&mut self, ctx: &mut Ctx) {
        let now = ctx.now.max(self.last);
        let total = u128::from(now - self.last) * u128::from(self.clock(ctx.clocks))
            + u128::from(self.frac);
        let hclk = u128::from(ctx.clocks.hclk);
        let clocks = (total / hclk) as u64;
        self.frac = (total % hclk) as u64;
        self.last = now;
        if self.cr1 & CEN == 0 {
            return;
        }
        let per = u64::from(self.psc_active) + 1;
        let all = u64::from(self.psc_cnt) + clocks;
        self.psc_cnt = (all % per) as u32;
        self.count(all / per);
    }

    fn update_irqs(&mut self, ctx: &mut Ctx) {
        let pending = self.sr & self.dier;
        let levels = (pending & UIF != 0, pending & 0x1E != 0);
        let (up, cc) = (self.spec.update_irq, self.spec.cc_irq);
        let old = self.irq_levels;
        if up == cc {
            let (a, b) = (old.0 || old.1, levels.0 || levels.1);
            if a != b {
                ctx.irqs.set(up, b);
            }
        } else {
            if old.0 != levels.0 {
                ctx.irqs.set(up, levels.0);
            }
            if old.1 != levels.1 {
                ctx.irqs.set(cc, levels.1);
            }
        }
        self.irq_levels = levels;
    }
}

impl Mmio for Timer {
    fn read(&mut self, offset: u32, ctx: &mut Ctx) -> u32 {
        self.bring_up_to(ctx);
        self.update_irqs(ctx);
        match offset {
            CR1 => self.cr1,
            CR2 => self.cr2,
            SMCR => self.smcr,
            DIER => self.dier,
            SR => self.sr,
            CCMR1 => self.ccmr[0],
            CCMR2 => self.ccmr[1],
            CCER => self.ccer,
            CNT => self.cnt,
            PSC => self.psc,
            ARR => self.arr,
            RCR => self.rcr,
            CCR1..=CCR4 => self.ccr[((offset - CCR1) / 4) as usize],
            BDTR => self.bdtr,
            OR => self.or,
            _ => 0,
        }
    }

    fn write(&mut self, offset: u32, value: u32, mask: u32, ctx: &mut Ctx) {
        self.bring_up_to(ctx);
        let m = self.mask();
        match offset {
            CR1 => {
                let was = self.cr1 & CEN;
                self.cr1 = merge(self.cr1, value, mask) & 0x3FF;
                if was == 0 && self.cr1 & CEN != 0 {
                    self.psc_cnt = 0;
                }
            }
            CR2 => self.cr2 = merge(self.cr2, value, mask),
            SMCR => self.smcr = merge(self.smcr, value, mask),
            DIER => self.dier = merge(self.dier, value, mask) & 0x7FFF,
            // Status flags clear by writing zero.
            SR => self.sr &= value | !mask,
            EGR => {
                let v = value & mask;
                if v & 1 != 0 {
                    self.cnt = if self.down() { self.arr } else { 0 };
                    self.psc_cnt = 0;
                    self.update_event(self.cr1 & URS == 0);
                }
                self.sr |= v & 0x1E;
            }
            CCMR1 => self.ccmr[0] = merge(self.ccmr[0], value, mask),
            CCMR2 => self.ccmr[1] = merge(self.ccmr[1], value, mask),
            CCER => self.ccer = merge(self.ccer, value, mask),
            CNT => self.cnt = merge(self.cnt, value, mask) & m,
            PSC => self.psc = merge(self.psc, value, mask) & 0xFFFF,
            ARR => {
                self.arr = merge(self.arr, value, mask) & m;
                if self.cr1 & ARPE == 0 {
                    self.arr_active = self.arr;
                }
            }
            RCR if self.spec.advanced => self.rcr = merge(self.rcr, value, mask) & 0xFF,
            CCR1..=CCR4 => {
                let i = ((offset - CCR1) / 4) as usize;
                self.ccr[i] = merge(self.ccr[i], value, mask) & m;
            }
            BDTR => self.bdtr = merge(self.bdtr, value, mask),
            OR => self.or = merge(self.or, value, mask),
            _ => {}
        }
        self.update_irqs(ctx);
    }

    fn next_event(&self, clocks: Clocks) -> Option<u64> {
        if self.cr1 & CEN == 0 || self.dier & 0x1F == 0 {
            return None;
        }
        let mut ticks = None::<u64>;
        if self.dier & UIF != 0 && self.cr1 & UDIS == 0 {
            // With a repetition count the flag waits for that many more wraps.
            let period = u64::from(self.arr_active) + 1;
            ticks = Some(self.ticks_to_wrap() + u64::from(self.rep) * period);
        }
        for ch in 0..usize::from(self.spec.channels) {
            if self.dier & (1 << (ch + 1)) != 0 {
                if let Some(d) = self.ticks_to_value(self.ccr[ch]) {
                    ticks = Some(ticks.map_or(d, |t| t.min(d)));
                }
            }
        }
        let ticks = ticks?;
        let per = u64::from(self.psc_active) + 1;
        let timer_clocks = (ticks - 1) * per + (per - u64::from(self.psc_cnt));
        let tim = u128::from(self.clock(clocks));
        let need = (u128::from(timer_clocks) * u128::from(clocks.hclk))
            .saturating_sub(u128::from(self.frac));
        Some(self.last + need.div_ceil(tim) as u64)
    }

    fn advance(&mut self, ctx: &mut Ctx) {
        self.bring_up_to(ctx);
        self.update_irqs(ctx);
    }

    fn implements(&self, offset: u32) -> bool {
        offset <= OR
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::peripherals::Rig;

    const TIM2: TimerSpec = TimerSpec {
        apb2: false,
        wide: true,
        channels: 4,
        advanced: false,
        update_irq: 28,
        cc_irq: 28,
    };

    /// 168 MHz core, APB1 at 42 MHz: its timers count at 84 MHz, one tick every two cycles.
    fn rig() -> Rig {
        Rig::new(Clocks {
            hclk: 168_000_000,
            pclk1: 42_000_000,
            pclk2: 84_000_000,
            tim1: 168_000_000,
            tim2: 84_000_000,
        })
    }

    #[test]
    fn counts_at_the_apb1_timer_clock_with_prescaler() {
        let mut rig = rig();
        let mut t = Timer::new(TIM2);
        t.write(PSC, 9, !0, &mut rig.at(0));
        t.write(ARR, 999, !0, &mut rig.at(0));
        t.write(EGR, 1, !0, &mut rig.at(0));
        t.write(SR, 0, !0, &mut rig.at(0));
        t.write(CR1, CEN, !0, &mut rig.at(0));
        // 10 timer clocks a tick, 2 cycles a timer clock: CNT = cycles / 20.
        assert_eq!(t.read(CNT, &mut rig.at(19)), 0);
        assert_eq!(t.read(CNT, &mut rig.at(20)), 1);
        assert_eq!(t.read(CNT, &mut rig.at(20 * 999)), 999);
        assert_eq!(t.read(SR, &mut rig.at(20 * 999)) & UIF, 0);
        assert_eq!(t.read(CNT, &mut rig.at(20 * 1000)), 0);
        assert_eq!(t.read(SR, &mut rig.at(20 * 1000)) & UIF, UIF);
    }

    #[test]
    fn next_event_is_the_cycle_of_the_update_interrupt() {
        let mut rig = rig();
        let mut t = Timer::new(TIM2);
        t.write(PSC, 83, !0, &mut rig.at(0));
        t.write(ARR, 999, !0, &mut rig.at(0));
        t.write(EGR, 1, !0, &mut rig.at(0));
        t.write(SR, 0, !0, &mut rig.at(0));
        t.write(DIER, 1, !0, &mut rig.at(0));
        t.write(CR1, CEN, !0, &mut rig.at(100));
        // 1 µs per tick at 84 MHz / 84, 1000 ticks = 1 ms = 168,000 cycles after enabling.
        assert_eq!(t.next_event(rig.clocks), Some(100 + 168_000));
        t.advance(&mut rig.at(100 + 167_999));
        assert!(rig.irqs.drain().next().is_none());
        t.advance(&mut rig.at(100 + 168_000));
        assert_eq!(rig.irqs.drain().collect::<Vec<_>>(), [(28, true)]);
    }

    #[test]
    fn one_pulse_mode_stops_at_the_update() {
        let mut rig = rig();
        let mut t = Timer::new(TIM2);
        t.write(ARR, 9, !0, &mut rig.at(0));
        t.write(CR1, CEN | OPM, !0, &mut rig.at(0));
        assert_eq!(t.read(CR1, &mut rig.at(1000)) & CEN, 0);
        assert_eq!(t.read(CNT, &mut rig.at(1000)), 0);
        assert_eq!(t.read(SR, &mut rig.at(1000)) & UIF, UIF);
    }

    #[test]
    fn down_counting_underflows_to_arr_and_compare_flags_set() {
        let mut rig = rig();
        let mut t = Timer::new(TIM2);
        t.write(ARR, 99, !0, &mut rig.at(0));
        t.write(CCR1, 50, !0, &mut rig.at(0));
        t.write(CNT, 99, !0, &mut rig.at(0));
        t.write(CR1, CEN | DIR, !0, &mut rig.at(0));
        assert_eq!(t.read(CNT, &mut rig.at(2 * 48)), 51);
        assert_eq!(t.read(SR, &mut rig.at(2 * 48)), 0);
        assert_eq!(
            t.read(SR, &mut rig.at(2 * 49)),
            1 << 1,
            "CC1IF at CNT == CCR1"
        );
        assert_eq!(t.read(CNT, &mut rig.at(2 * 100)), 99);
        assert_eq!(t.read(SR, &mut rig.at(2 * 100)) & UIF, UIF);
    }
}
