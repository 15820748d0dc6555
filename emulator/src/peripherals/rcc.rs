//! Reset and clock control (RM0090 §7): oscillators come ready as soon as they are enabled,
//! SWS follows SW, and the bus clocks follow PLLCFGR and CFGR.

use super::{merge, Clocks, Ctx, Mmio};

const CR: u32 = 0x00;
const PLLCFGR: u32 = 0x04;
const CFGR: u32 = 0x08;
const CIR: u32 = 0x0C;
const BDCR: u32 = 0x70;
const CSR: u32 = 0x74;
const LAST: u32 = 0x84;

#[derive(Debug)]
pub struct Rcc {
    regs: [u32; (LAST / 4 + 1) as usize],
    hsi_hz: u64,
    hse_hz: u64,
}

/// (offset, reset value) of every register (RM0090 §7.3).
const RESET: &[(u32, u32)] = &[
    (CR, 0x0000_0083),
    (PLLCFGR, 0x2400_3010),
    (0x30, 0x0010_0000),
    (0x50, 0x7E67_91FF),
    (0x54, 0x0000_00F1),
    (0x58, 0x0000_0001),
    (0x60, 0x36FE_C9FF),
    (0x64, 0x0007_5F33),
    (CSR, 0x0E00_0000),
    (LAST, 0x2000_3000),
];

/// Offsets of the registers RM0090 lists (the rest of the block is reserved).
const IMPLEMENTED: &[u32] = &[
    0x00, 0x04, 0x08, 0x0C, 0x10, 0x14, 0x18, 0x20, 0x24, 0x30, 0x34, 0x38, 0x40, 0x44, 0x50, 0x54,
    0x58, 0x60, 0x64, 0x70, 0x74, 0x80, 0x84,
];

impl Rcc {
    pub fn new(hsi_hz: u64, hse_hz: u64) -> Rcc {
        let mut regs = [0; (LAST / 4 + 1) as usize];
        for &(off, v) in RESET {
            regs[(off / 4) as usize] = v;
        }
        Rcc {
            regs,
            hsi_hz,
            hse_hz,
        }
    }

    fn reg(&self, off: u32) -> u32 {
        self.regs[(off / 4) as usize]
    }

    fn pll_hz(&self) -> u64 {
        let cfg = self.reg(PLLCFGR);
        let src = if cfg & (1 << 22) != 0 {
            self.hse_hz
        } else {
            self.hsi_hz
        };
        let m = u64::from(cfg & 0x3F).max(2);
        let n = u64::from((cfg >> 6) & 0x1FF);
        let p = 2 * (u64::from((cfg >> 16) & 3) + 1);
        src / m * n / p
    }

    /// The clocks the current configuration gives.
    pub fn clocks(&self) -> Clocks {
        let cfgr = self.reg(CFGR);
        let sysclk = match (cfgr >> 2) & 3 {
            1 => self.hse_hz,
            2 => self.pll_hz(),
            _ => self.hsi_hz,
        };
        let hpre = (cfgr >> 4) & 0xF;
        let hclk = if hpre < 8 {
            sysclk
        } else {
            sysclk >> [1, 2, 3, 4, 6, 7, 8, 9][(hpre - 8) as usize]
        };
        let apb = |ppre: u32| {
            if ppre < 4 {
                (hclk, hclk)
            } else {
                (hclk >> (ppre - 3), 2 * (hclk >> (ppre - 3)))
            }
        };
        let (pclk1, tim1) = apb((cfgr >> 10) & 7);
        let (pclk2, tim2) = apb((cfgr >> 13) & 7);
        // `tim1`/`tim2` name the APB buses the timers hang off: APB2 for TIM1/8/9/10/11.
        Clocks {
            hclk,
            pclk1,
            pclk2,
            tim1: tim2,
            tim2: tim1,
        }
    }
}

impl Mmio for Rcc {
    fn read(&mut self, offset: u32, _ctx: &mut Ctx) -> u32 {
        self.reg(offset)
    }

    fn write(&mut self, offset: u32, value: u32, mask: u32, _ctx: &mut Ctx) {
        let old = self.reg(offset);
        let mut v = merge(old, value, mask);
        match offset {
            // Each oscillator and PLL is ready as soon as it is on.
            CR => {
                let ready = |on: u32| (v >> on) & 1;
                v = (v & !((1 << 1) | (1 << 17) | (1 << 25) | (1 << 27)))
                    | (ready(0) << 1)
                    | (ready(16) << 17)
                    | (ready(24) << 25)
                    | (ready(26) << 27);
            }
            CFGR => v = (v & !0xC) | ((v & 3) << 2),
            CIR => v &= 0x0000_3F00 | (old & 0xFF & !(v >> 16)),
            BDCR => v = (v & !2) | ((v & 1) << 1),
            CSR => v = (v & !2) | ((v & 1) << 1),
            _ => {}
        }
        self.regs[(offset / 4) as usize] = v;
    }

    fn implements(&self, offset: u32) -> bool {
        IMPLEMENTED.contains(&offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::peripherals::Rig;

    #[test]
    fn pll_at_168_mhz_from_a_12_mhz_crystal() {
        let mut rig = Rig::new(Clocks::uniform(16_000_000));
        let mut c = rig.at(0);
        let mut rcc = Rcc::new(16_000_000, 12_000_000);
        rcc.write(CR, 1 << 16, !0, &mut c);
        assert_eq!(
            rcc.read(CR, &mut c) & (1 << 17),
            1 << 17,
            "HSERDY follows HSEON"
        );
        // M=12, N=336, P=2, source HSE: 12/12*336/2 = 168 MHz.
        rcc.write(PLLCFGR, (1 << 22) | (336 << 6) | 12, !0, &mut c);
        rcc.write(CR, (1 << 16) | (1 << 24), !0, &mut c);
        assert_eq!(
            rcc.read(CR, &mut c) & (1 << 25),
            1 << 25,
            "PLLRDY follows PLLON"
        );
        // SW=PLL, AHB /1, APB1 /4, APB2 /2.
        rcc.write(CFGR, 2 | (0b101 << 10) | (0b100 << 13), !0, &mut c);
        assert_eq!(rcc.read(CFGR, &mut c) & 0xC, 0x8, "SWS follows SW");
        let clk = rcc.clocks();
        assert_eq!(
            clk,
            Clocks {
                hclk: 168_000_000,
                pclk1: 42_000_000,
                pclk2: 84_000_000,
                tim1: 168_000_000,
                tim2: 84_000_000
            }
        );
    }
}
