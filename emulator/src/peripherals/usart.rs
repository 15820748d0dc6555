//! USART (RM0090 §30): status, data, baud rate and control registers; transmit to a host
//! sink (as events), receive from a host queue, both at the pace BRR sets: a frame takes its
//! bit times (start, 8 or 9 data bits, stop bits) at the bus clock, so TXE, TC and RXNE follow
//! the wire as on silicon. The host sends like a terminal with hardware flow control: the
//! next byte starts once the firmware has read the last, so host input is never overrun.
//! With BRR still 0 transfers are instant.

use std::collections::VecDeque;

use super::{merge, Clocks, Ctx, Mmio};
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
const CR1_M: u32 = 1 << 12;
const CR1_UE: u32 = 1 << 13;
const CR1_OVER8: u32 = 1 << 15;

#[derive(Debug)]
pub struct Usart {
    index: u8,
    irq: u16,
    /// On APB2 (USART1/6) rather than APB1.
    apb2: bool,
    sr: u32,
    brr: u32,
    cr1: u32,
    cr2: u32,
    cr3: u32,
    gtpr: u32,
    /// A byte written to DR, waiting for the shift register.
    tdr: Option<u8>,
    /// When the frame in the transmit shift register ends.
    shifting_until: Option<u64>,
    /// The received byte in DR.
    rdr: Option<u8>,
    /// Bytes from the host, the first on the wire until `arrives_at`.
    input: VecDeque<u8>,
    arrives_at: Option<u64>,
    irq_level: bool,
    /// Transfers complete at once whatever BRR says.
    instant: bool,
}

impl Usart {
    pub fn new(index: u8, irq: u16, apb2: bool) -> Usart {
        Usart {
            index,
            irq,
            apb2,
            sr: SR_TXE | SR_TC,
            brr: 0,
            cr1: 0,
            cr2: 0,
            cr3: 0,
            gtpr: 0,
            tdr: None,
            shifting_until: None,
            rdr: None,
            input: VecDeque::new(),
            arrives_at: None,
            irq_level: false,
            instant: false,
        }
    }

    /// Makes transfers complete at once (for runs where time does not pass).
    pub fn instant(mut self, on: bool) -> Usart {
        self.instant = on;
        self
    }

    /// Core cycles one frame takes on the wire; 0 while no baud rate is set.
    fn frame_cycles(&self, clocks: Clocks) -> u64 {
        let data_bits = if self.cr1 & CR1_M != 0 { 9 } else { 8 };
        // Stop bits in halves: 1, 0.5, 2, 1.5.
        let stop_halves = [2, 1, 4, 3][((self.cr2 >> 12) & 3) as usize];
        self.wire_cycles(2 * (1 + data_bits) + stop_halves, clocks)
    }

    /// Core cycles one bit lasts on the wire; 0 while no baud rate is set.
    fn bit_cycles(&self, clocks: Clocks) -> u64 {
        self.wire_cycles(2, clocks)
    }

    /// Core cycles that `halves` half bits last on the wire (rounded up).
    fn wire_cycles(&self, halves: u64, clocks: Clocks) -> u64 {
        if self.instant {
            return 0;
        }
        let bit = if self.cr1 & CR1_OVER8 != 0 {
            (self.brr >> 4) * 8 + (self.brr & 7)
        } else {
            self.brr
        };
        let pclk = if self.apb2 {
            clocks.pclk2
        } else {
            clocks.pclk1
        };
        let pclk_cycles = u128::from(bit) * u128::from(halves) / 2;
        (pclk_cycles * u128::from(clocks.hclk)).div_ceil(u128::from(pclk.max(1))) as u64
    }

    /// Queues bytes for the receiver: they arrive one frame after another from now.
    pub fn feed(&mut self, bytes: &[u8], ctx: &mut Ctx) {
        self.advance(ctx);
        self.input.extend(bytes);
        self.schedule_arrival(ctx.now, ctx.clocks);
        self.update(ctx);
    }

    /// Bytes queued but not yet read by the firmware.
    pub fn pending_input(&self) -> usize {
        self.input.len() + usize::from(self.rdr.is_some())
    }

    fn receiving(&self) -> bool {
        self.cr1 & (CR1_UE | CR1_RE) == CR1_UE | CR1_RE
    }

    fn transmitting(&self) -> bool {
        self.cr1 & (CR1_UE | CR1_TE) == CR1_UE | CR1_TE
    }

    fn schedule_arrival(&mut self, from: u64, clocks: Clocks) {
        if self.arrives_at.is_none()
            && self.rdr.is_none()
            && self.receiving()
            && !self.input.is_empty()
        {
            self.arrives_at = Some(from + self.frame_cycles(clocks));
        }
    }

    /// Starts a frame for `byte` at `at`.
    fn shift_out(&mut self, byte: u8, at: u64, ctx: &mut Ctx) {
        ctx.events.push(Event::Uart {
            cycle: at,
            uart: self.index,
            byte,
            bit_cycles: self.bit_cycles(ctx.clocks),
        });
        self.sr &= !SR_TC;
        self.shifting_until = Some(at + self.frame_cycles(ctx.clocks));
    }

    /// Plays the wire forward to `ctx.now`: frames that ended, bytes that arrived.
    fn run_wire(&mut self, ctx: &mut Ctx) {
        while let Some(end) = self.shifting_until.filter(|&t| t <= ctx.now) {
            self.shifting_until = None;
            match self.tdr.take() {
                Some(byte) => {
                    self.sr |= SR_TXE;
                    self.shift_out(byte, end, ctx);
                }
                None => self.sr |= SR_TC,
            }
        }
        if self.arrives_at.is_some_and(|t| t <= ctx.now) {
            self.arrives_at = None;
            self.rdr = self.input.pop_front();
        }
    }

    fn update(&mut self, ctx: &mut Ctx) {
        // Without a baud rate the receiver hands over the next byte as soon as DR is free.
        if self.rdr.is_none() && self.receiving() && self.frame_cycles(ctx.clocks) == 0 {
            self.arrives_at = None;
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

    fn write_dr(&mut self, byte: u8, ctx: &mut Ctx) {
        if !self.transmitting() {
            return;
        }
        if self.frame_cycles(ctx.clocks) == 0 {
            ctx.events.push(Event::Uart {
                cycle: ctx.now,
                uart: self.index,
                byte,
                bit_cycles: 0,
            });
            self.sr |= SR_TXE | SR_TC;
        } else if self.shifting_until.is_none() {
            self.shift_out(byte, ctx.now, ctx);
        } else {
            // A second write while TXE is clear replaces the waiting byte, as on silicon.
            self.tdr = Some(byte);
            self.sr &= !SR_TXE;
        }
    }
}

impl Mmio for Usart {
    fn read(&mut self, offset: u32, ctx: &mut Ctx) -> u32 {
        self.advance(ctx);
        match offset {
            SR => self.sr,
            DR => {
                let v = self.rdr.take().map_or(0, u32::from);
                self.schedule_arrival(ctx.now, ctx.clocks);
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
        self.advance(ctx);
        match offset {
            // RXNE and TC clear by writing zero; the other flags are read-only.
            SR => {
                self.sr &= !(SR_RXNE | SR_TC) | merge(self.sr, value, mask);
                if self.sr & SR_RXNE == 0 {
                    self.rdr = None;
                    self.schedule_arrival(ctx.now, ctx.clocks);
                }
            }
            DR => self.write_dr(value as u8, ctx),
            BRR => self.brr = merge(self.brr, value, mask) & 0xFFFF,
            CR1 => {
                self.cr1 = merge(self.cr1, value, mask) & 0xBFFF;
                self.schedule_arrival(ctx.now, ctx.clocks);
            }
            CR2 => self.cr2 = merge(self.cr2, value, mask) & 0x7F7F,
            CR3 => self.cr3 = merge(self.cr3, value, mask) & 0x0FFF,
            _ => self.gtpr = merge(self.gtpr, value, mask) & 0xFFFF,
        }
        self.update(ctx);
    }

    fn next_event(&self, _clocks: Clocks) -> Option<u64> {
        // Every frame boundary, so transmitted bytes are reported in time order.
        [
            self.shifting_until,
            self.arrives_at.filter(|_| self.receiving()),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    fn advance(&mut self, ctx: &mut Ctx) {
        self.run_wire(ctx);
        self.update(ctx);
    }

    fn implements(&self, offset: u32) -> bool {
        offset <= GTPR
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
                byte: b'y',
                bit_cycles: 0
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

    #[test]
    fn frames_take_their_bit_times() {
        let mut rig = Rig::new(Clocks::uniform(16_000_000));
        let mut u = Usart::new(1, 37, true);
        u.write(BRR, 139, !0, &mut rig.at(0)); // 115,200 baud at 16 MHz: 139 cycles a bit
        u.write(CR1, CR1_UE | CR1_TE, !0, &mut rig.at(0));
        u.write(DR, u32::from(b'a'), 0xFFFF, &mut rig.at(100));
        assert_eq!(
            u.read(SR, &mut rig.at(100)),
            SR_TXE,
            "shifting: TXE, not TC"
        );
        u.write(DR, u32::from(b'b'), 0xFFFF, &mut rig.at(110));
        assert_eq!(u.read(SR, &mut rig.at(110)), 0, "DR full");
        // 10 bits (start, 8 data, stop) x 139 cycles.
        assert_eq!(u.next_event(rig.clocks), Some(100 + 1390));
        assert_eq!(u.read(SR, &mut rig.at(1489)), 0);
        assert_eq!(u.read(SR, &mut rig.at(1490)), SR_TXE);
        assert_eq!(u.read(SR, &mut rig.at(2879)), SR_TXE);
        assert_eq!(u.read(SR, &mut rig.at(2880)), SR_TXE | SR_TC);
        let sent: Vec<(u64, u8, u64)> = rig
            .events
            .iter()
            .map(|e| {
                if let Event::Uart {
                    cycle,
                    byte,
                    bit_cycles,
                    ..
                } = *e
                {
                    (cycle, byte, bit_cycles)
                } else {
                    panic!()
                }
            })
            .collect();
        assert_eq!(sent, [(100, b'a', 139), (1490, b'b', 139)]);
    }

    #[test]
    fn received_bytes_arrive_at_the_baud_rate_once_the_last_is_read() {
        let mut rig = Rig::new(Clocks::uniform(16_000_000));
        let mut u = Usart::new(1, 37, true);
        u.write(BRR, 139, !0, &mut rig.at(0));
        u.write(CR1, CR1_UE | CR1_RE, !0, &mut rig.at(0));
        u.feed(b"xy", &mut rig.at(10));
        assert_eq!(u.read(SR, &mut rig.at(1399)) & SR_RXNE, 0);
        assert_eq!(u.read(SR, &mut rig.at(1400)) & SR_RXNE, SR_RXNE);
        assert_eq!(u.next_event(rig.clocks), None, "y waits for x to be read");
        assert_eq!(u.read(DR, &mut rig.at(5000)), u32::from(b'x'));
        assert_eq!(u.read(SR, &mut rig.at(6389)) & SR_RXNE, 0);
        assert_eq!(u.read(DR, &mut rig.at(6390)), u32::from(b'y'));
        assert_eq!(u.pending_input(), 0);
    }
}
