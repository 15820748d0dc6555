//! The Cortex-M4's own peripherals in the private peripheral bus (0xE000_0000..0xE010_0000):
//! ITM, DWT, SysTick, NVIC/SCB and the debug registers that gate tracing.

pub mod dwt;
pub mod itm;
pub mod nvic;
pub mod systick;

use crate::peripherals::{merge, Ctx, Mmio};

pub const BASE: u32 = 0xE000_0000;
pub const SIZE: u32 = 0x0010_0000;
const ITM_BASE: u32 = 0xE000_0000;
const DWT_BASE: u32 = 0xE000_1000;
const SCS_BASE: u32 = 0xE000_E000;
const SYSTICK_BASE: u32 = 0xE000_E010;
const DEMCR: u32 = 0xE000_EDFC;
const DHCSR: u32 = 0xE000_EDF0;
/// DEMCR.TRCENA: enables the DWT and ITM.
const TRCENA: u32 = 1 << 24;

pub struct SystemSpace {
    pub itm: itm::Itm,
    pub dwt: dwt::Dwt,
    pub systick: systick::SysTick,
    pub nvic: nvic::Nvic,
    demcr: u32,
}

impl SystemSpace {
    pub fn new(irq_count: u16, priority_bits: u8) -> SystemSpace {
        SystemSpace {
            itm: itm::Itm::default(),
            dwt: dwt::Dwt::default(),
            systick: systick::SysTick::default(),
            nvic: nvic::Nvic::new(irq_count, priority_bits),
            demcr: 0,
        }
    }

    fn route(&mut self, addr: u32) -> Option<(&mut dyn Mmio, u32)> {
        let r: (&mut dyn Mmio, u32) = match addr {
            ITM_BASE..=0xE000_0FFF => (&mut self.itm, addr - ITM_BASE),
            DWT_BASE..=0xE000_1FFF => (&mut self.dwt, addr - DWT_BASE),
            SYSTICK_BASE..=0xE000_E01F => (&mut self.systick, addr - SYSTICK_BASE),
            SCS_BASE..=0xE000_EFFF => (&mut self.nvic, addr - SCS_BASE),
            _ => return None,
        };
        r.0.implements(r.1).then_some(r)
    }

    pub fn read(&mut self, addr: u32, ctx: &mut Ctx) -> Option<u32> {
        match addr {
            DEMCR => Some(self.demcr),
            // DHCSR: no debugger attached, core running.
            DHCSR => Some(0),
            _ => self.route(addr).map(|(m, off)| m.read(off, ctx)),
        }
    }

    pub fn write(&mut self, addr: u32, value: u32, mask: u32, ctx: &mut Ctx) -> bool {
        match addr {
            DEMCR => {
                self.demcr = merge(self.demcr, value, mask) & 0x010F_07F1;
                let on = self.demcr & TRCENA != 0;
                self.dwt.set_trace(on, ctx.now);
                self.itm.trace = on;
                true
            }
            DHCSR => true,
            _ => match self.route(addr) {
                Some((m, off)) => {
                    m.write(off, value, mask, ctx);
                    true
                }
                None => false,
            },
        }
    }
}
