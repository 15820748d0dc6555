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
        self.clock(machine.cycles(), machine.core_clock_hz());
    }

    /// Follows a clock change the machine reported (other events are ignored); take the
    /// events before noting the machine's clock after the run that made them.
    pub fn event(&mut self, e: &Event) {
        if let Event::Clock { cycle, hz } = *e {
            self.clock(cycle, hz);
        }
    }

    fn clock(&mut self, cycle: u64, hz: u64) {
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

/// A wire of the trace.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Wire {
    Pin(u8, u8),
    /// A UART's bytes, 8 bits wide.
    Bytes(u8),
    /// A UART's TX line, bit by bit.
    Tx(u8),
}

/// Writes the pins that changed and the UARTs that sent bytes in `events` as a VCD.
/// A pin starts at the level opposite its first change. Each UART has an 8-bit wire that
/// holds each byte from the cycle its frame starts, and its TX line: idle high, a start bit,
/// 8 data bits LSB first, then high (the stop bits) until the next frame.
pub fn write_vcd(out: impl Write, events: &[Event], time: &Timebase) -> std::io::Result<()> {
    // Every change, in time order: (cycle, wire, value as VCD digits).
    let mut changes: Vec<(u64, Wire, String)> = Vec::new();
    let mut initial: BTreeMap<Wire, &str> = BTreeMap::new();
    for e in events {
        match *e {
            Event::Pin {
                cycle,
                port,
                pin,
                level,
            } => {
                let wire = Wire::Pin(port, pin);
                initial.entry(wire).or_insert(if level { "0" } else { "1" });
                changes.push((cycle, wire, u8::from(level).to_string()));
            }
            Event::Uart {
                cycle,
                uart,
                byte,
                bit_cycles,
            } => {
                initial.entry(Wire::Bytes(uart)).or_insert("xxxxxxxx");
                changes.push((cycle, Wire::Bytes(uart), format!("{byte:08b}")));
                if bit_cycles > 0 {
                    initial.entry(Wire::Tx(uart)).or_insert("1");
                    let bits = std::iter::once(0).chain((0..8).map(|b| byte >> b & 1));
                    for (k, bit) in bits.chain([1]).enumerate() {
                        let at = cycle + k as u64 * bit_cycles;
                        changes.push((at, Wire::Tx(uart), bit.to_string()));
                    }
                }
            }
            _ => {}
        }
    }
    changes.sort_by_key(|c| c.0);

    let mut w = vcd::Writer::new(out);
    w.comment("written by cyclops; time is emulated time at the core clock")?;
    w.timescale(1, TimescaleUnit::PS)?;
    w.add_module("cyclops")?;
    let mut ids = BTreeMap::new();
    for &wire in initial.keys() {
        let id = match wire {
            Wire::Pin(port, pin) => w.add_wire(1, &pin_name(port, pin))?,
            Wire::Bytes(uart) => w.add_wire(8, &uart_name(uart))?,
            Wire::Tx(uart) => w.add_wire(1, &format!("{}_TX", uart_name(uart)))?,
        };
        ids.insert(wire, id);
    }
    w.upscope()?;
    w.enddefinitions()?;
    w.timestamp(0)?;
    w.begin(vcd::SimulationCommand::Dumpvars)?;
    let mut last: BTreeMap<Wire, String> = BTreeMap::new();
    for (&wire, &value) in &initial {
        change(&mut w, ids[&wire], value)?;
        last.insert(wire, value.to_string());
    }
    w.end()?;
    let mut now = 0;
    for (cycle, wire, value) in changes {
        // A repeated byte is a new frame; a line or pin at its level is no change.
        if !matches!(wire, Wire::Bytes(_)) && last.get(&wire) == Some(&value) {
            continue;
        }
        let t = time.ps(cycle) as u64;
        if t != now {
            w.timestamp(t)?;
            now = t;
        }
        change(&mut w, ids[&wire], &value)?;
        last.insert(wire, value);
    }
    w.flush()
}

/// A value change: a scalar for one digit, else a vector.
fn change(w: &mut vcd::Writer<impl Write>, id: IdCode, digits: &str) -> std::io::Result<()> {
    let value = |c: char| match c {
        '0' => Value::V0,
        '1' => Value::V1,
        _ => Value::X,
    };
    if digits.len() == 1 {
        w.change_scalar(id, value(digits.chars().next().unwrap_or('x')))
    } else {
        w.change_vector(id, digits.chars().map(value))
    }
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

    #[test]
    fn a_clock_change_counts_from_the_store_that_made_it() {
        let mut t = Timebase::default();
        t.clock(0, 16_000_000);
        t.event(&emulator::Event::Clock {
            cycle: 1_600,
            hz: 48_000_000,
        });
        // Noted after the run: the same clock adds no piece.
        t.clock(2_000_000, 48_000_000);
        assert_eq!(t.pieces.len(), 2);
        assert_eq!(t.ps(1_648), 101_000_000);
    }
}
