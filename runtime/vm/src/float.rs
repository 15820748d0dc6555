//! Single-precision floats, as on the pyboard.

use crate::{
    exc::{self, new, OVERFLOW_ERROR, VALUE_ERROR, ZERO_DIVISION_ERROR},
    int,
    obj::{Base, Obj},
    qstr::q,
    state::alloc_obj,
    types::{Args, BinaryOp, Out, Print, Type, UnaryOp},
    R,
};

mod text;

pub use text::float_text;

#[repr(C)]
pub struct Float {
    pub base: Base,
    pub value: f32,
}

pub fn new_float(v: f32) -> R {
    let f = alloc_obj::<Float>(&FLOAT, 0)?;
    // SAFETY: freshly allocated.
    unsafe { (*f).value = v };
    Ok(Obj::from_ptr(f))
}

pub fn float_value(o: Obj) -> Option<f32> {
    // SAFETY: checked type.
    (o.is_ptr() && o.type_of().is_subtype_of(&FLOAT)).then(|| unsafe { o.as_ref::<Float>() }.value)
}

/// A number (int, bool or float) as a float.
pub fn number_value(o: Obj) -> Option<f32> {
    float_value(o).or_else(|| int::to_f32(o))
}

pub fn is_nan(o: Obj) -> bool {
    float_value(o).is_some_and(f32::is_nan)
}

pub fn float_to_int(f: f32) -> R {
    if f.is_nan() {
        return Err(new(&VALUE_ERROR, "can't convert NaN to int"));
    }
    if f.is_infinite() || f.abs() >= 9.2e18 {
        return Err(new(&OVERFLOW_ERROR, "can't convert inf to int"));
    }
    int::new_int(libm::truncf(f) as i64)
}

pub fn float_binary(op: BinaryOp, x: f32, y: f32) -> R<Option<Obj>> {
    use BinaryOp::*;
    let zero = || new(&ZERO_DIVISION_ERROR, "divide by zero");
    let r = match op.not_inplace() {
        Less => Obj::bool(x < y),
        More => Obj::bool(x > y),
        Equal => Obj::bool(x == y),
        LessEqual => Obj::bool(x <= y),
        MoreEqual => Obj::bool(x >= y),
        NotEqual => Obj::bool(x != y),
        Add => new_float(x + y)?,
        Subtract => new_float(x - y)?,
        Multiply => new_float(x * y)?,
        TrueDivide => {
            if y == 0.0 {
                return Err(zero());
            }
            new_float(x / y)?
        }
        FloorDivide | Modulo | DivMod => {
            if y == 0.0 {
                return Err(zero());
            }
            let mut m = libm::fmodf(x, y);
            let mut d = libm::floorf((x - m) / y + 0.5);
            if m != 0.0 && ((m < 0.0) != (y < 0.0)) {
                m += y;
                d -= 1.0;
            }
            match op.not_inplace() {
                FloorDivide => new_float(d)?,
                Modulo => new_float(m)?,
                _ => crate::seq::new_tuple(&[new_float(d)?, new_float(m)?])?,
            }
        }
        Power => {
            if x == 0.0 && y < 0.0 {
                return Err(new(
                    &ZERO_DIVISION_ERROR,
                    "0.0 cannot be raised to a negative power",
                ));
            }
            new_float(libm::powf(x, y))?
        }
        _ => return Ok(None),
    };
    Ok(Some(r))
}

fn float_binary_slot(op: BinaryOp, a: Obj, b: Obj) -> R<Option<Obj>> {
    match (number_value(a), number_value(b)) {
        (Some(x), Some(y)) => float_binary(op, x, y),
        _ => Ok(None),
    }
}

fn float_unary(op: UnaryOp, o: Obj) -> R<Option<Obj>> {
    let v = float_value(o).unwrap_or(0.0);
    Ok(Some(match op {
        UnaryOp::Positive | UnaryOp::Float => o,
        UnaryOp::Negative => new_float(-v)?,
        UnaryOp::Abs => new_float(v.abs())?,
        UnaryOp::Bool => Obj::bool(v != 0.0),
        UnaryOp::Int => float_to_int(v)?,
        UnaryOp::Hash => {
            if v == libm::truncf(v) && v.abs() < 1e9 {
                int::new_int(v as i64)?
            } else {
                Obj::small_unchecked((v.to_bits() >> 2) as i32)
            }
        }
        _ => return Ok(None),
    }))
}

/// Writes `v` as MicroPython's single-precision build does for `str()`/`repr()`.
pub fn format_float(out: &mut dyn Out, v: f32) {
    out.put_str(&text::float_repr(v));
}

fn float_print(out: &mut dyn Out, o: Obj, _: Print) -> R<()> {
    format_float(out, float_value(o).unwrap_or(0.0));
    Ok(())
}

fn float_make_new(_: &'static Type, args: &Args) -> R {
    match args.pos {
        [] => new_float(0.0),
        [x] => {
            if let Some(v) = number_value(*x) {
                return new_float(v);
            }
            if let Some(text) = crate::str::str_bytes(*x) {
                return parse_float(text).and_then(new_float);
            }
            crate::runtime::unary_op(UnaryOp::Float, *x)
        }
        _ => Err(exc::type_error("function expected at most 1 arguments")),
    }
}

/// `float(text)` and float constants, read as MicroPython reads them: optional spaces and
/// sign, then `inf`/`infinity`/`nan` in any case or a decimal (see `text::parse_decimal`).
pub fn parse_float(text: &[u8]) -> R<f32> {
    let invalid = || new(&VALUE_ERROR, "invalid syntax for number");
    let space = |c: &u8| matches!(c, b' ' | b'\t'..=b'\r');
    let mut s = &text[text.iter().take_while(|c| space(c)).count()..];
    let negative = s.first() == Some(&b'-');
    if matches!(s.first(), Some(b'+' | b'-')) {
        s = &s[1..];
    }
    let word = |w: &[u8]| s.len() >= w.len() && s[..w.len()].eq_ignore_ascii_case(w);
    let (v, used) = if word(b"infinity") {
        (f32::INFINITY, 8)
    } else if word(b"inf") {
        (f32::INFINITY, 3)
    } else if word(b"nan") {
        (f32::NAN, 3)
    } else {
        text::parse_decimal(s).ok_or_else(invalid)?
    };
    if used == 0 || !s[used..].iter().all(space) {
        return Err(invalid());
    }
    Ok(if negative { -v } else { v })
}

pub static FLOAT: Type = Type {
    make_new: Some(float_make_new),
    print: Some(float_print),
    binary: Some(float_binary_slot),
    unary: Some(float_unary),
    ..Type::new(q::float)
};
