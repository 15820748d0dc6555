//! Instrumentation trace macrocell (ARMv7-M C1.7): each enabled stimulus-port write
//! becomes a timestamped [`Event::Itm`].

use crate::{
    event::Event,
    peripherals::{merge, Ctx, Mmio},
};

const TER: u32 = 0xE00;
const TPR: u32 = 0xE40;
const TCR: u32 = 0xE80;
const LAR: u32 = 0xFB0;
const LSR: u32 = 0xFB4;
const ITMENA: u32 = 1;

#[derive(Debug, Default)]
pub struct Itm {
    ter: u32,
    tpr: u32,
    tcr: u32,
    pub trace: bool,
}

impl Mmio for Itm {
    fn read(&mut self, offset: u32, _ctx: &mut Ctx) -> u32 {
        match offset {
            // A stimulus port reads 1: the FIFO is always ready.
            0x00..=0x7C => u32::from(self.tcr & ITMENA != 0),
            TER => self.ter,
            TPR => self.tpr,
            TCR => self.tcr,
            _ => 0,
        }
    }

    fn write(&mut self, offset: u32, value: u32, mask: u32, ctx: &mut Ctx) {
        match offset {
            0x00..=0x7C => {
                let port = (offset / 4) as u8;
                if self.trace && self.tcr & ITMENA != 0 && self.ter & (1 << port) != 0 {
                    let shift = mask.trailing_zeros();
                    let size = (mask.count_ones() / 8) as u8;
                    ctx.events.push(Event::Itm {
                        cycle: ctx.now,
                        port,
                        value: (value & mask) >> shift,
                        size,
                    });
                }
            }
            TER => self.ter = merge(self.ter, value, mask),
            TPR => self.tpr = merge(self.tpr, value, mask) & 0xF,
            TCR => self.tcr = merge(self.tcr, value, mask) & 0x00FF_FF3F,
            _ => {}
        }
    }

    fn implements(&self, offset: u32) -> bool {
        offset <= 0x7C || matches!(offset, TER | TPR | TCR | LAR | LSR)
    }
}
