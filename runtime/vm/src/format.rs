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
        Some(b'e' | b'E' | b'f' | b'F' | b'g' | b'G' | b'%') => {
            return format_float(out, v.to_f32(), spec)
        }
        Some(t) => return Err(unknown_code(t, "int")),
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

fn unknown_code(ty: u8, type_name: &str) -> crate::Exc {
    exc::new_fmt(
        &VALUE_ERROR,
        format_args!(
            "unknown format code '{}' for object of type '{type_name}'",
            char::from(ty)
        ),
    )
}

/// A float by a spec with a type (an empty spec gives `str()`), padded as MicroPython's
/// printer pads it.
fn format_float(out: &mut String, v: f32, spec: &Spec) -> R<()> {
    let (v, ty) = match spec.ty {
        None => {
            float::format_float(&mut VecOut(out), v);
            return Ok(());
        }
        // Single-precision multiply, as MicroPython does it.
        Some(b'%') => (v * 100.0, b'f'),
        Some(b'n') => (v, b'g'),
        Some(t @ (b'e' | b'E' | b'f' | b'F' | b'g' | b'G')) => (v, t),
        Some(t) => return Err(unknown_code(t, "float")),
    };
    let sign = match spec.sign {
        Some(b'+') => Some('+'),
        Some(b' ') => Some(' '),
        _ => None,
    };
    let mut text = float::float_text(v, ty, spec.precision, sign);
    if spec.ty == Some(b'%') {
        text.push('%');
    }
    pad_float(out, &text, spec);
    Ok(())
}

/// MicroPython's padding of a float: `=` writes the sign before the fill, and a zero fill
/// under `,` is itself grouped (`'{:09,.2f}'` of 1.5 is `0,0001.50`; the digits are not).
fn pad_float(out: &mut String, text: &str, spec: &Spec) {
    let fill = spec.fill.unwrap_or(if spec.zero { '0' } else { ' ' });
    let align = spec.align.unwrap_or(if spec.zero { b'=' } else { b'>' });
    let mut width = spec.width;
    let mut body = text;
    if align == b'=' && text.starts_with(['-', '+', ' ']) {
        out.push_str(&text[..1]);
        body = &text[1..];
        width = width.saturating_sub(1);
    }
    let mut total = width.saturating_sub(body.len());
    if total == 0 {
        out.push_str(body);
        return;
    }
    let mut buf = [0; 4];
    let pattern = if fill == '0' && spec.comma {
        // The fill never starts with a comma: a width that would start one gets a zero more.
        if width.is_multiple_of(4) {
            total += 1;
            width += 1;
        }
        let at = 3 - width % 4;
        &"000,00"[at..at + 4]
    } else {
        &*fill.encode_utf8(&mut buf)
    };
    let fills = |n: usize| pattern.chars().cycle().take(n).collect::<String>();
    let (left, right) = match align {
        b'<' => (0, total),
        b'^' => (total / 2, total - total / 2),
        _ => (total, 0),
    };
    out.push_str(&fills(left));
    out.push_str(body);
    out.push_str(&fills(right));
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
            if chars.peek() == Some(&'*') {
                chars.next();
                // A negative precision counts as none.
                let p = int::int_value(take(None)?).unwrap_or(0);
                spec.precision = usize::try_from(p).ok();
            } else {
                let mut p = 0;
                while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                    p = p * 10 + d as usize;
                    chars.next();
                }
                spec.precision = Some(p);
            }
        }
        // printf alignment: right unless `-`. Beside `-`, MicroPython's `0` still fills
        // numbers with zeros, on the right ('%-05d' % 3 is '30000').
        let zero_right = left && spec.zero;
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
        if zero_right && !matches!(ty, 'c' | 's' | 'r') {
            spec.fill = Some('0');
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
