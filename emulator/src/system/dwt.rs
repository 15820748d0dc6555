//! Data watchpoint and trace unit (ARMv7-M C1.8): CYCCNT counts core cycles while
//! DEMCR.TRCENA and CTRL.CYCCNTENA are both set. Comparators are not modelled.

use crate::peripherals::{merge, Ctx, Mmio};

const CTRL: u32 = 0x000;
const CYCCNT: u32 = 0x004;
const LAR: u32 = 0xFB0;
const LSR: u32 = 0xFB4;
const CYCCNTENA: u32 = 1;
/// Four comparators, as on the Cortex-M4.
const CTRL_RESET: u32 = 4 << 28;

#[derive(Debug)]
pub struct Dwt {
    ctrl: u32,
    /// CYCCNT at `since`; it counts from there while enabled.
    base: u32,
    since: u64,
    trace: bool,
}

impl Default for Dwt {
    fn default() -> Self {
        Dwt {
            ctrl: CTRL_RESET,
            base: 0,
            since: 0,
            trace: false,
        }
    }
}

impl Dwt {
    fn counting(&self) -> bool {
        self.trace && self.ctrl & CYCCNTENA != 0
    }

    pub fn cyccnt(&self, now: u64) -> u32 {
        if self.counting() {
            self.base.wrapping_add((now - self.since) as u32)
        } else {
            self.base
        }
    }

    /// Freezes the count at `now`, so a change of the enables starts a new stretch.
    fn settle(&mut self, now: u64) {
        self.base = self.cyccnt(now);
        self.since = now;
    }

    /// DEMCR.TRCENA changed.
    pub fn set_trace(&mut self, on: bool, now: u64) {
        self.settle(now);
        self.trace = on;
    }
}

impl Mmio for Dwt {
    fn read(&mut self, offset: u32, ctx: &mut Ctx) -> u32 {
        match offset {
            CTRL => self.ctrl,
            CYCCNT => self.cyccnt(ctx.now),
            _ => 0,
        }
    }

    fn write(&mut self, offset: u32, value: u32, mask: u32, ctx: &mut Ctx) {
        self.settle(ctx.now);
        match offset {
            CTRL => self.ctrl = merge(self.ctrl, value, mask & 0x0FFF_FFFF),
            CYCCNT => self.base = merge(self.base, value, mask),
            _ => {}
        }
    }

    fn implements(&self, offset: u32) -> bool {
        offset <= 0x5C || offset == LAR || offset == LSR
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::peripherals::{Clocks, Rig};

    #[test]
    fn cyccnt_counts_only_with_trcena_and_cyccntena() {
        let mut rig = Rig::new(Clocks::uniform(16_000_000));
        let mut d = Dwt::default();
        d.write(CTRL, CYCCNTENA, 1, &mut rig.at(10));
        assert_eq!(d.read(CYCCNT, &mut rig.at(50)), 0, "DEMCR.TRCENA still off");
        d.set_trace(true, 100);
        assert_eq!(d.read(CYCCNT, &mut rig.at(150)), 50);
        d.write(CTRL, 0, 1, &mut rig.at(200));
        assert_eq!(d.read(CYCCNT, &mut rig.at(900)), 100, "frozen");
        d.write(CYCCNT, u32::MAX, !0, &mut rig.at(900));
        d.write(CTRL, CYCCNTENA, 1, &mut rig.at(900));
        assert_eq!(d.read(CYCCNT, &mut rig.at(902)), 1, "wraps at 32 bits");
        assert_eq!(d.read(CTRL, &mut rig.at(902)) >> 28, 4, "four comparators");
    }
}
