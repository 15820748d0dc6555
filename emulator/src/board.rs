//! Boards are data: memory regions and peripheral instances in const tables.

use crate::EngineError;

/// What a memory region holds; decides its Unicorn permissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemKind {
    /// Read and execute; the ELF image is loaded here.
    Flash,
    /// Read, write and execute (SRAM holds code that firmware copies there).
    Ram,
    /// Read and write only: the Cortex-M4's CCM sits on the D-bus and cannot hold code.
    DataRam,
}

#[derive(Debug, Clone, Copy)]
pub struct MemRegion {
    pub name: &'static str,
    pub base: u32,
    pub size: u32,
    pub kind: MemKind,
    /// Another address range showing the same bytes (flash at 0 after boot from flash).
    pub alias: Option<u32>,
}

/// One peripheral instance: a register block of a known model at a base address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeripheralKind {
    Gpio { port: u8 },
    Usart { index: u8, irq: u16, apb2: bool },
    Rcc,
    Flash,
    Pwr,
    Timer(crate::peripherals::timer::TimerSpec),
}

#[derive(Debug, Clone, Copy)]
pub struct PeripheralDesc {
    pub name: &'static str,
    pub base: u32,
    pub kind: PeripheralKind,
}

/// A board: a Cortex-M4F with its memories, peripherals and clocks.
#[derive(Debug)]
pub struct Board {
    pub name: &'static str,
    /// The clock the board's figures are quoted at (emulated time = cycles / this).
    pub clock_hz: u64,
    /// Reset clock: the internal RC oscillator the core starts on.
    pub hsi_hz: u64,
    /// External crystal frequency.
    pub hse_hz: u64,
    pub memory: &'static [MemRegion],
    pub peripherals: &'static [PeripheralDesc],
    /// Number of external interrupt lines of the NVIC.
    pub irq_count: u16,
    /// Implemented priority bits (STM32: 4).
    pub priority_bits: u8,
    /// Pin names printed for well-known pins (pyboard LEDs and so on).
    pub pin_labels: &'static [(&'static str, &'static str)],
    /// The flash the Python runtime firmware reads its script from: (address, size).
    pub script_slot: (u32, u32),
}

const STM32F405_MEMORY: &[MemRegion] = &[
    MemRegion {
        name: "flash",
        base: 0x0800_0000,
        size: 1 << 20,
        kind: MemKind::Flash,
        alias: Some(0),
    },
    MemRegion {
        name: "sram",
        base: 0x2000_0000,
        size: 128 << 10,
        kind: MemKind::Ram,
        alias: None,
    },
    MemRegion {
        name: "ccm",
        base: 0x1000_0000,
        size: 64 << 10,
        kind: MemKind::DataRam,
        alias: None,
    },
];

macro_rules! gpio {
    ($name:literal, $port:literal) => {
        PeripheralDesc {
            name: $name,
            base: 0x4002_0000 + 0x400 * $port,
            kind: PeripheralKind::Gpio { port: $port },
        }
    };
}
macro_rules! usart {
    ($name:literal, $base:literal, $index:literal, $irq:literal, $apb2:literal) => {
        PeripheralDesc {
            name: $name,
            base: $base,
            kind: PeripheralKind::Usart {
                index: $index,
                irq: $irq,
                apb2: $apb2,
            },
        }
    };
}
macro_rules! timer {
    ($name:literal, $base:literal, $($spec:tt)*) => {
        PeripheralDesc {
            name: $name,
            base: $base,
            kind: PeripheralKind::Timer(crate::peripherals::timer::TimerSpec { $($spec)* }),
        }
    };
}

const STM32F405_PERIPHERALS: &[PeripheralDesc] = &[
    gpio!("GPIOA", 0),
    gpio!("GPIOB", 1),
    gpio!("GPIOC", 2),
    gpio!("GPIOD", 3),
    gpio!("GPIOE", 4),
    gpio!("GPIOF", 5),
    gpio!("GPIOG", 6),
    gpio!("GPIOH", 7),
    gpio!("GPIOI", 8),
    usart!("USART1", 0x4001_1000, 1, 37, true),
    usart!("USART2", 0x4000_4400, 2, 38, false),
    usart!("USART3", 0x4000_4800, 3, 39, false),
    usart!("UART4", 0x4000_4C00, 4, 52, false),
    usart!("UART5", 0x4000_5000, 5, 53, false),
    usart!("USART6", 0x4001_1400, 6, 71, true),
    PeripheralDesc {
        name: "RCC",
        base: 0x4002_3800,
        kind: PeripheralKind::Rcc,
    },
    PeripheralDesc {
        name: "FLASH",
        base: 0x4002_3C00,
        kind: PeripheralKind::Flash,
    },
    PeripheralDesc {
        name: "PWR",
        base: 0x4000_7000,
        kind: PeripheralKind::Pwr,
    },
    timer!("TIM1", 0x4001_0000, apb2: true, wide: false, channels: 4, advanced: true, update_irq: 25, cc_irq: 27),
    timer!("TIM2", 0x4000_0000, apb2: false, wide: true, channels: 4, advanced: false, update_irq: 28, cc_irq: 28),
    timer!("TIM3", 0x4000_0400, apb2: false, wide: false, channels: 4, advanced: false, update_irq: 29, cc_irq: 29),
    timer!("TIM4", 0x4000_0800, apb2: false, wide: false, channels: 4, advanced: false, update_irq: 30, cc_irq: 30),
    timer!("TIM5", 0x4000_0C00, apb2: false, wide: true, channels: 4, advanced: false, update_irq: 50, cc_irq: 50),
    timer!("TIM6", 0x4000_1000, apb2: false, wide: false, channels: 0, advanced: false, update_irq: 54, cc_irq: 54),
    timer!("TIM7", 0x4000_1400, apb2: false, wide: false, channels: 0, advanced: false, update_irq: 55, cc_irq: 55),
    timer!("TIM8", 0x4001_0400, apb2: true, wide: false, channels: 4, advanced: true, update_irq: 44, cc_irq: 46),
    timer!("TIM9", 0x4001_4000, apb2: true, wide: false, channels: 2, advanced: false, update_irq: 24, cc_irq: 24),
    timer!("TIM10", 0x4001_4400, apb2: true, wide: false, channels: 1, advanced: false, update_irq: 25, cc_irq: 25),
    timer!("TIM11", 0x4001_4800, apb2: true, wide: false, channels: 1, advanced: false, update_irq: 26, cc_irq: 26),
    timer!("TIM12", 0x4000_1800, apb2: false, wide: false, channels: 2, advanced: false, update_irq: 43, cc_irq: 43),
    timer!("TIM13", 0x4000_1C00, apb2: false, wide: false, channels: 1, advanced: false, update_irq: 44, cc_irq: 44),
    timer!("TIM14", 0x4000_2000, apb2: false, wide: false, channels: 1, advanced: false, update_irq: 45, cc_irq: 45),
];

/// The pyboard v1.1's LEDs and user switch.
const PYBOARD_LABELS: &[(&str, &str)] = &[
    ("PA13", "LED_RED"),
    ("PA14", "LED_GREEN"),
    ("PA15", "LED_YELLOW"),
    ("PB4", "LED_BLUE"),
    ("PB3", "SW"),
];

pub const STM32F405: Board = Board {
    name: "stm32f405",
    clock_hz: 168_000_000,
    hsi_hz: 16_000_000,
    hse_hz: 12_000_000,
    memory: STM32F405_MEMORY,
    peripherals: STM32F405_PERIPHERALS,
    irq_count: 82,
    priority_bits: 4,
    pin_labels: PYBOARD_LABELS,
    // Flash sector 11, the last 128 KiB: the firmwares' memory.x stops before it.
    script_slot: (0x080E_0000, 128 << 10),
};

const BOARDS: &[&Board] = &[&STM32F405];

impl Board {
    pub fn by_name(name: &str) -> Result<&'static Board, EngineError> {
        BOARDS
            .iter()
            .copied()
            .find(|b| b.name == name)
            .ok_or_else(|| EngineError::UnknownBoard(name.to_string()))
    }

    pub fn names() -> Vec<&'static str> {
        BOARDS.iter().map(|b| b.name).collect()
    }

    /// The region holding `addr..addr+len`, through aliases too; returns the region and the offset.
    pub fn region_of(&self, addr: u32, len: u32) -> Option<(&'static MemRegion, u32)> {
        self.memory.iter().find_map(|r| {
            [Some(r.base), r.alias]
                .into_iter()
                .flatten()
                .find_map(|base| {
                    let off = addr.checked_sub(base)?;
                    (u64::from(off) + u64::from(len) <= u64::from(r.size)).then_some((r, off))
                })
        })
    }

    /// The label a user knows a pin by, if the board gives it one.
    pub fn pin_label(&self, pin: &str) -> Option<&'static str> {
        self.pin_labels
            .iter()
            .find(|(p, _)| *p == pin)
            .map(|(_, l)| *l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flash_is_aliased_at_zero() {
        let (r, off) = STM32F405.region_of(0x0000_0100, 4).unwrap();
        assert_eq!((r.name, off), ("flash", 0x100));
        let (r, off) = STM32F405.region_of(0x0800_0100, 4).unwrap();
        assert_eq!((r.name, off), ("flash", 0x100));
    }

    #[test]
    fn ranges_that_cross_a_region_end_are_outside() {
        assert!(STM32F405.region_of(0x2001_FFFC, 4).is_some());
        assert!(STM32F405.region_of(0x2001_FFFC, 8).is_none());
        assert!(STM32F405.region_of(0x3000_0000, 1).is_none());
    }

    #[test]
    fn unknown_board_names_the_known_ones() {
        let err = Board::by_name("f103").unwrap_err().to_string();
        assert_eq!(err, "unknown board `f103` (known boards: stm32f405)");
    }
}
