//! Integers: small ints in the object word, and boxed arbitrary-precision ones beyond
//! 31 bits. Arithmetic on values that fit 64 bits takes a fast path; the rest goes
//! through [`Big`].

use core::cmp::Ordering;

use crate::{
    bigint::Big,
    exc::{self, new, OVERFLOW_ERROR, VALUE_ERROR, ZERO_DIVISION_ERROR},
    float,
    obj::{Base, Obj},
    print,
    qstr::q,
    state::alloc_obj,
    types::{flags, Args, BinaryOp, Out, Print, Type, UnaryOp},
    R,
};

/// A boxed int: sign and magnitude limbs (least significant first) after the header.
#[repr(C)]
pub struct BigInt {
    pub base: Base,
    pub neg: u32,
    pub len: u32,
    pub limbs: [u32; 0],
}

/// An int object for `b`: small if it fits, boxed otherwise.
pub fn from_big(b: &Big) -> R {
    if let Some(o) = b
        .to_i64()
        .and_then(|v| i32::try_from(v).ok())
        .and_then(Obj::small)
    {
        return Ok(o);
    }
    let p = alloc_obj::<BigInt>(&INT, b.mag.len() * 4)?;
    // SAFETY: allocated with room for the limbs.
    unsafe {
        (*p).neg = u32::from(b.neg);
        (*p).len = b.mag.len() as u32;
        core::ptr::copy_nonoverlapping(b.mag.as_ptr(), (*p).limbs.as_mut_ptr(), b.mag.len());
    }
    Ok(Obj::from_ptr(p))
}

/// An int object for `v`.
pub fn new_int(v: i64) -> R {
    match i32::try_from(v).ok().and_then(Obj::small) {
        Some(o) => Ok(o),
        None => from_big(&Big::from_i64(v)),
    }
}

fn from_i128(v: i128) -> R {
    match i64::try_from(v) {
        Ok(v) => new_int(v),
        Err(_) => {
            let m = v.unsigned_abs();
            let mag = (0..4).map(|i| (m >> (32 * i)) as u32).collect();
            from_big(&Big { neg: false, mag }.mul(&Big::from_i64(v.signum() as i64)))
        }
    }
}

/// The value of an int (or bool) object as a [`Big`].
pub fn big_of(o: Obj) -> Option<Big> {
    if let Some(v) = o.as_small() {
        return Some(Big::from_i64(v.into()));
    }
    match o {
        Obj::FALSE => Some(Big::zero()),
        Obj::TRUE => Some(Big::from_i64(1)),
        _ if o.is_ptr() && o.is_exact(&INT) => {
            // SAFETY: the type says it is a `BigInt` with `len` limbs.
            let b = unsafe { o.as_ref::<BigInt>() };
            let mag = unsafe { core::slice::from_raw_parts(b.limbs.as_ptr(), b.len as usize) };
            Some(Big {
                neg: b.neg != 0,
                mag: mag.to_vec(),
            })
        }
        _ => None,
    }
}

/// The value of an int (or bool) object, if it fits 64 bits.
pub fn int_value(o: Obj) -> Option<i64> {
    if let Some(v) = o.as_small() {
        return Some(v.into());
    }
    big_of(o).and_then(|b| b.to_i64())
}

/// An int's low 32 bits in two's complement, as MicroPython truncates ints for
/// machine words (viper arguments, pointers, `machine.mem32`).
pub fn truncated(o: Obj) -> R<u32> {
    if let Some(v) = o.as_small() {
        return Ok(v as u32);
    }
    let b = big_of(o).ok_or_else(|| {
        exc::type_error_fmt(format_args!(
            "can't convert {} to int",
            o.type_of().name.as_str()
        ))
    })?;
    let low = b.mag.first().copied().unwrap_or(0);
    Ok(if b.neg { low.wrapping_neg() } else { low })
}

/// An int as a float (nearest).
pub fn to_f32(o: Obj) -> Option<f32> {
    big_of(o).map(|b| b.to_f32())
}

pub fn small_unary(op: UnaryOp, v: i32) -> R {
    int_unary(op, v.into())
}

fn int_unary(op: UnaryOp, v: i64) -> R {
    match op {
        UnaryOp::Positive | UnaryOp::Int => new_int(v),
        UnaryOp::Negative => from_i128(-i128::from(v)),
        UnaryOp::Invert => new_int(!v),
        UnaryOp::Abs => from_i128(i128::from(v).abs()),
        UnaryOp::Hash => new_int(v),
        UnaryOp::Float => float::new_float(v as f32),
        UnaryOp::Bool | UnaryOp::Not => Ok(Obj::bool(v != 0)),
        UnaryOp::Len => Err(exc::type_error("object of type 'int' has no len()")),
    }
}

fn big_unary(op: UnaryOp, b: &Big) -> R {
    match op {
        UnaryOp::Positive | UnaryOp::Int => from_big(b),
        UnaryOp::Negative => from_big(&b.neg()),
        UnaryOp::Invert => from_big(&b.neg().sub(&Big::from_i64(1))),
        UnaryOp::Abs => from_big(&b.abs()),
        UnaryOp::Hash => Ok(Obj::small_unchecked(b.hash())),
        UnaryOp::Float => float::new_float(b.to_f32()),
        UnaryOp::Bool | UnaryOp::Not => Ok(Obj::bool(!b.is_zero())),
        UnaryOp::Len => Err(exc::type_error("object of type 'int' has no len()")),
    }
}

pub fn small_binary(op: BinaryOp, x: i32, y: i32) -> R<Option<Obj>> {
    int_binary(op, x.into(), y.into())
}

fn zero_division() -> crate::Exc {
    new(&ZERO_DIVISION_ERROR, "divide by zero")
}

fn negative_shift() -> crate::Exc {
    new(&VALUE_ERROR, "negative shift count")
}

/// Python's floor division and modulo.
fn floor_divmod(x: i128, y: i128) -> (i128, i128) {
    let (mut d, mut m) = (x / y, x % y);
    if m != 0 && ((m < 0) != (y < 0)) {
        d -= 1;
        m += y;
    }
    (d, m)
}

/// Operations on values that fit 64 bits; what can outgrow them goes to [`big_binary`].
fn int_binary(op: BinaryOp, x: i64, y: i64) -> R<Option<Obj>> {
    use BinaryOp::*;
    let (a, b) = (i128::from(x), i128::from(y));
    let r = match op.not_inplace() {
        Less => Obj::bool(x < y),
        More => Obj::bool(x > y),
        Equal => Obj::bool(x == y),
        LessEqual => Obj::bool(x <= y),
        MoreEqual => Obj::bool(x >= y),
        NotEqual => Obj::bool(x != y),
        Is => Obj::bool(x == y),
        Or => new_int(x | y)?,
        Xor => new_int(x ^ y)?,
        And => new_int(x & y)?,
        Lshift if (0..63).contains(&y) && (a << y) >> y == a => from_i128(a << y)?,
        Lshift | Power => return big_binary(op, &Big::from_i64(x), &Big::from_i64(y)),
        Rshift => {
            if y < 0 {
                return Err(negative_shift());
            }
            new_int(x >> y.min(63))?
        }
        Add => from_i128(a + b)?,
        Subtract => from_i128(a - b)?,
        Multiply => from_i128(a * b)?,
        FloorDivide | Modulo | DivMod => {
            if y == 0 {
                return Err(zero_division());
            }
            let (d, m) = floor_divmod(a, b);
            match op.not_inplace() {
                FloorDivide => from_i128(d)?,
                Modulo => from_i128(m)?,
                _ => crate::seq::new_tuple(&[from_i128(d)?, from_i128(m)?])?,
            }
        }
        TrueDivide => {
            if y == 0 {
                return Err(zero_division());
            }
            float::new_float(x as f32 / y as f32)?
        }
        _ => return Ok(None),
    };
    Ok(Some(r))
}

fn big_binary(op: BinaryOp, x: &Big, y: &Big) -> R<Option<Obj>> {
    use BinaryOp::*;
    let ord = x.cmp(y);
    let r = match op.not_inplace() {
        Less => Obj::bool(ord == Ordering::Less),
        More => Obj::bool(ord == Ordering::Greater),
        Equal | Is => Obj::bool(ord == Ordering::Equal),
        LessEqual => Obj::bool(ord != Ordering::Greater),
        MoreEqual => Obj::bool(ord != Ordering::Less),
        NotEqual => Obj::bool(ord != Ordering::Equal),
        Or => from_big(&x.bitwise(y, |a, b| a | b))?,
        Xor => from_big(&x.bitwise(y, |a, b| a ^ b))?,
        And => from_big(&x.bitwise(y, |a, b| a & b))?,
        Lshift | Rshift => {
            if y.neg {
                return Err(negative_shift());
            }
            let n = y
                .to_i64()
                .filter(|&n| n < 1 << 20)
                .ok_or_else(|| new(&OVERFLOW_ERROR, "result overflows"))?
                as usize;
            from_big(&if op.not_inplace() == Lshift {
                x.shl(n)
            } else {
                x.shr(n)
            })?
        }
        Add => from_big(&x.add(y))?,
        Subtract => from_big(&x.sub(y))?,
        Multiply => from_big(&x.mul(y))?,
        FloorDivide | Modulo | DivMod => {
            let (q, m) = x.divmod(y).ok_or_else(zero_division)?;
            match op.not_inplace() {
                FloorDivide => from_big(&q)?,
                Modulo => from_big(&m)?,
                _ => crate::seq::new_tuple(&[from_big(&q)?, from_big(&m)?])?,
            }
        }
        TrueDivide => {
            if y.is_zero() {
                return Err(zero_division());
            }
            float::new_float(x.to_f32() / y.to_f32())?
        }
        Power => {
            if y.neg {
                return float::float_binary(op, x.to_f32(), y.to_f32());
            }
            let e = y
                .to_i64()
                .filter(|&e| e < 1 << 24)
                .ok_or_else(|| new(&OVERFLOW_ERROR, "result overflows"))?;
            from_big(&x.pow(e as u64))?
        }
        _ => return Ok(None),
    };
    Ok(Some(r))
}

fn int_binary_slot(op: BinaryOp, a: Obj, b: Obj) -> R<Option<Obj>> {
    if let (Some(x), Some(y)) = (int_value(a), int_value(b)) {
        return int_binary(op, x, y);
    }
    if let (Some(x), Some(y)) = (big_of(a), big_of(b)) {
        return big_binary(op, &x, &y);
    }
    if let (Some(x), Some(y)) = (to_f32(a), float::float_value(b)) {
        return float::float_binary(op, x, y);
    }
    Ok(None)
}

fn int_unary_slot(op: UnaryOp, o: Obj) -> R<Option<Obj>> {
    if let Some(v) = int_value(o) {
        return int_unary(op, v).map(Some);
    }
    match big_of(o) {
        Some(b) => big_unary(op, &b).map(Some),
        None => Ok(None),
    }
}

fn int_print(out: &mut dyn Out, o: Obj, _: Print) -> R<()> {
    match int_value(o) {
        Some(v) => print::fmt(out, format_args!("{v}")),
        None => out.put_str(&big_of(o).unwrap_or_else(Big::zero).to_string_radix(10)),
    }
    Ok(())
}

/// `int(x)`, `int(text, base)`.
fn int_make_new(_: &'static Type, args: &Args) -> R {
    match args.pos {
        [] => Ok(Obj::small_unchecked(0)),
        [x] => to_int_obj(*x),
        [text, base] => {
            let base = crate::runtime::to_int(*base)?;
            let bytes = crate::str::str_bytes(*text)
                .ok_or_else(|| exc::type_error("can't convert to int with explicit base"))?;
            parse_int(bytes, base as u32)
        }
        _ => Err(exc::type_error("function expected at most 2 arguments")),
    }
}

/// `int(x)` for one argument.
pub fn to_int_obj(x: Obj) -> R {
    if let Some(b) = big_of(x) {
        return from_big(&b);
    }
    if let Some(f) = float::float_value(x) {
        return float::float_to_int(f);
    }
    if let Some(bytes) = crate::str::str_bytes(x) {
        return parse_int(bytes, 10);
    }
    if x.type_of().is_class() {
        return crate::runtime::unary_op(UnaryOp::Int, x);
    }
    Err(exc::type_error_fmt(format_args!(
        "can't convert {} to int",
        x.type_of().name.as_str()
    )))
}

/// Parses an int literal as `int()` does (base 0 reads a prefix).
pub fn parse_int(text: &[u8], base: u32) -> R {
    // The message quotes the text after any sign and base prefix, as MicroPython does.
    let bad_at = |shown: &str| {
        exc::new_fmt(
            &VALUE_ERROR,
            format_args!(
                "invalid syntax for integer with base {}: {}",
                base,
                crate::str::repr_bytes_as_str(shown.as_bytes())
            ),
        )
    };
    let whole = core::str::from_utf8(text).unwrap_or("");
    let s = core::str::from_utf8(text)
        .map_err(|_| bad_at(whole))?
        .trim();
    let (neg, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = |p: &str| s.len() >= 2 && s[..2].eq_ignore_ascii_case(p);
    let (base, s) = match base {
        0 | 16 if lower("0x") => (16, &s[2..]),
        0 | 8 if lower("0o") => (8, &s[2..]),
        0 | 2 if lower("0b") => (2, &s[2..]),
        0 => (10, s),
        b if (2..=36).contains(&b) => (b, s),
        _ => return Err(exc::value_error("int() arg 2 must be >= 2 and <= 36")),
    };
    let v = Big::parse(s, base).ok_or_else(|| bad_at(if base == 10 { whole } else { s }))?;
    from_big(&if neg { v.neg() } else { v })
}

fn byteorder(o: Obj) -> R<bool> {
    match crate::str::qstr_of(o) {
        Some(q::little) => Ok(true),
        Some(q::big) => Ok(false),
        _ => Err(exc::value_error(
            "byteorder must be either 'little' or 'big'",
        )),
    }
}

/// `n.to_bytes(length, byteorder)`: two's complement bytes, truncated to `length`.
fn to_bytes(args: &[Obj]) -> R {
    let v = big_of(args[0]).ok_or_else(|| exc::type_error("int expected"))?;
    let len = crate::runtime::to_int(args[1])?.max(0) as usize;
    let little = byteorder(args[2])?;
    // A negative value is stored as value + 2^(8·length): its two's complement.
    let unsigned = if v.neg {
        v.add(&Big::from_i64(1).shl(8 * len))
    } else {
        v
    };
    let mut bytes: alloc::vec::Vec<u8> =
        unsigned.mag.iter().flat_map(|l| l.to_le_bytes()).collect();
    bytes.resize(len, 0);
    if !little {
        bytes.reverse();
    }
    crate::str::new_bytes(&bytes)
}

/// `int.from_bytes(bytes, byteorder)`: unsigned.
fn from_bytes(args: &[Obj]) -> R {
    let mut data = crate::str::buffer_bytes(args[1])?;
    if !byteorder(args[2])? {
        data.reverse();
    }
    let mut v = Big::zero();
    for &b in data.iter().rev() {
        v = v.shl(8).add(&Big::from_i64(b.into()));
    }
    from_big(&v)
}

static TO_BYTES: crate::func::Builtin =
    crate::func::Builtin::new(q::to_bytes, crate::func::Fun::Var(3, 4, to_bytes));
static FROM_BYTES: crate::func::Builtin =
    crate::func::Builtin::new(q::from_bytes, crate::func::Fun::Var(3, 4, from_bytes))
        .bind(crate::func::Binding::Class);

pub static INT: Type = Type {
    make_new: Some(int_make_new),
    print: Some(int_print),
    binary: Some(int_binary_slot),
    unary: Some(int_unary_slot),
    members: &[
        (q::to_bytes, crate::types::Member::Fun(&TO_BYTES)),
        (q::from_bytes, crate::types::Member::Fun(&FROM_BYTES)),
    ],
    ..Type::new(q::int)
};

fn bool_print(out: &mut dyn Out, o: Obj, _: Print) -> R<()> {
    out.put_str(if o == Obj::TRUE { "True" } else { "False" });
    Ok(())
}

fn bool_make_new(_: &'static Type, args: &Args) -> R {
    match args.pos {
        [] => Ok(Obj::FALSE),
        [x] => Ok(Obj::bool(crate::runtime::is_true(*x)?)),
        _ => Err(exc::type_error("function expected at most 1 arguments")),
    }
}

/// Not a subclass of int in MicroPython (`isinstance(True, int)` is False), but it
/// computes like one.
pub static BOOL: Type = Type {
    flags: flags::EQ_IS_IDENTITY,
    make_new: Some(bool_make_new),
    print: Some(bool_print),
    binary: Some(int_binary_slot),
    unary: Some(int_unary_slot),
    ..Type::new(q::bool)
};
