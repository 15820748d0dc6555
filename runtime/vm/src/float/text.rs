//! Float text (`repr` and every format type) and float parsing, digit for digit as
//! MicroPython's single-precision build does them.
//!
//! MicroPython does not convert exactly. It scales the value by a power of ten in single
//! precision, rounds that to an integer mantissa of at most 6 digits, writes it, reads the
//! text back with its own (equally approximate) parser and, while the text does not read
//! back as the value, nudges the mantissa by halving steps; when no nudge reads back, it
//! retries with one more digit (up to 9, but never more than the precision asks for) and
//! finally keeps the closest candidate. So `'%.1f' % 1.25` is `1.3`, `'%.0f' % 0.5` is `0`
//! and `'%.1e' % 9.95` is `1.0e+01`. Its printer also offers the text only a 33-byte buffer,
//! which caps the precision and turns a too-wide `f` into `g`.

use alloc::string::String;

/// Bytes MicroPython's float printer hands the formatter (its sign included).
const ROOM: i32 = 33;
/// Digits a single-precision mantissa can carry, and those it surely carries.
const MAX_DIGITS: i32 = 9;
const SAFE_DIGITS: i32 = 6;
/// `dec` when the text has no decimal point of its own (it starts with `0.`).
const NO_POINT: i32 = 255;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Fixed,
    Exp,
    General,
}

/// `v` formatted by type `ty` (`e`, `E`, `f`, `F`, `g` or `G`) with `precision` (6 when
/// `None`); `sign` is written before a value that is not negative (`+` or ` `).
pub fn float_text(v: f32, ty: u8, precision: Option<usize>, sign: Option<char>) -> String {
    let precision = precision.map_or(6, |p| p.min(i32::MAX as usize) as i32);
    render(v, ty, sign, precision, None)
}

/// The `str()`/`repr()` text: `g` with up to 9 digits, exponents below 16 written out as
/// zeros, and `.0` added to what would read as an int.
pub fn float_repr(v: f32) -> String {
    let mut text = render(v, b'g', None, MAX_DIGITS, Some(16));
    if !text.contains(['.', 'e', 'n']) {
        text.push_str(".0");
    }
    text
}

/// `max_exp_zeros`: `g` spells out exponents below it (by default the precision, within
/// the buffer).
fn render(
    v: f32,
    ty: u8,
    sign: Option<char>,
    precision: i32,
    max_exp_zeros: Option<i32>,
) -> String {
    let mut out = String::new();
    let sign = if v.is_sign_negative() && !v.is_nan() {
        Some('-')
    } else {
        sign
    };
    out.extend(sign);
    let upper = ty.is_ascii_uppercase();
    if !v.is_finite() {
        let word = if v.is_nan() { "nan" } else { "inf" };
        out.push_str(&if upper {
            word.to_ascii_uppercase()
        } else {
            word.into()
        });
        return out;
    }
    let mode = match ty.to_ascii_lowercase() {
        b'f' => Mode::Fixed,
        b'g' => Mode::General,
        _ => Mode::Exp,
    };
    let room = ROOM - i32::from(sign.is_some());
    let job = Job {
        f: v.abs(),
        upper,
        max_exp_zeros: max_exp_zeros.unwrap_or(precision.min(room - 3)),
    };
    out.push_str(&job.digits(mode, precision, room));
    out
}

/// One conversion: the magnitude and what stays fixed across attempts.
struct Job {
    f: f32,
    upper: bool,
    /// `g` writes exponents below this as zeros instead.
    max_exp_zeros: i32,
}

/// How one candidate mantissa becomes text.
#[derive(Clone, Copy)]
struct Layout {
    mode: Mode,
    /// `10^digits`: a mantissa that reaches it carried into one more digit.
    cap: u32,
    digits: i32,
    /// Zeros written as `0.000…` before the mantissa (fixed notation of small values).
    lead_zeros: Option<i32>,
    trailing_zeros: i32,
    /// Digits before the decimal point, less one.
    dec: i32,
    exp: i32,
}

impl Job {
    fn digits(&self, mut mode: Mode, mut precision: i32, room: i32) -> String {
        let f = self.f;
        let e = decimal_exponent(f);
        if mode == Mode::Fixed && e > 0 && e + precision + 2 > room {
            mode = Mode::General;
            precision += 1;
        }
        // The significant digits wanted, and the zeros written around them.
        let mut max_digits = precision;
        let mut lead_zeros = 0;
        if mode == Mode::Fixed {
            max_digits = max_digits.min(room - 3);
            if e >= 0 {
                max_digits += e + 1;
            } else if max_digits > 2 && e < -2 {
                lead_zeros = (-e).min(max_digits) - 2;
                max_digits -= lead_zeros;
            } else {
                max_digits += 1;
            }
        } else if mode == Mode::Exp || max_digits == 0 {
            max_digits += 1;
        }
        let overhead = if mode == Mode::Fixed { 3 } else { 7 };
        let trail_zeros = (max_digits - MAX_DIGITS)
            .max(0)
            .min(room - max_digits.min(MAX_DIGITS) - overhead);
        let max_digits = max_digits.min(MAX_DIGITS);

        let mut digits = max_digits.min(SAFE_DIGITS);
        'attempt: loop {
            let mut layout = Layout {
                mode,
                cap: 10u32.pow(digits as u32),
                digits,
                lead_zeros: None,
                trailing_zeros: trail_zeros + max_digits - digits,
                dec: 0,
                exp: e,
            };
            let mut scale = if f == 0.0 { 0 } else { digits - e - 1 };
            if f != 0.0 && mode == Mode::Fixed {
                scale = digits - 1;
                if e >= 0 {
                    scale -= e;
                    layout.dec = e;
                } else if lead_zeros > 0 {
                    layout.lead_zeros = Some(lead_zeros);
                    scale += lead_zeros + 1;
                    layout.dec = NO_POINT;
                }
            }
            // Past 6 digits the last one or two come from an integer multiply.
            let mut mantissa = 1u32;
            if digits > SAFE_DIGITS && scale > 1 {
                let extra = if digits > SAFE_DIGITS + 1 && scale > 2 {
                    2
                } else {
                    1
                };
                mantissa = 10u32.pow(extra as u32);
                scale -= extra;
            }
            // Out of range only for the smallest subnormals, where C leaves the conversion
            // undefined: `as` saturates, as the pyboard's VCVT does.
            mantissa = mantissa.wrapping_mul((scale10(f, scale) + 0.5) as u32);

            let mut text = self.write(mantissa, layout);
            let mut diff = read_back(&text) - f;
            if diff.to_bits() == 0 {
                return text;
            }
            let mut step = if digits > SAFE_DIGITS {
                1u32 << (3 * (digits - SAFE_DIGITS))
            } else {
                1
            };
            let (mut best_diff, mut best) = (diff, mantissa);
            for _ in 0..3 + 3 * (MAX_DIGITS - SAFE_DIGITS) {
                mantissa = if diff.is_sign_negative() {
                    mantissa.wrapping_add(step)
                } else {
                    mantissa.wrapping_sub(step)
                };
                text = self.write(mantissa, layout);
                diff = read_back(&text) - f;
                if diff.to_bits() == 0 {
                    break;
                }
                let delta = diff.abs() - best_diff.abs();
                if delta.is_sign_negative() || (delta.to_bits() == 0 && mantissa.is_multiple_of(10))
                {
                    (best_diff, best) = (diff, mantissa);
                }
                if step > 1 {
                    step >>= 1;
                    continue;
                }
                if digits < max_digits {
                    digits += 1;
                    continue 'attempt;
                }
                if mantissa != best {
                    text = self.write(best, layout);
                }
                break;
            }
            return text;
        }
    }

    /// The text of one candidate mantissa.
    fn write(&self, mut mantissa: u32, l: Layout) -> String {
        let Layout {
            mut digits,
            mut trailing_zeros,
            mut dec,
            mut exp,
            ..
        } = l;
        let mut out = String::new();
        if let Some(n) = l.lead_zeros {
            push_zeros_after_point(&mut out, n);
        }
        if mantissa != 0 && mantissa >= l.cap {
            if l.mode == Mode::Fixed {
                digits += 1;
                dec += 1;
            } else {
                mantissa /= 10;
                exp += 1;
            }
        }
        // `g` spells small exponents out as zeros.
        if l.mode == Mode::General && exp > 0 && exp < self.max_exp_zeros {
            dec += exp;
            if dec >= digits {
                trailing_zeros = dec - (digits - 1);
            }
            exp = 0;
        } else if l.mode == Mode::General && (-4..0).contains(&exp) {
            let mut dropped = 0;
            while exp < 0 && mantissa.is_multiple_of(10) {
                mantissa /= 10;
                dropped += 1;
                exp += 1;
            }
            digits -= dropped;
            push_zeros_after_point(&mut out, dropped - exp - 1);
            dec = NO_POINT;
            exp = 0;
        }
        // The mantissa's low `digits` digits, with a point after `dec + 1` of them.
        let start = out.len();
        let mut m = mantissa;
        for _ in 0..digits.max(0) {
            out.insert(start, char::from(b'0' + (m % 10) as u8));
            m /= 10;
        }
        let mut point = dec >= NO_POINT;
        if dec + 1 < digits {
            out.insert(start + dec as usize + 1, '.');
            point = true;
        }
        if trailing_zeros != 0 {
            dec -= digits - 1;
            for _ in 0..trailing_zeros {
                if dec == 0 {
                    out.push('.');
                    point = true;
                }
                dec -= 1;
                out.push('0');
            }
        }
        if l.mode == Mode::General && point {
            let kept = out.trim_end_matches('0').len();
            out.truncate(kept);
            if out.ends_with('.') {
                out.pop();
            }
        }
        if l.mode != Mode::Fixed && (exp != 0 || l.mode == Mode::Exp) {
            out.push(if self.upper { 'E' } else { 'e' });
            out.push(if exp < 0 { '-' } else { '+' });
            let exp = exp.unsigned_abs();
            if exp >= 100 {
                out.push(char::from(b'0' + (exp / 100) as u8));
            }
            out.push(char::from(b'0' + (exp / 10 % 10) as u8));
            out.push(char::from(b'0' + (exp % 10) as u8));
        }
        out
    }
}

fn push_zeros_after_point(out: &mut String, n: i32) {
    out.push_str("0.");
    out.extend(core::iter::repeat_n('0', n.max(0) as usize));
}

/// The power of ten of `f`'s leading digit, found from its binary exponent and corrected
/// against `scale10(1, e)`.
fn decimal_exponent(f: f32) -> i32 {
    if f == 0.0 {
        return 0;
    }
    let binary = ((f.to_bits() >> 23) & 0xff) as i32 - 127;
    let mut e = (binary as f32 * core::f32::consts::LOG10_2) as i32;
    let at_least_one = f >= 1.0;
    let step = if at_least_one { 1 } else { -1 };
    while (f >= scale10(1.0, e + i32::from(at_least_one))) == at_least_one {
        e += step;
    }
    e
}

/// `num * 10^exp` as MicroPython computes it: the power of two goes straight into the
/// exponent field (8 bits, wrapping), then one multiply or divide by a power of five.
fn scale10(num: f32, exp: i32) -> f32 {
    if exp == 0 || num == 0.0 {
        return num;
    }
    let bits = num.to_bits();
    let field = (((bits >> 23) & 0xff) as i32 + exp) as u32 & 0xff;
    let scaled = f32::from_bits((bits & !(0xff << 23)) | (field << 23));
    if (-10..0).contains(&exp) {
        scaled / pow5(-exp)
    } else {
        scaled * pow5(exp)
    }
}

/// `powf(5, n)` as the pyboard computes it (MicroPython's own libm, musl's old `powf`):
/// correctly rounded except for seven exponents, where it is one unit in the last place
/// off (found by running that `powf` for -300..=300).
fn pow5(n: i32) -> f32 {
    let rounded = libm::pow(5.0, f64::from(n)) as f32;
    let off = match n {
        -51 | -49 | -45 | 11 => 1,
        -36 | -22 | -18 => -1,
        _ => 0,
    };
    f32::from_bits(rounded.to_bits().wrapping_add_signed(off))
}

/// The value of text just written, as MicroPython's parser reads it back.
fn read_back(text: &str) -> f32 {
    parse_decimal(text.as_bytes()).map_or(f32::NAN, |(v, _)| v)
}

/// MicroPython's parse of an unsigned decimal (`12.5e-3`, `_` skipped), which is no more
/// exact than its printing: digits gather in a 32-bit mantissa until another could
/// overflow it (later ones only move the exponent), zeros wait until a non-zero digit
/// follows, and the mantissa is `scale10`d. Returns the value and the bytes read (it stops
/// at the first byte that does not belong), or `None` when the text ends inside an exponent
/// marker.
pub fn parse_decimal(text: &[u8]) -> Option<(f32, usize)> {
    const FULL: u32 = 0x1999_9998;
    #[derive(PartialEq)]
    enum Part {
        Int,
        Frac,
        Exp,
    }
    let mut part = Part::Int;
    let (mut mantissa, mut shift) = (0u32, 0i32);
    let (mut int_zeros, mut frac_zeros) = (0, 0);
    let (mut exp, mut exp_negative) = (0i32, false);
    let accept = |mantissa: u32, digit: u32, frac: bool, shift: &mut i32| {
        if mantissa < FULL {
            *shift -= i32::from(frac);
            10 * mantissa + digit
        } else {
            *shift += i32::from(!frac);
            mantissa
        }
    };
    let mut used = 0;
    while let Some(&c) = text.get(used) {
        used += 1;
        match c {
            b'0'..=b'9' if part == Part::Exp => {
                if exp < (i32::MAX / 2 - 9) / 10 {
                    exp = 10 * exp + i32::from(c - b'0');
                }
            }
            b'0'..=b'9' => {
                let frac = part == Part::Frac;
                if c == b'0' || mantissa >= FULL {
                    *(if frac {
                        &mut frac_zeros
                    } else {
                        &mut int_zeros
                    }) += 1;
                    continue;
                }
                for _ in 0..core::mem::take(&mut int_zeros) {
                    mantissa = accept(mantissa, 0, false, &mut shift);
                }
                for _ in 0..core::mem::take(&mut frac_zeros) {
                    mantissa = accept(mantissa, 0, true, &mut shift);
                }
                mantissa = accept(mantissa, u32::from(c - b'0'), frac, &mut shift);
            }
            b'.' if part == Part::Int => part = Part::Frac,
            b'e' | b'E' if part != Part::Exp => {
                part = Part::Exp;
                if let Some(&s @ (b'+' | b'-')) = text.get(used) {
                    exp_negative = s == b'-';
                    used += 1;
                }
                if used == text.len() {
                    return None;
                }
            }
            b'_' => {}
            _ => {
                used -= 1;
                break;
            }
        }
    }
    let exp = if exp_negative { -exp } else { exp };
    Some((scale10(mantissa as f32, exp + shift + int_zeros), used))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn powers_of_five_are_the_pyboards() {
        // Exact integers convert to f32 with round-to-nearest-even.
        for n in 0..=55i32 {
            let exact = 5u128.pow(n.unsigned_abs()) as f32;
            let want = if n == 11 { 48_828_128.0 } else { exact };
            assert_eq!(pow5(n), want, "5^{n}");
        }
        assert_eq!(pow5(56), f32::INFINITY);
        assert_eq!(pow5(-18).to_bits(), 0x2a93_92ee);
        assert_eq!(pow5(-51).to_bits(), 0x043f_8fdc);
    }
}
