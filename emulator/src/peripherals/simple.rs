//! Register blocks whose only job is to let standard start-up code complete: the flash
//! interface (wait states, caches, lock keys) and the power controller.

use super::{merge, Ctx, Mmio};

const FLASH_KEYS: [u32; 2] = [0x4567_0123, 0xCDEF_89AB];

/// FLASH interface (RM0090 §3.9). ACR is kept and readable; the cycle model obeys it only
/// with the flash wait-state option (the machine's `art` model; FIDELITY.md).
#[derive(Debug)]
pub struct FlashInterface {
    acr: u32,
    sr: u32,
    cr: u32,
    optcr: u32,
    key_step: u8,
}

impl Default for FlashInterface {
    fn default() -> Self {
        FlashInterface {
            acr: 0,
            sr: 0,
            cr: 0x8000_0000,
            optcr: 0x0FFF_AAED,
            key_step: 0,
        }
    }
}

impl FlashInterface {
    pub fn latency(&self) -> u32 {
        self.acr & 7
    }
}

impl Mmio for FlashInterface {
    fn read(&mut self, offset: u32, _ctx: &mut Ctx) -> u32 {
        match offset {
            0x00 => self.acr,
            0x0C => self.sr,
            0x10 => self.cr,
            0x14 => self.optcr,
            _ => 0, // the key registers are write-only
        }
    }

    fn write(&mut self, offset: u32, value: u32, mask: u32, _ctx: &mut Ctx) {
        match offset {
            // The cache-reset bits are self-clearing.
            0x00 => self.acr = merge(self.acr, value, mask) & 0x0707,
            0x04 => {
                self.key_step = if value == FLASH_KEYS[usize::from(self.key_step.min(1))] {
                    self.key_step + 1
                } else {
                    0
                };
                if self.key_step == 2 {
                    self.cr &= !0x8000_0000;
                    self.key_step = 0;
                }
            }
            0x0C => self.sr &= !(value & mask & 0xF3),
            0x10 if self.cr & 0x8000_0000 == 0 => {
                self.cr = merge(self.cr, value, mask) & 0x8101_037F
            }
            _ => {}
        }
    }

    fn implements(&self, offset: u32) -> bool {
        offset <= 0x14
    }
}

/// Power controller (RM0090 §5.4): the regulator is always ready at the selected scale.
#[derive(Debug)]
pub struct Pwr {
    cr: u32,
}

impl Default for Pwr {
    fn default() -> Self {
        Pwr { cr: 0x0000_4000 }
    }
}

const PWR_CSR_VOSRDY: u32 = 1 << 14;

impl Mmio for Pwr {
    fn read(&mut self, offset: u32, _ctx: &mut Ctx) -> u32 {
        if offset == 0 {
            self.cr
        } else {
            PWR_CSR_VOSRDY
        }
    }

    fn write(&mut self, offset: u32, value: u32, mask: u32, _ctx: &mut Ctx) {
        if offset == 0 {
            self.cr = merge(self.cr, value, mask) & 0x0000_C3FF;
        }
    }

    fn implements(&self, offset: u32) -> bool {
        offset <= 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::peripherals::{Clocks, Rig};

    #[test]
    fn flash_latency_and_unlock_sequence() {
        let mut rig = Rig::new(Clocks::uniform(16_000_000));
        let mut f = FlashInterface::default();
        f.write(
            0x00,
            5 | (1 << 8) | (1 << 9) | (1 << 10),
            !0,
            &mut rig.at(0),
        );
        assert_eq!(f.read(0x00, &mut rig.at(0)), 0x705);
        assert_eq!(f.latency(), 5);
        assert_eq!(
            f.read(0x10, &mut rig.at(0)),
            0x8000_0000,
            "CR locked at reset"
        );
        f.write(0x10, 1, !0, &mut rig.at(0));
        assert_eq!(
            f.read(0x10, &mut rig.at(0)),
            0x8000_0000,
            "writes ignored while locked"
        );
        f.write(0x04, 0x4567_0123, !0, &mut rig.at(0));
        f.write(0x04, 0xCDEF_89AB, !0, &mut rig.at(0));
        assert_eq!(
            f.read(0x10, &mut rig.at(0)),
            0,
            "unlocked by the key sequence"
        );
    }

    #[test]
    fn the_regulator_is_always_ready() {
        let mut rig = Rig::new(Clocks::uniform(16_000_000));
        let mut p = Pwr::default();
        p.write(0, 1 << 14, !0, &mut rig.at(0));
        assert_eq!(p.read(0, &mut rig.at(0)), 1 << 14);
        assert_eq!(p.read(4, &mut rig.at(0)), PWR_CSR_VOSRDY);
    }
}
