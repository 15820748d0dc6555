//! `--vcd FILE`: pin levels and UART bytes as a Value Change Dump for GTKWave or PulseView.
//!
//! Time is in picoseconds of emulated time at the core clock. The clock is sampled each
//! time the front end gets control back from the machine (between slices), so a switch to
//! the PLL shows up from the end of the slice in which the firmware made it.

use std::{collections::BTreeMap, io::Write};

use emulator::{pin_name, Event, Machine};
use vcd::{IdCode, TimescaleUnit, Value};

/// Core cycles to emulated picoseconds, piece by piece as the core clock changes.
#[derive(Debug, Default)]
pub struct Timebase {
    /// (first cycle, picoseconds at that cycle, core clock from there on)
    pieces: Vec<(u64, u128, u64)>,
}

impl Timebase {
    /// Records the machine's core clock from its current cycle on.
    pub fn note(&mut self, machine: &Machine) {
        let (cycle, hz) = (machine.cycles(), machine.core_clock_hz());
        match self.pieces.last() {
            Some(&(_, _, last)) if last == hz => {}
            _ => {
                let ps = if self.pieces.is_empty() {
                    self.ps_from(0, 0, hz, cycle)
                } else {
                    self.ps(cycle)
                };
                self.pieces.push((cycle, ps, hz));
            }
        }
    }

    fn ps_from(&self, cycle0: u64, ps0: u128, hz: u64, cycle: u64) -> u128 {
        ps0 + u128::from(cycle - cycle0) * 1_000_000_000_000 / u128::from(hz.max(1))
    }

    /// The cycle at which `ps` picoseconds of emulated time have passed (rounded down),
    /// assuming the clock stays as it was last noted.
    pub fn cycle_at(&self, ps: u128) -> u64 {
        let Some(&(cycle, ps0, hz)) = self.pieces.iter().rev().find(|p| p.1 <= ps) else {
            return 0;
        };
        let more = (ps - ps0) * u128::from(hz) / 1_000_000_000_000;
        cycle.saturating_add(u64::try_from(more).unwrap_or(u64::MAX))
    }

    /// Emulated picoseconds at `cycle`.
    pub fn ps(&self, cycle: u64) -> u128 {
        let i = self
            .pieces
            .partition_point(|p| p.0 <= cycle)
            .saturating_sub(1);
        self.pieces
            .get(i)
            .map_or(0, |&(c, ps, hz)| self.ps_from(c.min(cycle), ps, hz, cycle))
    }
}

/// Writes the pins that changed and the UARTs that sent bytes in `events` as a VCD.
/// A pin starts at the level opposite its first change; a UART's 8-bit wire holds each
/// byte from the cycle its frame starts.
pub fn write_vcd(out: impl Write, events: &[Event], time: &Timebase) -> std::io::Result<()> {
    let mut w = vcd::Writer::new(out);
    w.comment("written by cyclops; time is emulated time at the core clock")?;
    w.timescale(1, TimescaleUnit::PS)?;
    w.add_module("cyclops")?;
    let mut pins: BTreeMap<(u8, u8), (IdCode, bool)> = BTreeMap::new();
    let mut uarts: BTreeMap<u8, IdCode> = BTreeMap::new();
    let mut defs = Vec::new();
    for e in events {
        match *e {
            Event::Pin {
                port, pin, level, ..
            } if !pins.contains_key(&(port, pin)) => {
                pins.insert((port, pin), (IdCode::FIRST, !level));
            }
            Event::Uart { uart, .. } if !uarts.contains_key(&uart) => {
                uarts.insert(uart, IdCode::FIRST);
            }
            _ => {}
        }
    }
    for (&(port, pin), (id, _)) in pins.iter_mut() {
        *id = w.add_wire(1, &pin_name(port, pin))?;
    }
    for (&uart, id) in uarts.iter_mut() {
        *id = w.add_wire(8, &uart_name(uart))?;
        defs.push(*id);
    }
    w.upscope()?;
    w.enddefinitions()?;
    w.timestamp(0)?;
    w.begin(vcd::SimulationCommand::Dumpvars)?;
    for (id, level) in pins.values() {
        w.change_scalar(*id, *level)?;
    }
    for id in defs {
        w.change_vector(id, [Value::X; 8])?;
    }
    w.end()?;
    let mut last = 0;
    for e in events {
        let (id, value): (IdCode, Vec<Value>) = match *e {
            Event::Pin {
                port, pin, level, ..
            } => (pins[&(port, pin)].0, vec![level.into()]),
            Event::Uart { uart, byte, .. } => (
                uarts[&uart],
                (0..8).rev().map(|b| (byte >> b & 1 == 1).into()).collect(),
            ),
            _ => continue,
        };
        let t = time.ps(e.cycle()) as u64;
        if t != last {
            w.timestamp(t)?;
            last = t;
        }
        if let [v] = value[..] {
            w.change_scalar(id, v)?;
        } else {
            w.change_vector(id, value)?;
        }
    }
    w.flush()
}

/// `USART1`, or `UART4`/`UART5` for the two without a synchronous mode.
pub fn uart_name(index: u8) -> String {
    if matches!(index, 4 | 5) {
        format!("UART{index}")
    } else {
        format!("USART{index}")
    }
}

#[cfg(test)]
mod tests {
    use super::Timebase;

    #[test]
    fn time_follows_each_clock_piece() {
        // 16 MHz for 1,600 cycles (100 us), then 48 MHz.
        let t = Timebase {
            pieces: vec![(0, 0, 16_000_000), (1_600, 100_000_000, 48_000_000)],
        };
        assert_eq!(t.ps(1), 62_500);
        assert_eq!(t.ps(1_600), 100_000_000);
        assert_eq!(t.ps(1_648), 101_000_000);
        assert_eq!(t.cycle_at(50_000_000), 800);
        assert_eq!(t.cycle_at(101_000_000), 1_648);
    }
}
