//! USART (RM0090 §30): status, data, baud rate and control registers; transmit to a host
//! sink (as events), receive from a host queue.
//!
//! Transmission completes at once: TXE and TC stay set. Bit-time pacing from BRR is a known
//! gap (FIDELITY.md).

use std::collections::VecDeque;

use super::{merge, Ctx, Mmio};
use crate::event::Event;

const SR: u32 = 0x00;
const DR: u32 = 0x04;
const BRR: u32 = 0x08;
const CR1: u32 = 0x0C;
const CR2: u32 = 0x10;
const CR3: u32 = 0x14;
const GTPR: u32 = 0x18;

const SR_RXNE: u32 = 1 << 5;
const SR_TC: u32 = 1 << 6;
const SR_TXE: u32 = 1 << 7;
const CR1_RE: u32 = 1 << 2;
const CR1_TE: u32 = 1 << 3;
const CR1_RXNEIE: u32 = 1 << 5;
const CR1_TCIE: u32 = 1 << 6;
const CR1_TXEIE: u32 = 1 << 7;
const CR1_UE: u32 = 1 << 13;

#[derive(Debug)]
pub struct Usart {
    index: u8,
    irq: u16,
    /// On APB2 (USART1/6) rather than APB1.
    pub apb2: bool,
    sr: u32,
    rdr: Option<u8>,
    brr: u32,
    cr1: u32,
    cr2: u32,
    cr3: u32,
    gtpr: u32,
    input: VecDeque<u8>,
    irq_level: bool,
}

impl Usart {
    pub fn new(index: u8, irq: u16, apb2: bool) -> Usart {
        Usart {
            index,
            irq,
            apb2,
            sr: SR_TXE | SR_TC,
            rdr: None,
            brr: 0,
            cr1: 0,
            cr2: 0,
            cr3: 0,
            gtpr: 0,
            input: VecDeque::new(),
            irq_level: false,
        }
    }

    /// Queues bytes for the receiver.
    pub fn feed(&mut self, bytes: &[u8], ctx: &mut Ctx) {
        self.input.extend(bytes);
        self.update(ctx);
    }

    /// Bytes queued but not yet read by the firmware.
    pub fn pending_input(&self) -> usize {
        self.input.len() + usize::from(self.rdr.is_some())
    }

    fn receiving(&self) -> bool {
        self.cr1 & (CR1_UE | CR1_RE) == CR1_UE | CR1_RE
    }

    fn update(&mut self, ctx: &mut Ctx) {
        if self.rdr.is_none() && self.receiving() {
            self.rdr = self.input.pop_front();
        }
        if self.rdr.is_some() {
            self.sr |= SR_RXNE;
        } else {
            self.sr &= !SR_RXNE;
        }
        let level = (self.cr1 & CR1_RXNEIE != 0 && self.sr & SR_RXNE != 0)
            || (self.cr1 & CR1_TXEIE != 0 && self.sr & SR_TXE != 0)
            || (self.cr1 & CR1_TCIE != 0 && self.sr & SR_TC != 0);
        if level != self.irq_level {
            self.irq_level = level;
            ctx.irqs.set(self.irq, level);
        }
    }
}

impl Mmio for Usart {
    fn read(&mut self, offset: u32, ctx: &mut Ctx) -> u32 {
        match offset {
            SR => self.sr,
            DR => {
                let v = self.rdr.take().map_or(0, u32::from);
                self.update(ctx);
                v
            }
            BRR => self.brr,
            CR1 => self.cr1,
            CR2 => self.cr2,
            CR3 => self.cr3,
            _ => self.gtpr,
        }
    }

    fn write(&mut self, offset: u32, value: u32, mask: u32, ctx: &mut Ctx) {
        match offset {
            // RXNE and TC clear by writing zero; the other flags are read-only.
            SR => self.sr &= !(SR_RXNE | SR_TC) | merge(self.sr, value, mask),
            DR => {
                if self.cr1 & (CR1_UE | CR1_TE) == CR1_UE | CR1_TE {
                    ctx.events.push(Event::Uart {
                        cycle: ctx.now,
                        uart: self.index,
                        byte: value as u8,
                    });
                    self.sr |= SR_TXE | SR_TC;
                }
            }
            BRR => self.brr = merge(self.brr, value, mask) & 0xFFFF,
            CR1 => self.cr1 = merge(self.cr1, value, mask) & 0xBFFF,
            CR2 => self.cr2 = merge(self.cr2, value, mask) & 0x7F7F,
            CR3 => self.cr3 = merge(self.cr3, value, mask) & 0x0FFF,
            _ => self.gtpr = merge(self.gtpr, value, mask) & 0xFFFF,
        }
        if offset == SR && self.sr & SR_RXNE == 0 {
            self.rdr = None;
        }
        self.update(ctx);
    }

    fn implements(&self, offset: u32) -> bool {
        offset <= GTPR
    }

    fn as_any(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::peripherals::{Clocks, Rig};

    #[test]
    fn transmit_receive_and_interrupt_lines() {
        let mut rig = Rig::new(Clocks::uniform(16_000_000));
        let mut u = Usart::new(1, 37, true);
        assert_eq!(u.read(SR, &mut rig.at(0)), SR_TXE | SR_TC);
        u.write(DR, u32::from(b'x'), 0xFFFF, &mut rig.at(5));
        assert!(
            rig.events.is_empty(),
            "nothing is sent while the USART is disabled"
        );
        u.write(
            CR1,
            CR1_UE | CR1_TE | CR1_RE | CR1_RXNEIE,
            0xFFFF,
            &mut rig.at(6),
        );
        u.write(DR, u32::from(b'y'), 0xFFFF, &mut rig.at(7));
        assert_eq!(
            rig.events,
            [Event::Uart {
                cycle: 7,
                uart: 1,
                byte: b'y'
            }]
        );
        u.feed(b"ab", &mut rig.at(8));
        assert_eq!(u.read(SR, &mut rig.at(8)) & SR_RXNE, SR_RXNE);
        assert_eq!(rig.irqs.drain().collect::<Vec<_>>(), [(37, true)]);
        assert_eq!(u.read(DR, &mut rig.at(9)), u32::from(b'a'));
        assert_eq!(u.read(DR, &mut rig.at(9)), u32::from(b'b'));
        assert_eq!(u.read(SR, &mut rig.at(9)) & SR_RXNE, 0);
        assert_eq!(rig.irqs.drain().collect::<Vec<_>>(), [(37, false)]);
        assert_eq!(u.pending_input(), 0);
        // TC clears by writing zero to it; TXE cannot be cleared that way.
        u.write(SR, !SR_TC, 0xFFFF, &mut rig.at(10));
        assert_eq!(u.read(SR, &mut rig.at(10)), SR_TXE);
    }

    #[test]
    fn input_waits_until_the_receiver_is_enabled() {
        let mut rig = Rig::new(Clocks::uniform(16_000_000));
        let mut u = Usart::new(2, 38, false);
        u.feed(b"z", &mut rig.at(0));
        assert_eq!(u.read(SR, &mut rig.at(0)) & SR_RXNE, 0);
        u.write(CR1, CR1_UE | CR1_RE, !0, &mut rig.at(1));
        assert_eq!(u.read(DR, &mut rig.at(2)), u32::from(b'z'));
    }
}
