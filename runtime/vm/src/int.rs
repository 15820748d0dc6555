//! Integers: small ints in the object word, and boxed ones beyond 31 bits.
//!
//! Boxed ints hold 64 bits for now; a result beyond that raises `OverflowError`
//! (arbitrary precision is still to come).

use crate::{
    exc::{self, new, OVERFLOW_ERROR, VALUE_ERROR, ZERO_DIVISION_ERROR},
    float,
    obj::{Base, Obj},
    print,
    qstr::q,
    state::alloc_obj,
    types::{flags, Args, BinaryOp, Out, Print, Type, UnaryOp},
    R,
};

#[repr(C)]
pub struct BigInt {
    pub base: Base,
    pub value: i64,
}

/// An int object for `v`: small if it fits, boxed otherwise.
pub fn new_int(v: i64) -> R {
    if let Some(o) = i32::try_from(v).ok().and_then(Obj::small) {
        return Ok(o);
    }
    let b = alloc_obj::<BigInt>(&INT, 0)?;
    // SAFETY: freshly allocated.
    unsafe { (*b).value = v };
    Ok(Obj::from_ptr(b))
}

fn from_i128(v: i128) -> R {
    match i64::try_from(v) {
        Ok(v) => new_int(v),
        Err(_) => Err(new(&OVERFLOW_ERROR, "result overflows 64 bits")),
    }
}

/// The value of an int (or bool) object.
pub fn int_value(o: Obj) -> Option<i64> {
    if let Some(v) = o.as_small() {
        return Some(v.into());
    }
    match o {
        Obj::FALSE => Some(0),
        Obj::TRUE => Some(1),
        // SAFETY: the type says it is a `BigInt`.
        _ if o.is_ptr() && o.is_exact(&INT) => Some(unsafe { o.as_ref::<BigInt>() }.value),
        _ => None,
    }
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

pub fn small_binary(op: BinaryOp, x: i32, y: i32) -> R<Option<Obj>> {
    int_binary(op, x.into(), y.into())
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
        Lshift => {
            if y < 0 {
                return Err(new(&VALUE_ERROR, "negative shift count"));
            }
            if y >= 64 || (a << y) >> y != a {
                if x == 0 {
                    Obj::small_unchecked(0)
                } else {
                    return Err(new(&OVERFLOW_ERROR, "result overflows 64 bits"));
                }
            } else {
                from_i128(a << y)?
            }
        }
        Rshift => {
            if y < 0 {
                return Err(new(&VALUE_ERROR, "negative shift count"));
            }
            new_int(x >> y.min(63))?
        }
        Add => from_i128(a + b)?,
        Subtract => from_i128(a - b)?,
        Multiply => from_i128(a * b)?,
        FloorDivide | Modulo | DivMod => {
            if y == 0 {
                return Err(new(&ZERO_DIVISION_ERROR, "divide by zero"));
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
                return Err(new(&ZERO_DIVISION_ERROR, "divide by zero"));
            }
            float::new_float(x as f32 / y as f32)?
        }
        Power => {
            if y < 0 {
                return float::float_binary(op, x as f32, y as f32);
            }
            let mut acc: i128 = 1;
            for _ in 0..y {
                acc *= a;
                if i64::try_from(acc).is_err() {
                    return Err(new(&OVERFLOW_ERROR, "result overflows 64 bits"));
                }
            }
            from_i128(acc)?
        }
        _ => return Ok(None),
    };
    Ok(Some(r))
}

fn int_binary_slot(op: BinaryOp, a: Obj, b: Obj) -> R<Option<Obj>> {
    let Some(x) = int_value(a) else {
        return Ok(None);
    };
    if let Some(y) = int_value(b) {
        return int_binary(op, x, y);
    }
    if let Some(y) = float::float_value(b) {
        return float::float_binary(op, x as f32, y);
    }
    Ok(None)
}

fn int_unary_slot(op: UnaryOp, o: Obj) -> R<Option<Obj>> {
    match int_value(o) {
        Some(v) => int_unary(op, v).map(Some),
        None => Ok(None),
    }
}

fn int_print(out: &mut dyn Out, o: Obj, _: Print) -> R<()> {
    print::fmt(out, format_args!("{}", int_value(o).unwrap_or(0)));
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
    if let Some(v) = int_value(x) {
        return new_int(v);
    }
    if let Some(f) = float::float_value(x) {
        return float::float_to_int(f);
    }
    if let Some(bytes) = crate::str::str_bytes(x) {
        return parse_int(bytes, 10);
    }
    crate::runtime::unary_op(UnaryOp::Int, x)
}

/// Parses an int literal as `int()` does (base 0 reads a prefix).
pub fn parse_int(text: &[u8], base: u32) -> R {
    let bad = || {
        exc::new_fmt(
            &VALUE_ERROR,
            format_args!(
                "invalid syntax for integer with base {}: {}",
                base,
                crate::str::repr_bytes_as_str(text)
            ),
        )
    };
    let s = core::str::from_utf8(text).map_err(|_| bad())?.trim();
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
    let mut v: i128 = 0;
    let mut digits = 0;
    for c in s.chars() {
        if c == '_' {
            continue;
        }
        let d = c.to_digit(base).ok_or_else(bad)?;
        v = v * i128::from(base) + i128::from(d);
        if v > i128::from(i64::MAX) + 1 {
            return Err(new(&OVERFLOW_ERROR, "result overflows 64 bits"));
        }
        digits += 1;
    }
    if digits == 0 {
        return Err(bad());
    }
    from_i128(if neg { -v } else { v })
}

pub static INT: Type = Type {
    make_new: Some(int_make_new),
    print: Some(int_print),
    binary: Some(int_binary_slot),
    unary: Some(int_unary_slot),
    members: &[],
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
