//! SysTick (ARMv7-M B3.3): a 24-bit down counter on the core clock or HCLK/8.

use crate::peripherals::{merge, Clocks, Ctx, Mmio};

const CSR: u32 = 0x0;
const RVR: u32 = 0x4;
const CVR: u32 = 0x8;
const CALIB: u32 = 0xC;

const ENABLE: u32 = 1 << 0;
const TICKINT: u32 = 1 << 1;
const CLKSOURCE: u32 = 1 << 2;
const COUNTFLAG: u32 = 1 << 16;
/// STM32F4: 21,000 reference ticks (HCLK/8 at 168 MHz) make 1 ms.
const CALIB_VALUE: u32 = 21_000;
/// The external reference is HCLK/8 on the STM32F4.
const REF_DIV: u64 = 8;

/// SysTick's exception number.
pub const EXCEPTION: u16 = 15;

#[derive(Debug, Default)]
pub struct SysTick {
    csr: u32,
    rvr: u32,
    cvr: u32,
    /// The cycle `cvr` was last brought up to, and cycles of a reference tick left over.
    last: u64,
    frac: u64,
}

impl SysTick {
    fn div(&self) -> u64 {
        if self.csr & CLKSOURCE != 0 {
            1
        } else {
            REF_DIV
        }
    }

    fn bring_up_to(&mut self, ctx: &mut Ctx) {
        let now = ctx.now.max(self.last);
        if self.csr & ENABLE == 0 {
            self.last = now;
            return;
        }
        let total = now - self.last + self.frac;
        let mut k = total / self.div();
        self.frac = total % self.div();
        self.last = now;
        while k > 0 {
            if self.cvr == 0 {
                // Reload on the clock after reaching zero.
                if self.rvr == 0 {
                    return;
                }
                self.cvr = self.rvr;
                k -= 1;
                // Whole periods at once: each ends by reaching zero again.
                let period = u64::from(self.rvr) + 1;
                if k >= period {
                    k %= period;
                    self.reach_zero(ctx);
                }
                continue;
            }
            let step = k.min(u64::from(self.cvr));
            self.cvr -= step as u32;
            k -= step;
            if self.cvr == 0 {
                self.reach_zero(ctx);
            }
        }
    }

    fn reach_zero(&mut self, ctx: &mut Ctx) {
        self.csr |= COUNTFLAG;
        if self.csr & TICKINT != 0 {
            ctx.irqs.pend_exception(EXCEPTION);
        }
    }
}

impl Mmio for SysTick {
    fn read(&mut self, offset: u32, ctx: &mut Ctx) -> u32 {
        self.bring_up_to(ctx);
        match offset {
            CSR => {
                let v = self.csr;
                self.csr &= !COUNTFLAG;
                v
            }
            RVR => self.rvr,
            CVR => self.cvr,
            _ => CALIB_VALUE,
        }
    }

    fn write(&mut self, offset: u32, value: u32, mask: u32, ctx: &mut Ctx) {
        self.bring_up_to(ctx);
        match offset {
            CSR => {
                self.csr = merge(self.csr, value, mask) & (ENABLE | TICKINT | CLKSOURCE)
                    | (self.csr & COUNTFLAG)
            }
            RVR => self.rvr = merge(self.rvr, value, mask) & 0x00FF_FFFF,
            CVR => {
                self.cvr = 0;
                self.csr &= !COUNTFLAG;
            }
            _ => {}
        }
    }

    fn next_event(&self, _clocks: Clocks) -> Option<u64> {
        if self.csr & (ENABLE | TICKINT) != ENABLE | TICKINT {
            return None;
        }
        let ticks = if self.cvr == 0 {
            u64::from(self.rvr) + 1
        } else {
            u64::from(self.cvr)
        };
        if self.rvr == 0 && self.cvr == 0 {
            return None;
        }
        Some(self.last + ticks * self.div() - self.frac)
    }

    fn advance(&mut self, ctx: &mut Ctx) {
        self.bring_up_to(ctx);
    }

    fn implements(&self, offset: u32) -> bool {
        offset <= CALIB
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::peripherals::Rig;

    #[test]
    fn counts_down_reloads_and_flags() {
        let mut rig = Rig::new(Clocks::uniform(16_000_000));
        let mut st = SysTick::default();
        st.write(RVR, 99, !0, &mut rig.at(0));
        st.write(CVR, 0, !0, &mut rig.at(0));
        st.write(CSR, ENABLE | TICKINT | CLKSOURCE, !0, &mut rig.at(10));
        // One clock to load 99, then 99 more to reach zero.
        assert_eq!(st.next_event(rig.clocks), Some(110));
        assert_eq!(st.read(CVR, &mut rig.at(11)), 99);
        assert_eq!(st.read(CVR, &mut rig.at(109)), 1);
        assert_eq!(st.read(CSR, &mut rig.at(109)) & COUNTFLAG, 0);
        assert_eq!(st.read(CVR, &mut rig.at(110)), 0);
        assert_eq!(st.read(CSR, &mut rig.at(110)) & COUNTFLAG, COUNTFLAG);
        assert_eq!(
            st.read(CSR, &mut rig.at(110)) & COUNTFLAG,
            0,
            "COUNTFLAG clears on read"
        );
        assert_eq!(st.read(CVR, &mut rig.at(111)), 99);
        assert_eq!(
            st.read(CVR, &mut rig.at(111 + 100 * 5)),
            99,
            "whole periods skip ahead"
        );
        // Zero crossings within one step pend the exception once: it is a pending bit.
        assert_eq!(rig.irqs.exceptions, [EXCEPTION, EXCEPTION, EXCEPTION]);
    }

    #[test]
    fn the_reference_clock_is_hclk_over_8() {
        let mut rig = Rig::new(Clocks::uniform(16_000_000));
        let mut st = SysTick::default();
        st.write(RVR, 9, !0, &mut rig.at(0));
        st.write(CSR, ENABLE, !0, &mut rig.at(0));
        assert_eq!(st.read(CVR, &mut rig.at(7)), 0, "no reference tick yet");
        assert_eq!(st.read(CVR, &mut rig.at(8)), 9);
        assert_eq!(st.read(CVR, &mut rig.at(8 * 10)), 0);
    }
}
