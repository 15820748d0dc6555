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
    if v.is_nan() {
        out.put_str("nan");
    } else if v.is_infinite() {
        out.put_str(if v < 0.0 { "-inf" } else { "inf" });
    } else {
        out.put_str(&shortest_repr(v));
    }
}

/// The shortest text that reads back as `v`, in fixed notation for decimal exponents
/// -4..16 and exponent notation otherwise, always with a decimal point or exponent.
fn shortest_repr(v: f32) -> alloc::string::String {
    // Rust's `{:e}` gives the shortest round-tripping digits: "1.6777216e7".
    let e_form = alloc::format!("{:e}", v.abs());
    let (mantissa, exp) = e_form.split_once('e').unwrap_or((&e_form, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: alloc::string::String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if v.is_sign_negative() { "-" } else { "" };
    if !(-4..16).contains(&exp) {
        let (first, rest) = digits.split_at(1);
        let rest = if rest.is_empty() {
            alloc::string::String::new()
        } else {
            alloc::format!(".{rest}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        return alloc::format!("{sign}{first}{rest}e{esign}{:02}", exp.abs());
    }
    let point = exp + 1;
    let text = if point <= 0 {
        alloc::format!("0.{}{digits}", "0".repeat((-point) as usize))
    } else if point as usize >= digits.len() {
        alloc::format!("{digits}{}.0", "0".repeat(point as usize - digits.len()))
    } else {
        let (int, frac) = digits.split_at(point as usize);
        alloc::format!("{int}.{frac}")
    };
    alloc::format!("{sign}{text}")
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

pub fn parse_float(text: &[u8]) -> R<f32> {
    let s = core::str::from_utf8(text).unwrap_or("").trim();
    let lower = s.to_ascii_lowercase();
    let v = match lower.trim_start_matches(['+', '-']) {
        "inf" | "infinity" => Some(f32::INFINITY),
        "nan" => Some(f32::NAN),
        _ => s.parse::<f32>().ok(),
    };
    match v {
        Some(v) if lower.starts_with('-') && !v.is_finite() && !v.is_nan() => Ok(-v),
        Some(v) => Ok(v),
        None => Err(exc::new_fmt(
            &VALUE_ERROR,
            format_args!(
                "could not convert string to float: {}",
                crate::str::repr_bytes_as_str(text)
            ),
        )),
    }
}

pub static FLOAT: Type = Type {
    make_new: Some(float_make_new),
    print: Some(float_print),
    binary: Some(float_binary_slot),
    unary: Some(float_unary),
    ..Type::new(q::float)
};
