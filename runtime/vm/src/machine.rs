//! `machine` as on a pyboard (MicroPython's stm32 port): `mem8`/`mem16`/`mem32`, `Pin`,
//! `UART`, `freq`, `reset`. Every register access goes through the board's hooks.

mod uart;

use alloc::vec::Vec;

use crate::{
    board::board,
    exc,
    func::{Builtin, Fun},
    int,
    obj::{Base, Obj},
    print::fmt,
    qstr::{q, Qstr},
    runtime::is_true,
    seq,
    types::{Args, Member, Out, Print, Type},
    R,
};

/// `machine.mem8`, `mem16`, `mem32`: memory as words of one width.
#[repr(C)]
struct Mem {
    base: Base,
    width: u8,
}

fn mem(o: Obj) -> &'static Mem {
    // SAFETY: only installed on `Mem` objects.
    unsafe { o.as_ref::<Mem>() }
}

fn mem_addr(index: Obj, width: u8) -> R<u32> {
    let addr = int::truncated(index)?;
    if addr % u32::from(width) != 0 {
        return Err(exc::new_fmt(
            &exc::VALUE_ERROR,
            format_args!("address {addr:08x} is not aligned to {width} bytes"),
        ));
    }
    Ok(addr)
}

fn mem_subscr(o: Obj, index: Obj, value: Obj) -> R {
    let width = mem(o).width;
    if value.is_null() {
        return Err(exc::type_error(
            "'mem' object doesn't support item deletion",
        ));
    }
    let addr = mem_addr(index, width)?;
    if value == Obj::SENTINEL {
        // As MicroPython: the word as a signed machine int.
        return int::new_int(i64::from((board().read)(addr, width) as i32));
    }
    (board().write)(addr, width, int::truncated(value)?);
    Ok(Obj::NONE)
}

fn mem_print(out: &mut dyn Out, o: Obj, _: Print) -> R<()> {
    fmt(out, format_args!("<{}-bit memory>", 8 * mem(o).width));
    Ok(())
}

static MEM: Type = Type {
    subscr: Some(mem_subscr),
    print: Some(mem_print),
    ..Type::new(q::mem)
};

static MEM8: Mem = Mem {
    base: Base { ty: &MEM },
    width: 1,
};
static MEM16: Mem = Mem {
    base: Base { ty: &MEM },
    width: 2,
};
static MEM32: Mem = Mem {
    base: Base { ty: &MEM },
    width: 4,
};

/// A GPIO pin of the STM32F405.
#[repr(C)]
pub struct Pin {
    base: Base,
    port: u8,
    pin: u8,
}

/// The CPU pins the pyboard's `pins.csv` uses: PA0-15, PB0-15, PC0-13, PD2.
const N_PINS: usize = 16 + 16 + 14 + 1;

static PINS: [Pin; N_PINS] = {
    let mut pins = [const {
        Pin {
            base: Base { ty: &PIN },
            port: 0,
            pin: 0,
        }
    }; N_PINS];
    let mut i = 0;
    while i < N_PINS {
        let (port, pin) = match i {
            0..=31 => (i / 16, i % 16),
            32..=45 => (2, i - 32),
            _ => (3, 2),
        };
        pins[i].port = port as u8;
        pins[i].pin = pin as u8;
        i += 1;
    }
    pins
};

/// The pyboard v1.1's names for its pins (`ports/stm32/boards/PYBV11/pins.csv`).
const BOARD_NAMES: &[(&str, &str)] = &[
    ("X1", "A0"),
    ("X2", "A1"),
    ("X3", "A2"),
    ("X4", "A3"),
    ("X5", "A4"),
    ("X6", "A5"),
    ("X7", "A6"),
    ("X8", "A7"),
    ("X9", "B6"),
    ("X10", "B7"),
    ("X11", "C4"),
    ("X12", "C5"),
    ("X17", "B3"),
    ("X18", "C13"),
    ("X19", "C0"),
    ("X20", "C1"),
    ("X21", "C2"),
    ("X22", "C3"),
    ("Y1", "C6"),
    ("Y2", "C7"),
    ("Y3", "B8"),
    ("Y4", "B9"),
    ("Y5", "B12"),
    ("Y6", "B13"),
    ("Y7", "B14"),
    ("Y8", "B15"),
    ("Y9", "B10"),
    ("Y10", "B11"),
    ("Y11", "B0"),
    ("Y12", "B1"),
    ("SW", "B3"),
    ("LED_RED", "A13"),
    ("LED_GREEN", "A14"),
    ("LED_YELLOW", "A15"),
    ("LED_BLUE", "B4"),
    ("MMA_INT", "B2"),
    ("MMA_AVDD", "B5"),
    ("SD_D0", "C8"),
    ("SD_D1", "C9"),
    ("SD_D2", "C10"),
    ("SD_D3", "C11"),
    ("SD_CMD", "D2"),
    ("SD_CK", "C12"),
    ("SD", "A8"),
    ("SD_SW", "A8"),
    ("USB_VBUS", "A9"),
    ("USB_ID", "A10"),
    ("USB_DM", "A11"),
    ("USB_DP", "A12"),
];

/// The pin a CPU name (`A14`) names.
fn cpu_pin(name: &str) -> Option<&'static Pin> {
    let port = name.bytes().next()?.checked_sub(b'A')?;
    let digits = name.get(1..)?;
    if digits.is_empty() || digits.len() > 2 || (digits.len() == 2 && digits.starts_with('0')) {
        return None;
    }
    let pin: u8 = digits.parse().ok()?;
    PINS.iter().find(|p| p.port == port && p.pin == pin)
}

fn find_pin(id: Obj) -> R<&'static Pin> {
    if id.is_ptr() && id.is_exact(&PIN) {
        return Ok(pin(id));
    }
    let name = crate::str::str_text(id).ok_or_else(|| {
        exc::type_error_fmt(format_args!(
            "can't convert '{}' object to str implicitly",
            id.type_of().name.as_str()
        ))
    })?;
    BOARD_NAMES
        .iter()
        .find(|(board, _)| *board == name)
        .map_or_else(|| cpu_pin(name), |(_, cpu)| cpu_pin(cpu))
        .ok_or_else(|| exc::new_fmt(&exc::VALUE_ERROR, format_args!("Pin({name}) doesn't exist")))
}

fn pin(o: Obj) -> &'static Pin {
    // SAFETY: only installed on the static pins.
    unsafe { o.as_ref::<Pin>() }
}

// GPIO registers (RM0090 §8.4) and the modes as the STM32 HAL numbers them, which are
// the values of MicroPython's `Pin.IN`, `Pin.OUT`...
const MODER: u32 = 0x00;
const OTYPER: u32 = 0x04;
const OSPEEDR: u32 = 0x08;
const PUPDR: u32 = 0x0C;
const IDR: u32 = 0x10;
const BSRR: u32 = 0x18;
const AFR0: u32 = 0x20;
const RCC_AHB1ENR: u32 = 0x4002_3830;
const IN: i32 = 0;
const OUT: i32 = 1;
const ALT: i32 = 2;
const ANALOG: i32 = 3;
const OPEN_DRAIN: i32 = 0x11;
const ALT_OPEN_DRAIN: i32 = 0x12;
const PULL_NONE: i32 = 0;
const PULL_UP: i32 = 1;
const PULL_DOWN: i32 = 2;

impl Pin {
    fn reg(&self, offset: u32) -> u32 {
        0x4002_0000 + 0x400 * u32::from(self.port) + offset
    }

    fn read(&self, offset: u32) -> u32 {
        (board().read)(self.reg(offset), 4)
    }

    /// Replaces the `bits`-wide field of this pin in a register.
    fn set_field(&self, offset: u32, bits: u32, value: u32) {
        let shift = bits * u32::from(self.pin % (32 / bits) as u8);
        let mask = ((1 << bits) - 1) << shift;
        let old = self.read(offset);
        (board().write)(
            self.reg(offset),
            4,
            (old & !mask) | ((value << shift) & mask),
        );
    }

    fn field(&self, offset: u32, bits: u32) -> u32 {
        let shift = bits * u32::from(self.pin % (32 / bits) as u8);
        (self.read(offset) >> shift) & ((1 << bits) - 1)
    }

    fn write(&self, high: bool) {
        let bit = 1 << self.pin;
        (board().write)(self.reg(BSRR), 4, if high { bit } else { bit << 16 });
    }

    fn level(&self) -> bool {
        self.read(IDR) >> self.pin & 1 != 0
    }

    fn name(&self) -> (char, u8) {
        (char::from(b'A' + self.port), self.pin)
    }
}

/// `init(mode, pull=None, *, value=None, af=-1)` on `p`, after the pin (`args` has no
/// pin), configured as the STM32 HAL does: speed, output type, pull, alternate
/// function, then the mode.
fn init_pin(p: &'static Pin, args: &Args) -> R<()> {
    let mut mode = None;
    let mut pull = Obj::NONE;
    let mut af = -1;
    let mut value = Obj::NONE;
    let names = [q::mode, q::pull, q::af];
    if args.pos.len() > names.len() {
        return Err(exc::type_error("too many positional arguments"));
    }
    let mut given: Vec<(Qstr, Obj)> = names
        .iter()
        .copied()
        .zip(args.pos.iter().copied())
        .collect();
    for pair in args.kw.chunks_exact(2) {
        let name = crate::str::qstr_of(pair[0]).unwrap_or(q::mode);
        if name == q::value {
            value = pair[1];
        } else if names.contains(&name) {
            given.push((name, pair[1]));
        } else {
            return Err(exc::type_error_fmt(format_args!(
                "unexpected keyword argument '{}'",
                name.as_str()
            )));
        }
    }
    for (name, v) in given {
        match name {
            q::mode => mode = Some(crate::runtime::to_int(v)?),
            q::pull => pull = v,
            _ => af = crate::runtime::to_int(v)?,
        }
    }
    let mode = mode.ok_or_else(|| exc::type_error("'mode' argument required"))?;
    if ![IN, OUT, ALT, ANALOG, OPEN_DRAIN, ALT_OPEN_DRAIN].contains(&mode) {
        return Err(exc::new_fmt(
            &exc::VALUE_ERROR,
            format_args!("invalid pin mode: {mode}"),
        ));
    }
    let pull = if pull == Obj::NONE {
        PULL_NONE
    } else {
        crate::runtime::to_int(pull)?
    };
    if ![PULL_NONE, PULL_UP, PULL_DOWN].contains(&pull) {
        return Err(exc::new_fmt(
            &exc::VALUE_ERROR,
            format_args!("invalid pin pull: {pull}"),
        ));
    }
    if (mode == ALT || mode == ALT_OPEN_DRAIN) && !(0..=15).contains(&af) {
        return Err(exc::new_fmt(
            &exc::VALUE_ERROR,
            format_args!("invalid pin af: {af}"),
        ));
    }
    let old = (board().read)(RCC_AHB1ENR, 4);
    (board().write)(RCC_AHB1ENR, 4, old | 1 << p.port);
    if value != Obj::NONE {
        p.write(is_true(value)?);
    }
    let moder = (mode & 3) as u32;
    if moder == 1 || moder == 2 {
        p.set_field(OSPEEDR, 2, 2);
        p.set_field(OTYPER, 1, (mode >> 4) as u32);
    }
    p.set_field(PUPDR, 2, pull as u32);
    if moder == 2 {
        p.set_field(AFR0 + 4 * u32::from(p.pin / 8), 4, af as u32);
    }
    p.set_field(MODER, 2, moder);
    Ok(())
}

fn pin_make_new(_: &'static Type, args: &Args) -> R {
    let (&id, rest) = args
        .pos
        .split_first()
        .ok_or_else(|| exc::type_error("function missing 1 required positional arguments"))?;
    let p = find_pin(id)?;
    if !rest.is_empty() || !args.kw.is_empty() {
        init_pin(
            p,
            &Args {
                pos: rest,
                kw: args.kw,
            },
        )?;
    }
    Ok(Obj::from_ref(p))
}

fn pin_init(args: &Args) -> R {
    let (&this, rest) = args
        .pos
        .split_first()
        .ok_or_else(|| exc::type_error("init needs a Pin"))?;
    init_pin(
        pin(this),
        &Args {
            pos: rest,
            kw: args.kw,
        },
    )?;
    Ok(Obj::NONE)
}

fn pin_value(args: &[Obj]) -> R {
    let p = pin(args[0]);
    match args.get(1) {
        None => Ok(Obj::small_unchecked(p.level().into())),
        Some(&v) => {
            p.write(is_true(v)?);
            Ok(Obj::NONE)
        }
    }
}

fn pin_call(o: Obj, args: &Args) -> R {
    if !args.kw.is_empty() || args.pos.len() > 1 {
        return Err(exc::type_error("function takes at most 1 argument"));
    }
    let mut all = Vec::with_capacity(2);
    all.push(o);
    all.extend_from_slice(args.pos);
    pin_value(&all)
}

fn pin_name(o: Obj) -> R {
    let (port, n) = pin(o).name();
    crate::str::new_str(&alloc::format!("{port}{n}"))
}

/// The CPU name, then the board's names for the pin.
fn pin_names(o: Obj) -> R {
    let (port, n) = pin(o).name();
    let cpu = alloc::format!("{port}{n}");
    let mut names = alloc::vec![crate::str::new_str(&cpu)?];
    for (board, _) in BOARD_NAMES.iter().filter(|(_, c)| *c == cpu) {
        names.push(crate::str::new_str(board)?);
    }
    seq::new_list(&names)
}

fn pin_port(o: Obj) -> R {
    Ok(Obj::small_unchecked(pin(o).port.into()))
}

fn pin_pin(o: Obj) -> R {
    Ok(Obj::small_unchecked(pin(o).pin.into()))
}

fn pin_gpio(o: Obj) -> R {
    int::new_int(pin(o).reg(0).into())
}

/// The mode as `Pin.IN`, `Pin.OUT`... number it.
fn pin_mode(o: Obj) -> R {
    let p = pin(o);
    let moder = p.field(MODER, 2) as i32;
    let open_drain = p.field(OTYPER, 1) == 1 && (moder == OUT || moder == ALT);
    Ok(Obj::small_unchecked(
        moder | if open_drain { 0x10 } else { 0 },
    ))
}

fn pin_pull(o: Obj) -> R {
    Ok(Obj::small_unchecked(pin(o).field(PUPDR, 2) as i32))
}

fn pin_af(o: Obj) -> R {
    let p = pin(o);
    Ok(Obj::small_unchecked(
        p.field(AFR0 + 4 * u32::from(p.pin / 8), 4) as i32,
    ))
}

fn pin_on(o: Obj) -> R {
    pin(o).write(true);
    Ok(Obj::NONE)
}

fn pin_off(o: Obj) -> R {
    pin(o).write(false);
    Ok(Obj::NONE)
}

/// `Pin(Pin.cpu.A14, mode=Pin.OUT)`, as MicroPython's stm32 port prints a pin.
fn pin_print(out: &mut dyn Out, o: Obj, _: Print) -> R<()> {
    let p = pin(o);
    let (port, n) = p.name();
    fmt(out, format_args!("Pin(Pin.cpu.{port}{n}, mode=Pin."));
    let open_drain = p.field(OTYPER, 1) == 1;
    let mode = match (p.field(MODER, 2), open_drain) {
        (0, _) => "IN",
        (1, false) => "OUT",
        (1, true) => "OPEN_DRAIN",
        (2, false) => "ALT",
        (2, true) => "ALT_OPEN_DRAIN",
        _ => {
            out.put_str("ANALOG)");
            return Ok(());
        }
    };
    out.put_str(mode);
    match p.field(PUPDR, 2) {
        1 => out.put_str(", pull=Pin.PULL_UP"),
        2 => out.put_str(", pull=Pin.PULL_DOWN"),
        _ => {}
    }
    if p.field(MODER, 2) == 2 {
        let af = p.field(AFR0 + 4 * u32::from(p.pin / 8), 4);
        fmt(out, format_args!(", af={af}"));
    }
    out.put_str(")");
    Ok(())
}

static PIN_INIT: Builtin = Builtin::new(q::init, Fun::Kw(pin_init));
static PIN_VALUE: Builtin = Builtin::new(q::value, Fun::Var(1, 2, pin_value));
static PIN_ON: Builtin = Builtin::new(q::on, Fun::F1(pin_on));
static PIN_OFF: Builtin = Builtin::new(q::off, Fun::F1(pin_off));
static PIN_HIGH: Builtin = Builtin::new(q::high, Fun::F1(pin_on));
static PIN_LOW: Builtin = Builtin::new(q::low, Fun::F1(pin_off));
static PIN_NAME: Builtin = Builtin::new(q::name, Fun::F1(pin_name));
static PIN_NAMES: Builtin = Builtin::new(q::names, Fun::F1(pin_names));
static PIN_PORT: Builtin = Builtin::new(q::port, Fun::F1(pin_port));
static PIN_PIN: Builtin = Builtin::new(q::pin, Fun::F1(pin_pin));
static PIN_GPIO: Builtin = Builtin::new(q::gpio, Fun::F1(pin_gpio));
static PIN_MODE: Builtin = Builtin::new(q::mode, Fun::F1(pin_mode));
static PIN_PULL: Builtin = Builtin::new(q::pull, Fun::F1(pin_pull));
static PIN_AF: Builtin = Builtin::new(q::af, Fun::F1(pin_af));

pub static PIN: Type = Type {
    make_new: Some(pin_make_new),
    call: Some(pin_call),
    print: Some(pin_print),
    members: &[
        (q::init, Member::Fun(&PIN_INIT)),
        (q::value, Member::Fun(&PIN_VALUE)),
        (q::on, Member::Fun(&PIN_ON)),
        (q::off, Member::Fun(&PIN_OFF)),
        (q::IN, Member::Int(IN)),
        (q::OUT, Member::Int(OUT)),
        (q::OPEN_DRAIN, Member::Int(OPEN_DRAIN)),
        (q::ALT, Member::Int(ALT)),
        (q::ALT_OPEN_DRAIN, Member::Int(ALT_OPEN_DRAIN)),
        (q::ANALOG, Member::Int(ANALOG)),
        (q::PULL_NONE, Member::Int(PULL_NONE)),
        (q::PULL_UP, Member::Int(PULL_UP)),
        (q::PULL_DOWN, Member::Int(PULL_DOWN)),
        (q::high, Member::Fun(&PIN_HIGH)),
        (q::low, Member::Fun(&PIN_LOW)),
        (q::name, Member::Fun(&PIN_NAME)),
        (q::names, Member::Fun(&PIN_NAMES)),
        (q::port, Member::Fun(&PIN_PORT)),
        (q::pin, Member::Fun(&PIN_PIN)),
        (q::gpio, Member::Fun(&PIN_GPIO)),
        (q::mode, Member::Fun(&PIN_MODE)),
        (q::pull, Member::Fun(&PIN_PULL)),
        (q::af, Member::Fun(&PIN_AF)),
    ],
    ..Type::new(q::Pin)
};

/// `(sysclk, hclk, pclk1, pclk2)`, as `machine.freq()` gives them on stm32.
fn freq() -> R {
    let items = board()
        .freq
        .iter()
        .map(|&f| int::new_int(f.into()))
        .collect::<R<Vec<_>>>()?;
    seq::new_tuple(&items)
}

fn reset() -> R {
    (board().reset)()
}

static FREQ: Builtin = Builtin::new(q::freq, Fun::F0(freq));
static RESET: Builtin = Builtin::new(q::reset, Fun::F0(reset));

pub static MODULE: &[(Qstr, Member)] = &[
    (q::Pin, Member::Type(&PIN)),
    (q::UART, Member::Type(&uart::UART)),
    (q::freq, Member::Fun(&FREQ)),
    (q::reset, Member::Fun(&RESET)),
];

/// The module's objects that are not functions or types.
pub fn values() -> [(Qstr, Obj); 3] {
    [
        (q::mem8, Obj::from_ref(&MEM8)),
        (q::mem16, Obj::from_ref(&MEM16)),
        (q::mem32, Obj::from_ref(&MEM32)),
    ]
}
