//! GPIO port (RM0090 §8): mode, type, speed, pull, IDR/ODR, BSRR, LCKR, alternate functions.

use super::{merge, Ctx, Mmio};
use crate::event::Event;

const MODER: u32 = 0x00;
const OTYPER: u32 = 0x04;
const OSPEEDR: u32 = 0x08;
const PUPDR: u32 = 0x0C;
const IDR: u32 = 0x10;
const ODR: u32 = 0x14;
const BSRR: u32 = 0x18;
const LCKR: u32 = 0x1C;
const AFRL: u32 = 0x20;
const AFRH: u32 = 0x24;
const LCKK: u32 = 1 << 16;

#[derive(Debug)]
pub struct Gpio {
    port: u8,
    moder: u32,
    otyper: u32,
    ospeedr: u32,
    pupdr: u32,
    odr: u32,
    lckr: u32,
    /// Progress through the LCKR write sequence (1, 0, 1 with LCKK, then read).
    lock_step: u8,
    afr: [u32; 2],
    /// Pins driven from outside: (mask of driven pins, their levels).
    external: (u16, u16),
    /// Last level seen on each pin, to report changes.
    levels: u16,
}

impl Gpio {
    pub fn new(port: u8) -> Gpio {
        // Reset values: port A and B carry the debug pins (RM0090 §8.4).
        let (moder, ospeedr, pupdr) = match port {
            0 => (0xA800_0000, 0x0C00_0000, 0x6400_0000),
            1 => (0x0000_0280, 0x0000_00C0, 0x0000_0100),
            _ => (0, 0, 0),
        };
        let mut g = Gpio {
            port,
            moder,
            otyper: 0,
            ospeedr,
            pupdr,
            odr: 0,
            lckr: 0,
            lock_step: 0,
            afr: [0; 2],
            external: (0, 0),
            levels: 0,
        };
        g.levels = g.compute_levels();
        g
    }

    fn mode(&self, pin: u32) -> u32 {
        (self.moder >> (2 * pin)) & 3
    }

    /// The level on each pin: the output latch where the pin is an output (open-drain
    /// outputs are pulled by an external driver or pull-up when released), else what drives it.
    fn compute_levels(&self) -> u16 {
        (0..16u8).fold(0u16, |acc, pin| {
            let bit = 1u16 << pin;
            let latch = self.odr as u16 & bit != 0;
            let open_drain = self.otyper as u16 & bit != 0;
            let level = if self.mode(u32::from(pin)) == 1 && !(open_drain && latch) {
                latch
            } else if self.external.0 & bit != 0 {
                self.external.1 & bit != 0
            } else {
                (self.pupdr >> (2 * pin)) & 3 == 1
            };
            if level {
                acc | bit
            } else {
                acc
            }
        })
    }

    fn update(&mut self, ctx: &mut Ctx) {
        let new = self.compute_levels();
        let changed = new ^ self.levels;
        for pin in (0..16).filter(|p| changed & (1 << p) != 0) {
            ctx.events.push(Event::Pin {
                cycle: ctx.now,
                port: self.port,
                pin,
                level: new & (1 << pin) != 0,
            });
        }
        self.levels = new;
    }

    /// Drives an input pin from outside (`None` releases it).
    pub fn drive(&mut self, pin: u8, level: Option<bool>, ctx: &mut Ctx) {
        let bit = 1u16 << pin;
        match level {
            Some(l) => {
                self.external.0 |= bit;
                self.external.1 = if l {
                    self.external.1 | bit
                } else {
                    self.external.1 & !bit
                };
            }
            None => self.external.0 &= !bit,
        }
        self.update(ctx);
    }

    pub fn levels(&self) -> u16 {
        self.levels
    }

    /// A 2-bit-per-pin register with the locked pins' fields kept.
    fn lockable2(&self, old: u32, new: u32) -> u32 {
        if self.lckr & LCKK == 0 {
            return new;
        }
        let locked = (0..16)
            .filter(|p| self.lckr & (1 << p) != 0)
            .fold(0u32, |m, p| m | (3 << (2 * p)));
        merge(new, old, locked)
    }

    fn lockable1(&self, old: u32, new: u32) -> u32 {
        if self.lckr & LCKK == 0 {
            new
        } else {
            merge(new, old, self.lckr & 0xFFFF)
        }
    }

    fn lockable_af(&self, half: usize, old: u32, new: u32) -> u32 {
        if self.lckr & LCKK == 0 {
            return new;
        }
        let locked = (0..8)
            .filter(|p| self.lckr & (1 << (p + 8 * half)) != 0)
            .fold(0u32, |m, p| m | (0xF << (4 * p)));
        merge(new, old, locked)
    }

    fn write_lckr(&mut self, value: u32) {
        if self.lckr & LCKK != 0 {
            return; // locked until the next reset
        }
        let key = value & LCKK != 0;
        self.lock_step = match (self.lock_step, key) {
            (0, true) => {
                self.lckr = value & 0xFFFF;
                1
            }
            (1, false) if value & 0xFFFF == self.lckr => 2,
            (2, true) if value & 0xFFFF == self.lckr => 3,
            _ => 0,
        };
    }
}

impl Mmio for Gpio {
    fn read(&mut self, offset: u32, _ctx: &mut Ctx) -> u32 {
        match offset {
            MODER => self.moder,
            OTYPER => self.otyper,
            OSPEEDR => self.ospeedr,
            PUPDR => self.pupdr,
            IDR => u32::from(self.levels),
            ODR => self.odr,
            LCKR => {
                if self.lock_step == 3 {
                    self.lckr |= LCKK;
                    self.lock_step = 0;
                }
                self.lckr
            }
            AFRL => self.afr[0],
            AFRH => self.afr[1],
            _ => 0, // BSRR reads as zero
        }
    }

    fn write(&mut self, offset: u32, value: u32, mask: u32, ctx: &mut Ctx) {
        match offset {
            MODER => self.moder = self.lockable2(self.moder, merge(self.moder, value, mask)),
            OTYPER => {
                self.otyper = self.lockable1(self.otyper, merge(self.otyper, value, mask) & 0xFFFF)
            }
            OSPEEDR => {
                self.ospeedr = self.lockable2(self.ospeedr, merge(self.ospeedr, value, mask))
            }
            PUPDR => self.pupdr = self.lockable2(self.pupdr, merge(self.pupdr, value, mask)),
            ODR => self.odr = merge(self.odr, value, mask) & 0xFFFF,
            BSRR => {
                // Set and reset in one write: set wins (RM0090 §8.4.7).
                let v = value & mask;
                self.odr = (self.odr & !(v >> 16) | v) & 0xFFFF;
            }
            LCKR => self.write_lckr(merge(self.lckr, value, mask)),
            AFRL => self.afr[0] = self.lockable_af(0, self.afr[0], merge(self.afr[0], value, mask)),
            AFRH => self.afr[1] = self.lockable_af(1, self.afr[1], merge(self.afr[1], value, mask)),
            _ => {} // IDR is read-only
        }
        self.update(ctx);
    }

    fn implements(&self, offset: u32) -> bool {
        offset <= AFRH
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::peripherals::{Clocks, Rig};

    fn pins(rig: &mut Rig) -> Vec<(u8, bool)> {
        rig.events
            .drain(..)
            .map(|e| match e {
                Event::Pin { pin, level, .. } => (pin, level),
                e => panic!("{e:?}"),
            })
            .collect()
    }

    #[test]
    fn bsrr_sets_and_resets_with_set_winning() {
        let mut rig = Rig::new(Clocks::uniform(16_000_000));
        let mut g = Gpio::new(2);
        g.write(MODER, 0b0101, !0, &mut rig.at(0));
        g.write(BSRR, 0b11, !0, &mut rig.at(1));
        assert_eq!(g.read(ODR, &mut rig.at(1)), 0b11);
        assert_eq!(pins(&mut rig), [(0, true), (1, true)]);
        // Reset both and set pin 0 in one write: pin 0 stays set.
        g.write(BSRR, (0b11 << 16) | 1, !0, &mut rig.at(2));
        assert_eq!(g.read(ODR, &mut rig.at(2)), 0b01);
        assert_eq!(pins(&mut rig), [(1, false)]);
        // A halfword store to the upper half resets only.
        g.write(BSRR, 1 << 16, 0xFFFF_0000, &mut rig.at(3));
        assert_eq!(g.read(ODR, &mut rig.at(3)), 0);
        assert_eq!(g.read(BSRR, &mut rig.at(3)), 0, "BSRR reads as zero");
        assert_eq!(g.read(IDR, &mut rig.at(3)), 0);
    }

    #[test]
    fn inputs_follow_drivers_and_pulls() {
        let mut rig = Rig::new(Clocks::uniform(16_000_000));
        let mut g = Gpio::new(3);
        g.write(PUPDR, 0b01 << 4, !0, &mut rig.at(0)); // pin 2 pulled up
        assert_eq!(g.read(IDR, &mut rig.at(0)), 1 << 2);
        g.drive(5, Some(true), &mut rig.at(1));
        assert_eq!(g.read(IDR, &mut rig.at(1)), (1 << 2) | (1 << 5));
        g.drive(2, Some(false), &mut rig.at(2));
        g.drive(2, None, &mut rig.at(3));
        assert_eq!(
            pins(&mut rig),
            [(2, true), (5, true), (2, false), (2, true)]
        );
        // Output latch writes do not reach an input pin.
        g.write(ODR, 1 << 7, !0, &mut rig.at(4));
        assert_eq!(g.read(IDR, &mut rig.at(4)) & (1 << 7), 0);
    }

    #[test]
    fn the_lock_sequence_freezes_configuration() {
        let mut rig = Rig::new(Clocks::uniform(16_000_000));
        let mut g = Gpio::new(4);
        for v in [LCKK | 1, 1, LCKK | 1] {
            g.write(LCKR, v, !0, &mut rig.at(0));
        }
        assert_eq!(g.read(LCKR, &mut rig.at(0)), LCKK | 1);
        g.write(MODER, 0b0101, !0, &mut rig.at(0));
        assert_eq!(
            g.read(MODER, &mut rig.at(0)),
            0b0100,
            "pin 0 locked, pin 1 free"
        );
        g.write(AFRL, 0x77, !0, &mut rig.at(0));
        assert_eq!(g.read(AFRL, &mut rig.at(0)), 0x70);
    }

    #[test]
    fn port_a_and_b_reset_with_the_debug_pins_configured() {
        let mut rig = Rig::new(Clocks::uniform(16_000_000));
        assert_eq!(Gpio::new(0).read(MODER, &mut rig.at(0)), 0xA800_0000);
        assert_eq!(Gpio::new(1).read(PUPDR, &mut rig.at(0)), 0x100);
        assert_eq!(
            Gpio::new(0).read(IDR, &mut rig.at(0)),
            (1 << 15) | (1 << 13),
            "JTDI and SWDIO pulled up"
        );
    }
}
