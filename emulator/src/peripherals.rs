//! Memory-mapped peripherals behind one trait, and the bus that routes accesses to them.
//!
//! Every access is a word-aligned read or a write with a byte-lane mask, so sub-word
//! accesses (an `STRH` to the top half of `BSRR`) keep the semantics of the reference manual.

pub mod gpio;
pub mod rcc;
pub mod simple;
pub mod timer;
pub mod usart;

use crate::{
    board::{Board, PeripheralKind},
    event::Event,
};

/// The bus clocks the RCC has configured, in Hz. Core cycles count at `hclk`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clocks {
    pub hclk: u64,
    pub pclk1: u64,
    pub pclk2: u64,
    /// Timer kernel clocks: twice the APB clock when its prescaler divides.
    pub tim1: u64,
    pub tim2: u64,
}

impl Clocks {
    /// Every clock at `hz` (reset: all buses on the HSI, undivided).
    pub fn uniform(hz: u64) -> Clocks {
        Clocks {
            hclk: hz,
            pclk1: hz,
            pclk2: hz,
            tim1: hz,
            tim2: hz,
        }
    }
}

/// Interrupt requests on their way to the NVIC: external lines as levels, and pulses
/// that pend a system exception (SysTick).
#[derive(Debug, Default)]
pub struct IrqLines {
    changed: Vec<(u16, bool)>,
    pub exceptions: Vec<u16>,
}

impl IrqLines {
    pub fn pend_exception(&mut self, exception: u16) {
        self.exceptions.push(exception);
    }

    pub fn set(&mut self, irq: u16, level: bool) {
        self.changed.push((irq, level));
    }

    pub fn drain(&mut self) -> std::vec::Drain<'_, (u16, bool)> {
        self.changed.drain(..)
    }
}

/// What a peripheral may touch during an access besides its own registers.
pub struct Ctx<'a> {
    /// The core cycle at which the access happens.
    pub now: u64,
    pub events: &'a mut Vec<Event>,
    pub irqs: &'a mut IrqLines,
    pub clocks: Clocks,
}

/// Lets the host reach the concrete model behind a `dyn Mmio` (driving a pin, feeding a UART).
pub trait AsAny: std::any::Any {
    fn as_any(&mut self) -> &mut dyn std::any::Any;
}

impl<T: std::any::Any> AsAny for T {
    fn as_any(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

/// A register block.
pub trait Mmio: AsAny {
    /// Reads the word at `offset` (word-aligned) from the block's base.
    fn read(&mut self, offset: u32, ctx: &mut Ctx) -> u32;
    /// Writes the lanes of `value` selected by `mask` to the word at `offset`.
    fn write(&mut self, offset: u32, value: u32, mask: u32, ctx: &mut Ctx);
    /// The cycle of this block's next self-timed change (a counter wrapping), if any.
    fn next_event(&self, _clocks: Clocks) -> Option<u64> {
        None
    }
    /// Brings time-driven state up to `ctx.now`.
    fn advance(&mut self, _ctx: &mut Ctx) {}
    /// Whether the offset is a register this model implements.
    fn implements(&self, offset: u32) -> bool;
}

/// Merges a masked write into a register.
pub fn merge(reg: u32, value: u32, mask: u32) -> u32 {
    (reg & !mask) | (value & mask)
}

/// The peripherals of a board, found by address.
pub struct Bus {
    /// Sorted by base; each block spans 0x400 bytes.
    blocks: Vec<(u32, Box<dyn Mmio>)>,
    pub clocks: Clocks,
}

const BLOCK_SIZE: u32 = 0x400;

impl Bus {
    /// The board's peripherals. `timed` false (cycle accounting off, so time stands still)
    /// makes UART transfers instant so firmware waiting on them still runs.
    pub fn new(board: &Board, timed: bool) -> Bus {
        let mut blocks: Vec<(u32, Box<dyn Mmio>)> = board
            .peripherals
            .iter()
            .map(|p| {
                let model: Box<dyn Mmio> = match p.kind {
                    PeripheralKind::Gpio { port } => Box::new(gpio::Gpio::new(port)),
                    PeripheralKind::Usart { index, irq, apb2 } => {
                        Box::new(usart::Usart::new(index, irq, apb2).instant(!timed))
                    }
                    PeripheralKind::Rcc => Box::new(rcc::Rcc::new(board.hsi_hz, board.hse_hz)),
                    PeripheralKind::Flash => Box::new(simple::FlashInterface::default()),
                    PeripheralKind::Pwr => Box::new(simple::Pwr::default()),
                    PeripheralKind::Timer(spec) => Box::new(timer::Timer::new(spec)),
                };
                (p.base, model)
            })
            .collect();
        blocks.sort_by_key(|(b, _)| *b);
        Bus {
            blocks,
            clocks: Clocks::uniform(board.hsi_hz),
        }
    }

    fn index(&self, addr: u32) -> Option<usize> {
        let i = self
            .blocks
            .partition_point(|(b, _)| *b <= addr)
            .checked_sub(1)?;
        (addr - self.blocks[i].0 < BLOCK_SIZE).then_some(i)
    }

    /// The model at `base`, for host-side access (driving an input pin, feeding a UART).
    pub fn get_mut<T: 'static>(&mut self, base: u32) -> Option<&mut T> {
        let i = self.index(base)?;
        // Through the box, to the model's own `as_any`, not the box's.
        (*self.blocks[i].1).as_any().downcast_mut()
    }

    /// Reads a word; `None` if no implemented register is there.
    pub fn read(&mut self, addr: u32, ctx: &mut Ctx) -> Option<u32> {
        let i = self.index(addr)?;
        let (base, model) = &mut self.blocks[i];
        let off = addr - *base;
        model.implements(off).then(|| model.read(off, ctx))
    }

    /// Writes a word; `false` if no implemented register is there.
    pub fn write(&mut self, addr: u32, value: u32, mask: u32, ctx: &mut Ctx) -> bool {
        let Some(i) = self.index(addr) else {
            return false;
        };
        let (base, model) = &mut self.blocks[i];
        let off = addr - *base;
        if !model.implements(off) {
            return false;
        }
        model.write(off, value, mask, ctx);
        if let Some(rcc) = (**model).as_any().downcast_mut::<rcc::Rcc>() {
            let clocks = rcc.clocks();
            if clocks != self.clocks {
                self.retime(clocks, ctx);
            }
        }
        true
    }

    /// Changes the bus clocks, first bringing every counter up to now at the old rate.
    fn retime(&mut self, clocks: Clocks, ctx: &mut Ctx) {
        self.advance(ctx);
        self.clocks = clocks;
        ctx.clocks = clocks;
    }

    pub fn advance(&mut self, ctx: &mut Ctx) {
        for (_, m) in &mut self.blocks {
            m.advance(ctx);
        }
    }

    pub fn next_event(&self) -> Option<u64> {
        self.blocks
            .iter()
            .filter_map(|(_, m)| m.next_event(self.clocks))
            .min()
    }
}

/// A bench for driving one register block in unit tests.
#[cfg(test)]
pub(crate) struct Rig {
    pub events: Vec<Event>,
    pub irqs: IrqLines,
    pub clocks: Clocks,
}

#[cfg(test)]
impl Rig {
    pub fn new(clocks: Clocks) -> Rig {
        Rig {
            events: Vec::new(),
            irqs: IrqLines::default(),
            clocks,
        }
    }

    pub fn at(&mut self, now: u64) -> Ctx<'_> {
        Ctx {
            now,
            events: &mut self.events,
            irqs: &mut self.irqs,
            clocks: self.clocks,
        }
    }
}
