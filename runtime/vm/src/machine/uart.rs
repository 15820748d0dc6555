//! `machine.UART` as on a pyboard: ids 1-4 and 6, 8 data bits, no parity, 1 stop bit,
//! polled through the board's hooks (no receive buffer: `any()` is 0 or 1). Reads wait up
//! to `timeout` ms for the first byte and `timeout_char` ms for each next one, as
//! MicroPython's stream reads do, and return `None` when nothing came.

use alloc::vec::Vec;

use crate::{
    board::board,
    exc,
    func::{Builtin, Fun},
    obj::{Base, Obj},
    print::fmt,
    qstr::{q, Qstr},
    runtime::to_int,
    state::alloc_obj,
    str::{buffer_bytes, new_bytes},
    types::{buffer, Args, Member, Out, Print, Type},
    R,
};

#[repr(C)]
struct Uart {
    base: Base,
    id: u8,
    /// The baud rate the hardware runs at (0 until `init`).
    baud: u32,
    timeout_ms: u32,
    timeout_char_ms: u32,
}

fn uart(o: Obj) -> &'static mut Uart {
    // SAFETY: only installed on `Uart` objects.
    unsafe { o.as_ref::<Uart>() }
}

/// The keyword (or, in order, positional) arguments of `init`.
const PARAMS: [Qstr; 7] = [
    q::baudrate,
    q::bits,
    q::parity,
    q::stop,
    q::timeout,
    q::timeout_char,
    q::flow,
];

fn init_uart(u: &mut Uart, args: &Args) -> R<()> {
    let mut values = [Obj::NULL; PARAMS.len()];
    if args.pos.len() > 4 {
        return Err(exc::type_error("too many positional arguments"));
    }
    values[..args.pos.len()].copy_from_slice(args.pos);
    for pair in args.kw.chunks_exact(2) {
        let name = crate::str::qstr_of(pair[0]).unwrap_or(q::baudrate);
        let i = PARAMS.iter().position(|p| *p == name).ok_or_else(|| {
            exc::type_error_fmt(format_args!(
                "unexpected keyword argument '{}'",
                name.as_str()
            ))
        })?;
        values[i] = pair[1];
    }
    let int_or = |o: Obj, default: i32| if o.is_null() { Ok(default) } else { to_int(o) };
    let baud = int_or(values[0], 9600)?;
    if int_or(values[1], 8)? != 8
        || !(values[2].is_null() || values[2] == Obj::NONE)
        || int_or(values[3], 1)? != 1
        || int_or(values[6], 0)? != 0
    {
        return Err(exc::value_error(
            "unsupported UART format: 8 bits, no parity, 1 stop bit, no flow control",
        ));
    }
    if baud <= 0 {
        return Err(exc::value_error("invalid baudrate"));
    }
    u.baud = (board().uart_init)(u.id, baud as u32);
    u.timeout_ms = int_or(values[4], 0)?.max(0) as u32;
    // At least a whole character (13 bit times to be safe), as MicroPython's stm32 port.
    let char_ms = (13_000 / u.baud + 1) as i32;
    u.timeout_char_ms = int_or(values[5], 0)?.max(char_ms) as u32;
    Ok(())
}

fn make_new(_: &'static Type, args: &Args) -> R {
    let (&id, rest) = args
        .pos
        .split_first()
        .ok_or_else(|| exc::type_error("function missing 1 required positional arguments"))?;
    let id = to_int(id)?;
    if ![1, 2, 3, 4, 6].contains(&id) {
        return Err(exc::new_fmt(
            &exc::VALUE_ERROR,
            format_args!("UART({id}) doesn't exist"),
        ));
    }
    let p = alloc_obj::<Uart>(&UART, 0)?;
    // SAFETY: freshly allocated.
    let u = unsafe {
        (*p).id = id as u8;
        (*p).baud = 0;
        &mut *p
    };
    if !rest.is_empty() || !args.kw.is_empty() {
        init_uart(
            u,
            &Args {
                pos: rest,
                kw: args.kw,
            },
        )?;
    }
    Ok(Obj::from_ptr(p))
}

fn initialised(o: Obj) -> R<&'static mut Uart> {
    let u = uart(o);
    if u.baud == 0 {
        return Err(exc::new(&exc::OS_ERROR, "UART not enabled"));
    }
    Ok(u)
}

fn init(args: &Args) -> R {
    let (&this, rest) = args
        .pos
        .split_first()
        .ok_or_else(|| exc::type_error("init needs a UART"))?;
    init_uart(
        uart(this),
        &Args {
            pos: rest,
            kw: args.kw,
        },
    )?;
    Ok(Obj::NONE)
}

/// The next received byte, waiting up to `ms` milliseconds for it.
fn next_byte(u: &Uart, ms: u32) -> Option<u8> {
    let start = (board().micros)();
    loop {
        if let Some(b) = (board().uart_read)(u.id) {
            return Some(b);
        }
        if (board().micros)().wrapping_sub(start) >= ms.saturating_mul(1000) {
            return None;
        }
    }
}

/// Up to `max` bytes, stopping after `stop` if given.
fn receive(u: &Uart, max: usize, stop: Option<u8>) -> Vec<u8> {
    let mut got = Vec::new();
    while got.len() < max {
        let wait = if got.is_empty() {
            u.timeout_ms
        } else {
            u.timeout_char_ms
        };
        let Some(b) = next_byte(u, wait) else { break };
        got.push(b);
        if Some(b) == stop {
            break;
        }
    }
    got
}

fn bytes_or_none(got: &[u8]) -> R {
    if got.is_empty() {
        Ok(Obj::NONE)
    } else {
        new_bytes(got)
    }
}

fn read(args: &[Obj]) -> R {
    let u = initialised(args[0])?;
    let max = match args.get(1) {
        Some(&n) if n != Obj::NONE => to_int(n)?.max(0) as usize,
        _ => usize::MAX,
    };
    bytes_or_none(&receive(u, max, None))
}

fn readline(o: Obj) -> R {
    let u = initialised(o)?;
    bytes_or_none(&receive(u, usize::MAX, Some(b'\n')))
}

fn readinto(args: &[Obj]) -> R {
    let u = initialised(args[0])?;
    let buf = buffer(args[1])
        .filter(|b| b.writable)
        .ok_or_else(|| exc::type_error("object with buffer protocol required"))?;
    let dest = buf.bytes();
    let max = match args.get(2) {
        Some(&n) => (to_int(n)?.max(0) as usize).min(dest.len()),
        None => dest.len(),
    };
    let got = receive(u, max, None);
    if got.is_empty() {
        return Ok(Obj::NONE);
    }
    dest[..got.len()].copy_from_slice(&got);
    Ok(Obj::small_unchecked(got.len() as i32))
}

fn write(o: Obj, data: Obj) -> R {
    let u = initialised(o)?;
    let bytes = match crate::str::str_bytes(data) {
        Some(s) => s.to_vec(),
        None => buffer_bytes(data)?,
    };
    (board().uart_write)(u.id, &bytes);
    Ok(Obj::small_unchecked(bytes.len() as i32))
}

fn any(o: Obj) -> R {
    let u = initialised(o)?;
    Ok(Obj::small_unchecked((board().uart_any)(u.id).into()))
}

fn print(out: &mut dyn Out, o: Obj, _: Print) -> R<()> {
    let u = uart(o);
    if u.baud == 0 {
        fmt(out, format_args!("UART({})", u.id));
    } else {
        fmt(
            out,
            format_args!(
                "UART({}, baudrate={}, bits=8, parity=None, stop=1, flow=0, timeout={}, \
                 timeout_char={}, rxbuf=0)",
                u.id, u.baud, u.timeout_ms, u.timeout_char_ms
            ),
        );
    }
    Ok(())
}

static INIT: Builtin = Builtin::new(q::init, Fun::Kw(init));
static READ: Builtin = Builtin::new(q::read, Fun::Var(1, 2, read));
static READLINE: Builtin = Builtin::new(q::readline, Fun::F1(readline));
static READINTO: Builtin = Builtin::new(q::readinto, Fun::Var(2, 3, readinto));
static WRITE: Builtin = Builtin::new(q::write, Fun::F2(write));
static ANY: Builtin = Builtin::new(q::any, Fun::F1(any));

pub static UART: Type = Type {
    make_new: Some(make_new),
    print: Some(print),
    members: &[
        (q::init, Member::Fun(&INIT)),
        (q::read, Member::Fun(&READ)),
        (q::readline, Member::Fun(&READLINE)),
        (q::readinto, Member::Fun(&READINTO)),
        (q::write, Member::Fun(&WRITE)),
        (q::any, Member::Fun(&ANY)),
    ],
    ..Type::new(q::UART)
};
