//! What a run reports: timestamped events while it runs, an [`Outcome`] when it stops.

use std::fmt;

/// Something the guest did that the outside world can see, stamped with the core cycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A GPIO pin's level changed (output driven, or input driven by the host).
    Pin {
        cycle: u64,
        port: u8,
        pin: u8,
        level: bool,
    },
    /// A byte left a UART's transmitter: its frame starts at `cycle`, and each bit lasts
    /// `bit_cycles` (0 when transfers are instant: no baud rate set).
    Uart {
        cycle: u64,
        uart: u8,
        byte: u8,
        bit_cycles: u64,
    },
    /// A write to an ITM stimulus port.
    Itm {
        cycle: u64,
        port: u8,
        value: u32,
        size: u8,
    },
    /// Semihosting output to the host's stdout (stream 1) or stderr (stream 2).
    Semihosting {
        cycle: u64,
        stream: u8,
        bytes: Vec<u8>,
    },
    /// The first access to a register the model does not implement (reads as zero, ignores writes).
    Unimplemented {
        cycle: u64,
        pc: u32,
        addr: u32,
        write: bool,
    },
    /// A system reset requested through AIRCR.SYSRESETREQ.
    Reset { cycle: u64 },
    /// A call watched by a [`crate::CallProbe`] started: the callee's first instruction
    /// starts at `cycle`. `id` identifies the callee, as the probe reads it.
    Call { cycle: u64, id: u32 },
    /// The innermost watched call returned: its caller resumes at `cycle`.
    Return { cycle: u64 },
    /// The core clock (HCLK) became `hz` with the RCC write at `cycle`.
    Clock { cycle: u64, hz: u64 },
}

impl Event {
    pub fn cycle(&self) -> u64 {
        match *self {
            Event::Pin { cycle, .. }
            | Event::Uart { cycle, .. }
            | Event::Itm { cycle, .. }
            | Event::Semihosting { cycle, .. }
            | Event::Unimplemented { cycle, .. }
            | Event::Call { cycle, .. }
            | Event::Clock { cycle, .. }
            | Event::Reset { cycle }
            | Event::Return { cycle } => cycle,
        }
    }
}

/// A GPIO pin name as in the reference manual: `PA14`.
pub fn pin_name(port: u8, pin: u8) -> String {
    format!("P{}{pin}", char::from(b'A' + port))
}

/// Why a run stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The guest exited through semihosting with this code.
    Exited(i32),
    /// The cycle budget of the run was used up; the machine can run on.
    CycleLimit,
    /// The core sleeps and nothing can ever wake it.
    Halted,
    /// A fault with no handler to take it (or a handler that only spins).
    Fault(Box<FaultReport>),
    /// A fault while handling a HardFault or NMI: the core locks up.
    Lockup(Box<FaultReport>),
    /// A `BKPT` that is not a semihosting call.
    Breakpoint { pc: u32, imm: u8 },
    /// A semihosting console read waits for input that was declared open
    /// ([`crate::Machine::semihosting_input_open`]): feed some, or close it, and run on.
    WaitingForInput,
}

/// The state of the core at a fault, decoded for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultReport {
    pub cycle: u64,
    /// What went wrong, in words: "read of unmapped address 0x30000000".
    pub cause: String,
    pub pc: u32,
    pub symbol: Option<String>,
    /// r0..r12, sp, lr, pc, xpsr.
    pub regs: [u32; 17],
    pub cfsr: u32,
    pub hfsr: u32,
    pub mmfar: Option<u32>,
    pub bfar: Option<u32>,
}

const CFSR_BITS: &[(u32, &str)] = &[
    (0, "IACCVIOL"),
    (1, "DACCVIOL"),
    (3, "MUNSTKERR"),
    (4, "MSTKERR"),
    (5, "MLSPERR"),
    (7, "MMARVALID"),
    (8, "IBUSERR"),
    (9, "PRECISERR"),
    (10, "IMPRECISERR"),
    (11, "UNSTKERR"),
    (12, "STKERR"),
    (13, "LSPERR"),
    (15, "BFARVALID"),
    (16, "UNDEFINSTR"),
    (17, "INVSTATE"),
    (18, "INVPC"),
    (19, "NOCP"),
    (24, "UNALIGNED"),
    (25, "DIVBYZERO"),
];
const HFSR_BITS: &[(u32, &str)] = &[(1, "VECTTBL"), (30, "FORCED"), (31, "DEBUGEVT")];

fn bit_names(value: u32, table: &[(u32, &'static str)]) -> Vec<&'static str> {
    table
        .iter()
        .filter(|(b, _)| value & (1 << b) != 0)
        .map(|(_, n)| *n)
        .collect()
}

impl FaultReport {
    pub fn cfsr_names(&self) -> Vec<&'static str> {
        bit_names(self.cfsr, CFSR_BITS)
    }

    pub fn hfsr_names(&self) -> Vec<&'static str> {
        bit_names(self.hfsr, HFSR_BITS)
    }
}

impl fmt::Display for FaultReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = self
            .symbol
            .as_deref()
            .map(|s| format!(" ({s})"))
            .unwrap_or_default();
        writeln!(
            f,
            "{} at pc {:#010x}{at}, cycle {}",
            self.cause, self.pc, self.cycle
        )?;
        writeln!(
            f,
            "  CFSR {:#010x} [{}]  HFSR {:#010x} [{}]",
            self.cfsr,
            self.cfsr_names().join(" "),
            self.hfsr,
            self.hfsr_names().join(" ")
        )?;
        if let Some(a) = self.mmfar {
            writeln!(f, "  MMFAR {a:#010x}")?;
        }
        if let Some(a) = self.bfar {
            writeln!(f, "  BFAR {a:#010x}")?;
        }
        const NAMES: [&str; 17] = [
            "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "sp",
            "lr", "pc", "xpsr",
        ];
        for (row, chunk) in NAMES
            .iter()
            .zip(self.regs)
            .collect::<Vec<_>>()
            .chunks(4)
            .enumerate()
        {
            let line: Vec<String> = chunk
                .iter()
                .map(|(n, v)| format!("{n:>4} {v:#010x}"))
                .collect();
            write!(f, "  {}", line.join("  "))?;
            if row < 4 {
                writeln!(f)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_status_bits_are_named() {
        let r = FaultReport {
            cycle: 7,
            cause: "x".into(),
            pc: 0,
            symbol: None,
            regs: [0; 17],
            cfsr: (1 << 9) | (1 << 15) | (1 << 16),
            hfsr: 1 << 30,
            mmfar: None,
            bfar: Some(4),
        };
        assert_eq!(r.cfsr_names(), ["PRECISERR", "BFARVALID", "UNDEFINSTR"]);
        assert_eq!(r.hfsr_names(), ["FORCED"]);
        assert_eq!(pin_name(0, 14), "PA14");
    }
}
