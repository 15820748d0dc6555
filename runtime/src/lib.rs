//! Board support for the Cyclops example firmwares: an STM32F405 pyboard. The examples
//! run from the 16 MHz HSI clock straight out of reset; the Python runtime starts the
//! PLL for the pyboard's 168 MHz ([`clock`]).
//!
//! The firmwares are single-threaded and use no interrupts, so these helpers
//! reach the peripherals through the PAC's register pointers instead of
//! threading owned peripheral singletons through every call.
#![no_std]

pub use stm32f4::stm32f405 as pac;

/// General-purpose I/O: push-pull outputs driven through BSRR, pulled-up inputs.
pub mod gpio {
    use crate::pac;

    /// A GPIO port of the STM32F405.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Port {
        A,
        B,
        C,
        D,
        E,
        F,
        G,
        H,
        I,
    }

    /// Evaluates `$body` with `$regs` bound to the register block of `$port`.
    ///
    /// The PAC gives the ports distinct types (their reset values differ), so
    /// a shared reference type does not exist; each arm is monomorphic.
    macro_rules! with_port {
        ($port:expr, |$regs:ident| $body:expr) => {
            // SAFETY: GPIO registers are only touched from the single thread.
            match $port {
                Port::A => {
                    let $regs = unsafe { &*pac::GPIOA::ptr() };
                    $body
                }
                Port::B => {
                    let $regs = unsafe { &*pac::GPIOB::ptr() };
                    $body
                }
                Port::C => {
                    let $regs = unsafe { &*pac::GPIOC::ptr() };
                    $body
                }
                Port::D => {
                    let $regs = unsafe { &*pac::GPIOD::ptr() };
                    $body
                }
                Port::E => {
                    let $regs = unsafe { &*pac::GPIOE::ptr() };
                    $body
                }
                Port::F => {
                    let $regs = unsafe { &*pac::GPIOF::ptr() };
                    $body
                }
                Port::G => {
                    let $regs = unsafe { &*pac::GPIOG::ptr() };
                    $body
                }
                Port::H => {
                    let $regs = unsafe { &*pac::GPIOH::ptr() };
                    $body
                }
                Port::I => {
                    let $regs = unsafe { &*pac::GPIOI::ptr() };
                    $body
                }
            }
        };
    }

    /// Turns on the AHB1 clock of `port`; its registers ignore writes until then.
    pub fn enable_clock(port: Port) {
        // SAFETY: RCC is only touched from the single thread.
        let rcc = unsafe { &*pac::RCC::ptr() };
        rcc.ahb1enr().modify(|_, w| match port {
            Port::A => w.gpioaen().enabled(),
            Port::B => w.gpioben().enabled(),
            Port::C => w.gpiocen().enabled(),
            Port::D => w.gpioden().enabled(),
            Port::E => w.gpioeen().enabled(),
            Port::F => w.gpiofen().enabled(),
            Port::G => w.gpiogen().enabled(),
            Port::H => w.gpiohen().enabled(),
            Port::I => w.gpioien().enabled(),
        });
    }

    /// A pin configured as a push-pull output.
    #[derive(Debug)]
    pub struct Output {
        port: Port,
        pin: u8,
    }

    impl Output {
        /// Enables the port clock and makes `pin` (0..=15) a push-pull output.
        /// The pin starts low (ODR resets to 0).
        pub fn new(port: Port, pin: u8) -> Self {
            enable_clock(port);
            with_port!(port, |gpio| {
                gpio.otyper().modify(|_, w| w.ot(pin).push_pull());
                gpio.moder().modify(|_, w| w.moder(pin).output());
            });
            Output { port, pin }
        }

        /// Drives the pin high.
        pub fn set_high(&self) {
            // BSRR writes are atomic: no read-modify-write of ODR.
            with_port!(self.port, |gpio| gpio
                .bsrr()
                .write(|w| w.bs(self.pin).set_bit()));
        }

        /// Drives the pin low.
        pub fn set_low(&self) {
            with_port!(self.port, |gpio| gpio
                .bsrr()
                .write(|w| w.br(self.pin).set_bit()));
        }

        /// The level the pin is being driven to.
        pub fn is_set_high(&self) -> bool {
            with_port!(self.port, |gpio| gpio
                .odr()
                .read()
                .odr(self.pin)
                .bit_is_set())
        }

        /// Inverts the pin and returns its new level (`true` = high).
        pub fn toggle(&self) -> bool {
            let high = !self.is_set_high();
            if high {
                self.set_high();
            } else {
                self.set_low();
            }
            high
        }
    }

    /// A pin configured as an input with its pull-up on: it reads high until driven low.
    #[derive(Debug)]
    pub struct Input {
        port: Port,
        pin: u8,
    }

    impl Input {
        /// Enables the port clock and makes `pin` (0..=15) a pulled-up input.
        pub fn pull_up(port: Port, pin: u8) -> Self {
            enable_clock(port);
            with_port!(port, |gpio| {
                gpio.pupdr().modify(|_, w| w.pupdr(pin).pull_up());
                gpio.moder().modify(|_, w| w.moder(pin).input());
            });
            Input { port, pin }
        }

        /// The level on the pin (`true` = high).
        pub fn is_high(&self) -> bool {
            with_port!(self.port, |gpio| gpio
                .idr()
                .read()
                .idr(self.pin)
                .bit_is_set())
        }
    }
}

/// The pyboard's clock tree, as MicroPython's stm32 port sets it up.
pub mod clock {
    use crate::pac;

    /// SYSCLK = HCLK: the core clock.
    pub const SYSCLK_HZ: u32 = 168_000_000;
    /// APB1 (HCLK / 4); its timers count at twice that.
    pub const PCLK1_HZ: u32 = 42_000_000;
    /// APB2 (HCLK / 2), which clocks USART1.
    pub const PCLK2_HZ: u32 = 84_000_000;

    /// PLLCFGR: source HSE (the 12 MHz crystal), M = 12, N = 336, P = 2 (168 MHz),
    /// Q = 7 (48 MHz for USB), reserved bit 29 kept at its reset value.
    const PLLCFGR: u32 = (1 << 29) | (7 << 24) | (1 << 22) | (336 << 6) | 12;

    /// Runs the core at 168 MHz from the PLL: voltage scale 1, 5 flash wait states with
    /// prefetch and both caches on (RM0090 §3.5.1 for 150-168 MHz at 2.7-3.6 V), AHB /1,
    /// APB1 /4, APB2 /2. Call once, first thing.
    pub fn init_168mhz() {
        // SAFETY: RCC, PWR and FLASH are only touched from the single thread.
        let (rcc, pwr, flash) =
            unsafe { (&*pac::RCC::ptr(), &*pac::PWR::ptr(), &*pac::FLASH::ptr()) };
        rcc.apb1enr().modify(|_, w| w.pwren().enabled());
        pwr.cr().modify(|_, w| w.vos().set_bit());
        rcc.cr().modify(|_, w| w.hseon().on());
        while rcc.cr().read().hserdy().is_not_ready() {}
        // SAFETY: every field of the value is in range.
        rcc.pllcfgr().write(|w| unsafe { w.bits(PLLCFGR) });
        rcc.cr().modify(|_, w| w.pllon().on());
        while rcc.cr().read().pllrdy().is_not_ready() {}
        flash.acr().write(|w| {
            w.latency()
                .ws5()
                .prften()
                .enabled()
                .icen()
                .enabled()
                .dcen()
                .enabled()
        });
        rcc.cfgr()
            .modify(|_, w| w.hpre().div1().ppre1().div4().ppre2().div2().sw().pll());
        while !rcc.cfgr().read().sws().is_pll() {}
    }
}

/// Time without periodic interrupts: TIM2 (32 bits) counts microseconds and TIM5 (32 bits)
/// half-milliseconds from [`start`](ticks::start) on, both on the 84 MHz APB1 timer
/// clock of [`clock::init_168mhz`]; sleeps wait with WFI for a TIM2 compare.
pub mod ticks {
    use crate::pac::{self, Interrupt, NVIC};

    const CC1IF: u32 = 1 << 1;

    fn tim2() -> &'static pac::tim2::RegisterBlock {
        // SAFETY: TIM2 is only touched from the single thread.
        unsafe { &*pac::TIM2::ptr() }
    }

    fn tim5() -> &'static pac::tim5::RegisterBlock {
        // SAFETY: TIM5 is only touched from the single thread.
        unsafe { &*pac::TIM5::ptr() }
    }

    /// Starts both counters from 0. Call once, after [`crate::clock::init_168mhz`].
    pub fn start() {
        // SAFETY: RCC is only touched from the single thread.
        let rcc = unsafe { &*pac::RCC::ptr() };
        rcc.apb1enr()
            .modify(|_, w| w.tim2en().enabled().tim5en().enabled());
        // 84 MHz / 84 = 1 MHz; 84 MHz / 42,000 = 2 kHz. PSC loads at the update event.
        // SAFETY: every value is in its field's range.
        unsafe {
            tim2().psc().write(|w| w.bits(83));
            tim2().arr().write(|w| w.bits(u32::MAX));
            tim2().egr().write(|w| w.ug().set_bit());
            tim2().sr().write(|w| w.bits(0));
            tim5().psc().write(|w| w.bits(41_999));
            tim5().arr().write(|w| w.bits(u32::MAX));
            tim5().egr().write(|w| w.ug().set_bit());
            tim5().sr().write(|w| w.bits(0));
        }
        tim2().cr1().write(|w| w.cen().set_bit());
        tim5().cr1().write(|w| w.cen().set_bit());
    }

    /// Microseconds since [`start`], wrapping at 2^32.
    pub fn micros() -> u32 {
        tim2().cnt().read().bits()
    }

    /// Milliseconds since [`start`], wrapping at 2^31.
    pub fn millis() -> u32 {
        tim5().cnt().read().bits() >> 1
    }

    /// Waits `us` microseconds (less than 2^31) asleep: WFI until TIM2 reaches the end.
    /// PRIMASK stays set meanwhile, so the compare interrupt wakes the core without being
    /// taken (no handler, nothing else runs); its flag and pending bit are cleared here.
    pub fn sleep_us(us: u32) {
        let t = tim2();
        let start = micros();
        cortex_m::interrupt::disable();
        // SAFETY: any value is a valid compare value and status write.
        unsafe {
            t.ccr1().write(|w| w.bits(start.wrapping_add(us)));
            t.sr().write(|w| w.bits(!CC1IF));
        }
        t.dier().modify(|_, w| w.cc1ie().set_bit());
        // SAFETY: the interrupt cannot be taken while PRIMASK is set.
        unsafe { NVIC::unmask(Interrupt::TIM2) };
        while micros().wrapping_sub(start) < us {
            cortex_m::asm::wfi();
            // SAFETY: writing 0 to CC1IF clears it; the other flags ignore 1s.
            unsafe { t.sr().write(|w| w.bits(!CC1IF)) };
            NVIC::unpend(Interrupt::TIM2);
        }
        NVIC::mask(Interrupt::TIM2);
        t.dier().modify(|_, w| w.cc1ie().clear_bit());
        // SAFETY: as above.
        unsafe { t.sr().write(|w| w.bits(!CC1IF)) };
        NVIC::unpend(Interrupt::TIM2);
        // SAFETY: interrupts were enabled on entry (the firmware never disables them).
        unsafe { cortex_m::interrupt::enable() };
    }
}

/// USART1 on PA9 (TX) / PA10 (RX), 115200 baud 8N1, polled.
pub mod uart {
    use crate::{gpio, pac};
    use core::fmt;

    /// Line rate.
    pub const BAUD: u32 = 115_200;
    /// APB2 runs at the HSI frequency after reset (no PLL, prescalers at 1).
    const RESET_PCLK2_HZ: u32 = 16_000_000;

    fn usart1() -> &'static pac::usart1::RegisterBlock {
        // SAFETY: USART1 is only touched from the single thread.
        unsafe { &*pac::USART1::ptr() }
    }

    /// Handle to the initialised USART1.
    #[derive(Debug)]
    pub struct Uart1 {
        _initialised: (),
    }

    /// Routes PA9/PA10 to USART1 (AF7) and enables it at [`BAUD`] from the reset clock.
    pub fn init() -> Uart1 {
        init_at(RESET_PCLK2_HZ)
    }

    /// USART1 if it is already on (whatever clock it was set up for), else [`init`]:
    /// for the panic handler, which may run in any firmware at any clock.
    pub fn get_or_init() -> Uart1 {
        if usart1().cr1().read().ue().is_enabled() {
            Uart1 { _initialised: () }
        } else {
            init()
        }
    }

    /// Routes PA9/PA10 to USART1 (AF7) and enables it at [`BAUD`] with APB2 at
    /// `pclk2_hz`. BRR holds USARTDIV in 12.4 fixed point (16x oversampling), rounded:
    /// at 16 MHz 138.9 -> 139 (mantissa 8, fraction 11); at 84 MHz 729.2 -> 729.
    pub fn init_at(pclk2_hz: u32) -> Uart1 {
        let usartdiv_x16 = (pclk2_hz + BAUD / 2) / BAUD;
        gpio::enable_clock(gpio::Port::A);
        // SAFETY: GPIOA and RCC are only touched from the single thread.
        let (gpioa, rcc) = unsafe { (&*pac::GPIOA::ptr(), &*pac::RCC::ptr()) };
        gpioa.afrh().modify(|_, w| w.afrh9().af7().afrh10().af7());
        gpioa
            .moder()
            .modify(|_, w| w.moder9().alternate().moder10().alternate());

        rcc.apb2enr().modify(|_, w| w.usart1en().enabled());
        let usart = usart1();
        usart.brr().write(|w| {
            w.div_mantissa()
                .set((usartdiv_x16 >> 4) as u16)
                .div_fraction()
                .set((usartdiv_x16 & 0xf) as u8)
        });
        usart
            .cr1()
            .write(|w| w.te().enabled().re().enabled().ue().enabled());
        Uart1 { _initialised: () }
    }

    /// Sends `bytes` once USART1 is initialised (for code that holds no [`Uart1`],
    /// such as the Python runtime's console hook).
    pub fn write_bytes(bytes: &[u8]) {
        let usart = usart1();
        for &byte in bytes {
            while usart.sr().read().txe().bit_is_clear() {}
            usart.dr().write(|w| w.dr().set(byte.into()));
        }
    }

    impl Uart1 {
        /// Sends one byte once the transmit data register is free.
        pub fn write_byte(&mut self, byte: u8) {
            write_bytes(&[byte]);
        }

        /// Sends every byte of `s`, unchanged (no `\n` -> `\r\n` translation).
        pub fn write_str(&mut self, s: &str) {
            s.bytes().for_each(|b| self.write_byte(b));
        }

        /// Waits for a received byte and returns it.
        pub fn read_byte(&mut self) -> u8 {
            let usart = usart1();
            while usart.sr().read().rxne().bit_is_clear() {}
            // 8N1: the ninth data bit is always zero; reading DR clears RXNE.
            usart.dr().read().dr().bits() as u8
        }

        /// Waits until the last byte has left the shift register, so nothing is
        /// cut off when the firmware exits right after writing.
        pub fn flush(&mut self) {
            while usart1().sr().read().tc().bit_is_clear() {}
        }
    }

    impl fmt::Write for Uart1 {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            Uart1::write_str(self, s);
            Ok(())
        }
    }
}

/// The pyboard's UARTs by MicroPython id (1-4, 6), polled, 8N1, at the bus clocks of
/// [`clock::init_168mhz`], on the pins the pyboard gives them (`X9`/`X10` for 1...).
pub mod uarts {
    use crate::clock;
    use core::ptr::{read_volatile, write_volatile};

    const SR: u32 = 0x00;
    const DR: u32 = 0x04;
    const BRR: u32 = 0x08;
    const CR1: u32 = 0x0C;
    const RXNE: u32 = 1 << 5;
    const TXE: u32 = 1 << 7;

    /// (base, on APB2, RCC enable bit, GPIO port (A = 0), TX pin, RX pin, AF)
    fn spec(id: u8) -> Option<(u32, bool, u32, u32, u32, u32, u32)> {
        Some(match id {
            1 => (0x4001_1000, true, 4, 1, 6, 7, 7),
            2 => (0x4000_4400, false, 17, 0, 2, 3, 7),
            3 => (0x4000_4800, false, 18, 1, 10, 11, 7),
            4 => (0x4000_4C00, false, 19, 0, 0, 1, 8),
            6 => (0x4001_1400, true, 5, 2, 6, 7, 8),
            _ => return None,
        })
    }

    fn modify(addr: u32, f: impl FnOnce(u32) -> u32) {
        // SAFETY: `addr` is a register of a peripheral this module owns.
        unsafe { write_volatile(addr as *mut u32, f(read_volatile(addr as *const u32))) }
    }

    fn reg(addr: u32) -> u32 {
        // SAFETY: as for `modify`.
        unsafe { read_volatile(addr as *const u32) }
    }

    /// A write without a read first (reading DR would take a received byte).
    fn set(addr: u32, value: u32) {
        // SAFETY: as for `modify`.
        unsafe { write_volatile(addr as *mut u32, value) }
    }

    /// Sets UART `id` up at `baud` (16x oversampling, BRR rounded) and returns the baud
    /// rate it gets; 0 for an id the pyboard has no UART for.
    pub fn init(id: u8, baud: u32) -> u32 {
        let Some((base, apb2, en, port, tx, rx, af)) = spec(id) else {
            return 0;
        };
        const RCC: u32 = 0x4002_3800;
        modify(RCC + 0x30, |v| v | 1 << port);
        modify(RCC + if apb2 { 0x44 } else { 0x40 }, |v| v | 1 << en);
        let gpio = 0x4002_0000 + 0x400 * port;
        for pin in [tx, rx] {
            modify(gpio + 0x20 + 4 * (pin / 8), |v| {
                v & !(0xF << (4 * (pin % 8))) | af << (4 * (pin % 8))
            });
            modify(gpio, |v| v & !(3 << (2 * pin)) | 2 << (2 * pin));
        }
        let pclk = if apb2 {
            clock::PCLK2_HZ
        } else {
            clock::PCLK1_HZ
        };
        let brr = ((pclk + baud / 2) / baud).max(16);
        set(base + CR1, 0);
        set(base + BRR, brr);
        // UE, TE, RE.
        set(base + CR1, (1 << 13) | (1 << 3) | (1 << 2));
        pclk / brr
    }

    /// Sends `bytes` on UART `id`, each once the data register is free.
    pub fn write(id: u8, bytes: &[u8]) {
        let Some((base, ..)) = spec(id) else { return };
        for &b in bytes {
            while reg(base + SR) & TXE == 0 {}
            set(base + DR, b.into());
        }
    }

    /// A received byte, if one is waiting.
    pub fn read(id: u8) -> Option<u8> {
        let (base, ..) = spec(id)?;
        (reg(base + SR) & RXNE != 0).then(|| reg(base + DR) as u8)
    }

    /// 1 if a received byte is waiting, else 0 (there is no receive buffer).
    pub fn any(id: u8) -> u8 {
        spec(id).map_or(0, |(base, ..)| u8::from(reg(base + SR) & RXNE != 0))
    }
}

/// The DWT cycle counter (CYCCNT), which counts core clock cycles.
pub mod cycles {
    use cortex_m::peripheral::DWT;

    /// Starts CYCCNT: DEMCR.TRCENA powers the DWT, then DWT_CTRL.CYCCNTENA.
    pub fn enable() {
        // SAFETY: DCB and DWT are only touched from the single thread.
        let mut core = unsafe { cortex_m::Peripherals::steal() };
        core.DCB.enable_trace();
        core.DWT.enable_cycle_counter();
    }

    /// The current cycle count; wraps every 2^32 cycles.
    pub fn read() -> u32 {
        DWT::cycle_count()
    }
}

/// Ends the program through semihosting `SYS_EXIT_EXTENDED` (BKPT 0xAB, op
/// 0x20) with reason `ADP_Stopped_ApplicationExit` (0x20026) and `code` as the
/// exit status; unlike plain `SYS_EXIT`, it carries the status for any code.
pub fn exit(code: u32) -> ! {
    const SYS_EXIT_EXTENDED: usize = 0x20;
    const ADP_STOPPED_APPLICATION_EXIT: usize = 0x20026;
    let block = [ADP_STOPPED_APPLICATION_EXIT, code as usize];
    // SAFETY: the call only reads the two-word parameter block.
    unsafe { cortex_m_semihosting::syscall(SYS_EXIT_EXTENDED, &block) };
    // Only reached if a debugger resumes us; there is nothing left to run.
    loop {
        cortex_m::asm::wfi();
    }
}

/// Reports the panic on USART1 and exits with status 101 (Rust's panic code).
#[cfg(feature = "panic-handler")]
#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    use core::fmt::Write;
    let mut uart = uart::get_or_init();
    // Writing to the UART cannot fail.
    let _ = write!(uart, "{info}\r\n");
    uart.flush();
    exit(101)
}
