//! `str.format`, `%`-formatting, and number formatting with MicroPython's rules.

use alloc::{string::String, vec::Vec};

use crate::{
    bigint::Big,
    exc::{self, new, VALUE_ERROR},
    float, int,
    obj::Obj,
    print, runtime, seq,
    str::{new_str_bytes, str_text},
    types::{Args, Out, Print},
    R,
};

/// A parsed format spec: `[[fill]align][sign][#][0][width][,][.precision][type]`.
#[derive(Default, Clone, Copy)]
struct Spec {
    fill: Option<char>,
    align: Option<u8>,
    sign: Option<u8>,
    alt: bool,
    zero: bool,
    width: usize,
    comma: bool,
    precision: Option<usize>,
    ty: Option<u8>,
}

fn bad_spec() -> crate::Exc {
    new(&VALUE_ERROR, "invalid format specifier")
}

fn parse_spec(s: &str) -> R<Spec> {
    let mut spec = Spec::default();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    let is_align = |c: char| matches!(c, '<' | '>' | '=' | '^');
    if chars.len() >= 2 && is_align(chars[1]) {
        spec.fill = Some(chars[0]);
        spec.align = Some(chars[1] as u8);
        i = 2;
    } else if chars.first().is_some_and(|&c| is_align(c)) {
        spec.align = Some(chars[0] as u8);
        i = 1;
    }
    if let Some(&c @ ('+' | '-' | ' ')) = chars.get(i) {
        spec.sign = Some(c as u8);
        i += 1;
    }
    if chars.get(i) == Some(&'#') {
        spec.alt = true;
        i += 1;
    }
    if chars.get(i) == Some(&'0') {
        spec.zero = true;
        i += 1;
    }
    while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
        spec.width = spec.width * 10 + d as usize;
        i += 1;
    }
    if chars.get(i) == Some(&',') {
        spec.comma = true;
        i += 1;
    }
    if chars.get(i) == Some(&'.') {
        i += 1;
        let mut p = 0;
        let start = i;
        while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
            p = p * 10 + d as usize;
            i += 1;
        }
        if i == start {
            return Err(bad_spec());
        }
        spec.precision = Some(p);
    }
    if let Some(&c) = chars.get(i) {
        spec.ty = Some(c as u8);
        i += 1;
    }
    if i != chars.len() {
        return Err(bad_spec());
    }
    Ok(spec)
}

/// Pads `body` (after an optional sign/prefix) to the spec's width.
fn pad(out: &mut String, prefix: &str, body: &str, spec: &Spec, numeric: bool) {
    let len = prefix.chars().count() + body.chars().count();
    let fill = spec.fill.unwrap_or(if spec.zero && spec.align.is_none() {
        '0'
    } else {
        ' '
    });
    let align = spec.align.unwrap_or(if spec.zero && numeric {
        b'='
    } else if numeric {
        b'>'
    } else {
        b'<'
    });
    let total = spec.width.saturating_sub(len);
    let fills = |n: usize| core::iter::repeat_n(fill, n).collect::<String>();
    match align {
        b'<' => {
            out.push_str(prefix);
            out.push_str(body);
            out.push_str(&fills(total));
        }
        b'>' => {
            out.push_str(&fills(total));
            out.push_str(prefix);
            out.push_str(body);
        }
        b'=' => {
            out.push_str(prefix);
            out.push_str(&fills(total));
            out.push_str(body);
        }
        _ => {
            out.push_str(&fills(total / 2));
            out.push_str(prefix);
            out.push_str(body);
            out.push_str(&fills(total - total / 2));
        }
    }
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn sign_prefix(neg: bool, spec: &Spec) -> &'static str {
    match (neg, spec.sign) {
        (true, _) => "-",
        (false, Some(b'+')) => "+",
        (false, Some(b' ')) => " ",
        _ => "",
    }
}

fn format_int(out: &mut String, v: &Big, spec: &Spec) -> R<()> {
    let mag = v.abs();
    let (digits, alt) = match spec.ty {
        None | Some(b'd') | Some(b'n') => (mag.to_string_radix(10), ""),
        Some(b'x') => (mag.to_string_radix(16), "0x"),
        Some(b'X') => (mag.to_string_radix(16).to_uppercase(), "0X"),
        Some(b'o') => (mag.to_string_radix(8), "0o"),
        Some(b'b') => (mag.to_string_radix(2), "0b"),
        Some(b'c') => {
            let c = v
                .to_i64()
                .and_then(|c| char::from_u32(c as u32))
                .ok_or_else(bad_spec)?;
            pad(out, "", c.encode_utf8(&mut [0; 4]), spec, false);
            return Ok(());
        }
        Some(_) => return format_float(out, v.to_f32(), spec),
    };
    let digits = if spec.comma {
        group_thousands(&digits)
    } else {
        digits
    };
    let mut prefix = String::from(sign_prefix(v.neg, spec));
    if spec.alt {
        prefix.push_str(alt);
    }
    pad(out, &prefix, &digits, spec, true);
    Ok(())
}

/// `%e`-style text with Python's exponent (`e+05`).
fn exp_text(v: f64, precision: usize, upper: bool) -> String {
    let s = alloc::format!("{:.*e}", precision, v);
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let e = if upper { 'E' } else { 'e' };
    let sign = if exp < 0 { '-' } else { '+' };
    alloc::format!("{mantissa}{e}{sign}{:02}", exp.abs())
}

fn strip_zeros(s: &str) -> String {
    if let Some((mantissa, exp)) = s.split_once(['e', 'E']) {
        let e = &s[mantissa.len()..mantissa.len() + 1];
        return alloc::format!("{}{e}{exp}", strip_zeros(mantissa));
    }
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').into()
    } else {
        s.into()
    }
}

/// `%g` with `precision` significant digits.
fn general_text(v: f64, precision: usize, upper: bool, alt: bool) -> String {
    let p = precision.max(1);
    if v == 0.0 {
        return if alt {
            alloc::format!("{:.*}", p - 1, 0.0)
        } else {
            "0".into()
        };
    }
    let e_form = exp_text(v, p - 1, upper);
    let exp: i32 = e_form
        .rsplit_once(['e', 'E'])
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    let text = if exp < -4 || exp >= p as i32 {
        e_form
    } else {
        alloc::format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, v)
    };
    if alt {
        text
    } else {
        strip_zeros(&text)
    }
}

fn format_float(out: &mut String, v: f32, spec: &Spec) -> R<()> {
    let neg = v.is_sign_negative() && !v.is_nan();
    let mag = f64::from(v.abs());
    let p = spec.precision.unwrap_or(6);
    let upper = spec.ty.is_some_and(|t| t.is_ascii_uppercase());
    let mut body = if v.is_nan() {
        "nan".into()
    } else if v.is_infinite() {
        "inf".into()
    } else {
        match spec.ty {
            Some(b'f' | b'F') => alloc::format!("{:.*}", p, mag),
            Some(b'e' | b'E') => exp_text(mag, p, upper),
            Some(b'%') => alloc::format!("{:.*}%", p, mag * 100.0),
            Some(b'g' | b'G') => general_text(mag, p, upper, spec.alt),
            None => {
                let mut s = String::new();
                match spec.precision {
                    Some(p) => s = general_text(mag, p, false, false),
                    None => crate::float::format_float(&mut VecOut(&mut s), mag as f32),
                }
                s
            }
            _ => return Err(bad_spec()),
        }
    };
    if upper {
        body = body.to_uppercase();
    }
    pad(out, sign_prefix(neg, spec), &body, spec, true);
    Ok(())
}

struct VecOut<'a>(&'a mut String);

impl Out for VecOut<'_> {
    fn put(&mut self, bytes: &[u8]) {
        self.0.push_str(core::str::from_utf8(bytes).unwrap_or(""));
    }
}

/// Formats one value by a spec, as `format(value, spec)` does.
fn format_value(out: &mut String, v: Obj, spec_text: &str) -> R<()> {
    let v = crate::class::native_of(v).unwrap_or(v);
    let spec = parse_spec(spec_text)?;
    if let Some(i) = int::big_of(v) {
        if v != Obj::TRUE && v != Obj::FALSE || spec.ty.is_some() {
            return format_int(out, &i, &spec);
        }
    }
    if let Some(f) = float::float_value(v) {
        // MicroPython: a float under a non-empty spec without a type is `g`-formatted
        // (`{:5}` of 7.0 is `    7`); only an empty spec gives `str()`.
        let spec = if spec.ty.is_none() && !spec_text.is_empty() {
            Spec {
                ty: Some(b'g'),
                ..spec
            }
        } else {
            spec
        };
        return format_float(out, f, &spec);
    }
    if matches!(spec.ty, Some(t) if t != b's') {
        return Err(new(&VALUE_ERROR, "invalid format specifier"));
    }
    let text = print::to_bytes(v, Print::Str)?;
    let text = String::from_utf8(text).unwrap_or_default();
    let text: String = match spec.precision {
        Some(p) => text.chars().take(p).collect(),
        None => text,
    };
    pad(out, "", &text, &spec, false);
    Ok(())
}

/// `format(value, spec)`.
pub fn format_builtin(v: Obj, spec: &str) -> R {
    let mut s = String::new();
    format_value(&mut s, v, spec)?;
    new_str_bytes(s.as_bytes())
}

/// The value a replacement field names: the next positional argument, a numbered one,
/// or a keyword one (MicroPython has no `.attr` or `[index]` in fields).
fn field_value(name: &str, pos: &[Obj], args: &Args, auto: &mut usize) -> R<Obj> {
    let out_of_range = || new(&exc::INDEX_ERROR, "tuple index out of range");
    if name.contains(['.', '[']) {
        return Err(exc::not_implemented("attributes not supported"));
    }
    if name.is_empty() {
        let v = *pos.get(*auto).ok_or_else(out_of_range)?;
        *auto += 1;
        return Ok(v);
    }
    if let Ok(n) = name.parse::<usize>() {
        return pos.get(n).copied().ok_or_else(out_of_range);
    }
    let q = crate::qstr::intern(name).unwrap_or(crate::qstr::Qstr(1));
    args.kw(q)
        .ok_or_else(|| crate::dict::key_error(crate::str::new_str(name).unwrap_or(Obj::NONE)))
}

/// `template.format(*args, **kwargs)`.
pub fn format(args: &Args) -> R {
    let template = str_text(args.pos[0]).unwrap_or("");
    let pos = &args.pos[1..];
    let mut out = String::new();
    let mut auto = 0usize;
    let mut chars = template.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '{' if chars.peek().map(|p| p.1) == Some('{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek().map(|p| p.1) == Some('}') => {
                chars.next();
                out.push('}');
            }
            '}' => return Err(new(&VALUE_ERROR, "single '}' encountered in format string")),
            '{' => {
                let rest = &template[i + 1..];
                let mut depth = 1;
                let mut end = None;
                for (j, c) in rest.char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = Some(j);
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                let end = end
                    .ok_or_else(|| new(&VALUE_ERROR, "single '{' encountered in format string"))?;
                let field = &rest[..end];
                for _ in 0..field.chars().count() + 1 {
                    chars.next();
                }
                let (name_conv, spec) = field.split_once(':').unwrap_or((field, ""));
                let (name, conv) = match name_conv.split_once('!') {
                    Some((n, c)) => (n, Some(c)),
                    None => (name_conv, None),
                };
                let v = field_value(name, pos, args, &mut auto)?;
                // A spec may itself hold fields: `{n:{w}}`.
                let mut spec_text = String::new();
                let mut rest = spec;
                while let Some(open) = rest.find('{') {
                    spec_text.push_str(&rest[..open]);
                    let close = rest[open..].find('}').ok_or_else(bad_spec)? + open;
                    let inner = field_value(&rest[open + 1..close], pos, args, &mut auto)?;
                    spec_text.push_str(
                        core::str::from_utf8(&print::to_bytes(inner, Print::Str)?).unwrap_or(""),
                    );
                    rest = &rest[close + 1..];
                }
                spec_text.push_str(rest);
                let v = match conv {
                    Some("r") => print::to_str(v, Print::Repr)?,
                    Some("s") => print::to_str(v, Print::Str)?,
                    Some(_) => return Err(new(&VALUE_ERROR, "invalid conversion specifier")),
                    None => v,
                };
                format_value(&mut out, v, &spec_text)?;
            }
            c => out.push(c),
        }
    }
    new_str_bytes(out.as_bytes())
}

/// `template % values`.
pub fn percent(template: &[u8], values: Obj) -> R {
    let items: Vec<Obj> = match seq::as_tuple(values) {
        Some(t) => t.to_vec(),
        None => alloc::vec![values],
    };
    let dict = crate::dict::as_dict(values).map(|_| values);
    let t = core::str::from_utf8(template).unwrap_or("");
    let mut out = String::new();
    let mut next = 0usize;
    let mut chars = t.chars().peekable();
    let mut take = |key: Option<String>| -> R<Obj> {
        if let Some(k) = key {
            let d = dict.ok_or_else(|| exc::type_error("format needs a dict"))?;
            let key = crate::str::new_str(&k)?;
            return runtime::subscr(d, key, Obj::SENTINEL);
        }
        let v = items
            .get(next)
            .copied()
            .ok_or_else(|| exc::type_error("format string needs more arguments"))?;
        next += 1;
        Ok(v)
    };
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            out.push('%');
            continue;
        }
        let mut key = None;
        if chars.peek() == Some(&'(') {
            chars.next();
            let k: String = chars.by_ref().take_while(|&c| c != ')').collect();
            key = Some(k);
        }
        let mut spec = Spec::default();
        let mut left = false;
        while let Some(&f) = chars.peek() {
            match f {
                '-' => left = true,
                '+' => spec.sign = Some(b'+'),
                ' ' => spec.sign = Some(b' '),
                '#' => spec.alt = true,
                '0' => spec.zero = true,
                _ => break,
            }
            chars.next();
        }
        if chars.peek() == Some(&'*') {
            chars.next();
            spec.width = int::int_value(take(None)?).unwrap_or(0).max(0) as usize;
        }
        while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
            spec.width = spec.width * 10 + d as usize;
            chars.next();
        }
        if chars.peek() == Some(&'.') {
            chars.next();
            let mut p = 0;
            while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                p = p * 10 + d as usize;
                chars.next();
            }
            spec.precision = Some(p);
        }
        // printf alignment: right unless `-`.
        if left {
            spec.align = Some(b'<');
            spec.zero = false;
        } else if !spec.zero {
            spec.align = Some(b'>');
        }
        let index = t.len() - chars.clone().map(char::len_utf8).sum::<usize>();
        let ty = chars
            .next()
            .ok_or_else(|| new(&VALUE_ERROR, "incomplete format"))?;
        if !"sridxXocfFeEgGu".contains(ty) {
            return Err(exc::new_fmt(
                &VALUE_ERROR,
                format_args!(
                    "unsupported format character '{ty}' ({:#x}) at index {index}",
                    ty as u32
                ),
            ));
        }
        let v = take(key)?;
        let v = crate::class::native_of(v).unwrap_or(v);
        if let (Some(text), 'c') = (crate::str::str_text(v), ty) {
            pad(&mut out, "", text, &spec, false);
            continue;
        }
        match ty {
            's' | 'r' => {
                let kind = if ty == 's' { Print::Str } else { Print::Repr };
                let text = String::from_utf8(print::to_bytes(v, kind)?).unwrap_or_default();
                let text: String = match spec.precision {
                    Some(p) => text.chars().take(p).collect(),
                    None => text,
                };
                pad(&mut out, "", &text, &spec, false);
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' | 'c' => {
                let i = match int::big_of(v) {
                    Some(i) => i,
                    None => match float::float_value(v) {
                        Some(f) if ty != 'c' => Big::from_i64(f as i64),
                        _ => {
                            return Err(exc::type_error_fmt(format_args!(
                                "can't convert {} to int",
                                v.type_of().name.as_str()
                            )))
                        }
                    },
                };
                spec.ty = Some(match ty {
                    'i' | 'u' => b'd',
                    t => t as u8,
                });
                format_int(&mut out, &i, &spec)?;
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                let f = float::number_value(v)
                    .ok_or_else(|| exc::type_error("can't convert to float"))?;
                spec.ty = Some(ty as u8);
                format_float(&mut out, f, &spec)?;
            }
            _ => unreachable!("checked above"),
        }
    }
    if next < items.len() && dict.is_none() {
        return Err(exc::type_error(
            "format string didn't convert all arguments",
        ));
    }
    new_str_bytes(out.as_bytes())
}
