//! Strings and bytes: `str` (interned qstrs or heap strings), `bytes`, `bytearray`.

use core::{ptr, slice};

use alloc::{string::String, vec::Vec};

use crate::{
    exc::{self, new, type_error_fmt, VALUE_ERROR},
    func::{Builtin, Fun},
    int,
    obj::{Base, Obj},
    print,
    qstr::{self, q, Qstr},
    runtime,
    seq::{self, as_slice, index, slice_indices},
    state::{alloc_obj, realloc_bytes},
    types::{Args, BinaryOp, Buffer, Member, Out, Print, Type, UnaryOp},
    R,
};

/// A heap string or bytes object: the data follows the header.
#[repr(C)]
pub struct Str {
    pub base: Base,
    /// MicroPython's hash of the data (0 until computed).
    pub hash: usize,
    pub len: usize,
    pub data: [u8; 0],
}

fn new_data(ty: &'static Type, bytes: &[u8]) -> R {
    let s = alloc_obj::<Str>(ty, bytes.len() + 1)?;
    // SAFETY: allocated with room for the data.
    unsafe {
        (*s).len = bytes.len();
        ptr::copy_nonoverlapping(bytes.as_ptr(), (*s).data.as_mut_ptr(), bytes.len());
    }
    Ok(Obj::from_ptr(s))
}

pub fn new_str(text: &str) -> R {
    new_str_bytes(text.as_bytes())
}

/// A str from UTF-8 bytes (the caller guarantees UTF-8).
pub fn new_str_bytes(bytes: &[u8]) -> R {
    new_data(&STR, bytes)
}

pub fn new_bytes(bytes: &[u8]) -> R {
    new_data(&BYTES, bytes)
}

fn heap_data(o: Obj) -> &'static [u8] {
    // SAFETY: callers check the object has the `Str` layout.
    unsafe {
        let s = o.as_ref::<Str>();
        slice::from_raw_parts(s.data.as_ptr(), s.len)
    }
}

/// A str object's UTF-8 bytes.
pub fn str_bytes(o: Obj) -> Option<&'static [u8]> {
    if let Some(q) = o.as_qstr() {
        return Some(q.as_str().as_bytes());
    }
    (o.is_ptr() && o.type_of().is_subtype_of(&STR) && !o.type_of().is_class()).then(|| heap_data(o))
}

pub fn str_text(o: Obj) -> Option<&'static str> {
    // SAFETY: str objects only ever hold UTF-8.
    str_bytes(o).map(|b| unsafe { core::str::from_utf8_unchecked(b) })
}

/// A bytes object's data, or a bytearray's.
pub fn bytes_data(o: Obj) -> Option<&'static [u8]> {
    if !o.is_ptr() {
        return None;
    }
    let ty = o.type_of();
    if ty.is_subtype_of(&BYTES) {
        Some(heap_data(o))
    } else if ty.is_subtype_of(&BYTEARRAY) {
        Some(bytearray_data(o))
    } else {
        None
    }
}

/// The qstr a str object stands for, interning it if needed (keyword names).
pub fn qstr_of(o: Obj) -> Option<Qstr> {
    o.as_qstr().or_else(|| str_text(o).and_then(qstr::intern))
}

/// An attribute name argument (`getattr`, `object.__setattr__`…) as a qstr.
pub fn attr_name(o: Obj) -> R<Qstr> {
    qstr_of(o).ok_or_else(|| exc::type_error("attribute name must be a string"))
}

/// The text of a str argument, or a TypeError naming what was given.
pub fn expect_str(o: Obj) -> R<&'static str> {
    str_text(o).ok_or_else(|| {
        type_error_fmt(format_args!(
            "can't convert '{}' object to str implicitly",
            o.type_of().name.as_str()
        ))
    })
}

/// Writes `bytes` as a Python literal (`'...'`, with `b` for bytes).
pub fn write_repr(out: &mut dyn Out, bytes: &[u8], is_bytes: bool) {
    let quote = if bytes.contains(&b'\'') && !bytes.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    if is_bytes {
        out.put(b"b");
    }
    out.put(&[quote]);
    let text = if is_bytes {
        None
    } else {
        core::str::from_utf8(bytes).ok()
    };
    match text {
        Some(t) => {
            for c in t.chars() {
                match c as u32 {
                    u @ 0..=0x7f => write_escaped(out, u as u8, quote),
                    u @ 0x80..=0xff => print::fmt(out, format_args!("\\x{u:02x}")),
                    u @ 0x100..=0xffff => print::fmt(out, format_args!("\\u{u:04x}")),
                    u => print::fmt(out, format_args!("\\U{u:08x}")),
                }
            }
        }
        None => {
            for &b in bytes {
                write_escaped(out, b, quote);
            }
        }
    }
    out.put(&[quote]);
}

fn write_escaped(out: &mut dyn Out, b: u8, quote: u8) {
    match b {
        b'\n' => out.put(b"\\n"),
        b'\r' => out.put(b"\\r"),
        b'\t' => out.put(b"\\t"),
        b'\\' => out.put(b"\\\\"),
        _ if b == quote => out.put(&[b'\\', b]),
        0x20..=0x7e => out.put(&[b]),
        _ => print::fmt(out, format_args!("\\x{b:02x}")),
    }
}

/// `repr()` of some bytes as text, for error messages.
pub fn repr_bytes_as_str(bytes: &[u8]) -> String {
    let mut v = Vec::new();
    write_repr(&mut v, bytes, false);
    String::from_utf8(v).unwrap_or_default()
}

fn str_print(out: &mut dyn Out, o: Obj, kind: Print) -> R<()> {
    let b = str_bytes(o).unwrap_or(&[]);
    if kind == Print::Str {
        out.put(b);
    } else {
        write_repr(out, b, false);
    }
    Ok(())
}

fn bytes_print(out: &mut dyn Out, o: Obj, _: Print) -> R<()> {
    write_repr(out, bytes_data(o).unwrap_or(&[]), true);
    Ok(())
}

fn bytearray_print(out: &mut dyn Out, o: Obj, _: Print) -> R<()> {
    out.put_str("bytearray(");
    write_repr(out, bytearray_data(o), true);
    out.put_str(")");
    Ok(())
}

/// Str and bytes share the comparisons, `+`, `*` and `in`.
fn data_binary(op: BinaryOp, a: Obj, b: Obj) -> R<Option<Obj>> {
    let is_str = a.type_of().is_subtype_of(&STR);
    let (x, y) = if is_str {
        match (str_bytes(a), str_bytes(b)) {
            (Some(x), Some(y)) => (x, Some(y)),
            (Some(x), None) => (x, None),
            _ => return Ok(None),
        }
    } else {
        match bytes_data(a) {
            Some(x) => (x, bytes_data(b)),
            None => return Ok(None),
        }
    };
    let make = |v: &[u8]| {
        if is_str {
            new_str_bytes(v)
        } else {
            new_bytes(v)
        }
    };
    use BinaryOp::*;
    let r = match (op.not_inplace(), y) {
        (Add, Some(y)) => {
            let mut v = x.to_vec();
            v.extend_from_slice(y);
            make(&v)?
        }
        (Multiply, None) => match int::int_value(b) {
            Some(n) => make(&x.repeat(n.max(0) as usize))?,
            None => return Ok(None),
        },
        (Modulo, _) if is_str => crate::format::percent(x, b)?,
        (Contains, Some(y)) => Obj::bool(find(x, y, 0).is_some()),
        (Contains, None) if !is_str => match int::int_value(b) {
            Some(v) => Obj::bool(x.contains(&(v as u8))),
            None => return Ok(None),
        },
        (Equal, Some(y)) => Obj::bool(x == y),
        (NotEqual, Some(y)) => Obj::bool(x != y),
        (Equal, None) => Obj::FALSE,
        (NotEqual, None) => Obj::TRUE,
        (Less, Some(y)) => Obj::bool(x < y),
        (More, Some(y)) => Obj::bool(x > y),
        (LessEqual, Some(y)) => Obj::bool(x <= y),
        (MoreEqual, Some(y)) => Obj::bool(x >= y),
        _ => return Ok(None),
    };
    Ok(Some(r))
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return (from <= hay.len()).then_some(from);
    }
    (from..=hay.len().saturating_sub(needle.len()))
        .find(|&i| hay.get(i..i + needle.len()) == Some(needle))
}

fn rfind(hay: &[u8], needle: &[u8], from: usize, to: usize) -> Option<usize> {
    if needle.len() > to.saturating_sub(from) {
        return None;
    }
    (from..=to - needle.len())
        .rev()
        .find(|&i| &hay[i..i + needle.len()] == needle)
}

fn chars_of(o: Obj) -> Vec<&'static str> {
    let t = str_text(o).unwrap_or("");
    t.char_indices()
        .map(|(i, c)| &t[i..i + c.len_utf8()])
        .collect()
}

fn data_unary(op: UnaryOp, o: Obj) -> R<Option<Obj>> {
    let is_str = o.type_of().is_subtype_of(&STR);
    let data = if is_str {
        str_bytes(o).unwrap_or(&[])
    } else {
        bytes_data(o).unwrap_or(&[])
    };
    Ok(match op {
        UnaryOp::Len if is_str => Some(Obj::small_unchecked(
            str_text(o).unwrap_or("").chars().count() as i32,
        )),
        UnaryOp::Len => Some(Obj::small_unchecked(data.len() as i32)),
        UnaryOp::Bool => Some(Obj::bool(!data.is_empty())),
        UnaryOp::Hash => Some(Obj::small_unchecked(qstr::hash(data) as i32)),
        _ => None,
    })
}

fn str_subscr(o: Obj, i: Obj, value: Obj) -> R {
    if value != Obj::SENTINEL {
        return Err(exc::type_error(
            "'str' object doesn't support item assignment",
        ));
    }
    let chars = chars_of(o);
    if let Some(s) = as_slice(i) {
        seq::step_unsupported(s, seq::STEP_MSG)?;
        let (start, step, count) = slice_indices(s, chars.len())?;
        let mut out = String::new();
        for k in 0..count {
            out.push_str(chars[(start + k as i64 * step) as usize]);
        }
        return new_str(&out);
    }
    let j = index(i, chars.len(), "string")?;
    new_str(chars[j])
}

fn bytes_subscr(o: Obj, i: Obj, value: Obj) -> R {
    let data = bytes_data(o).unwrap_or(&[]);
    let mutable = o.type_of().is_subtype_of(&BYTEARRAY);
    if let Some(s) = as_slice(i) {
        seq::step_unsupported(s, seq::STEP_MSG)?;
        let (start, step, count) = slice_indices(s, data.len())?;
        let picked: Vec<u8> = (0..count)
            .map(|k| data[(start + k as i64 * step) as usize])
            .collect();
        if value == Obj::SENTINEL {
            return if mutable {
                new_bytearray(&picked)
            } else {
                new_bytes(&picked)
            };
        }
        if !mutable || step != 1 {
            return Err(exc::type_error(
                "'bytes' object doesn't support item assignment",
            ));
        }
        let new_part = if value.is_null() {
            Vec::new()
        } else if bytes_data(value).is_some() || crate::types::buffer(value).is_some() {
            buffer_bytes(value)?
        } else {
            return Err(exc::not_implemented("array/bytes required on right side"));
        };
        let start = start as usize;
        let mut v = data[..start].to_vec();
        v.extend_from_slice(&new_part);
        v.extend_from_slice(&data[start + count..]);
        set_bytearray(o, &v)?;
        return Ok(Obj::NONE);
    }
    let j = index(i, data.len(), if mutable { "bytearray" } else { "bytes" })?;
    if value == Obj::SENTINEL {
        return Ok(Obj::small_unchecked(data[j].into()));
    }
    if !mutable {
        return Err(exc::type_error(
            "'bytes' object doesn't support item assignment",
        ));
    }
    if value.is_null() {
        return Err(exc::type_error(
            "'bytearray' object doesn't support item deletion",
        ));
    }
    let v = int::int_value(value).ok_or_else(|| exc::type_error("an integer is required"))?;
    // MicroPython keeps the low byte, without a range check.
    bytearray_data_mut(o)[j] = v as u8;
    Ok(Obj::NONE)
}

/// `bytes.hex()`: two lowercase hex digits per byte.
pub fn hex_of(data: &[u8]) -> R {
    let mut s = String::with_capacity(data.len() * 2);
    for b in data {
        let _ = core::fmt::write(&mut s, format_args!("{b:02x}"));
    }
    new_str(&s)
}

fn m_hex(o: Obj) -> R {
    hex_of(bytes_data(o).unwrap_or(&[]))
}

fn m_fromhex(_: Obj, text: Obj) -> R {
    let t = expect_str(text)?;
    let digits: Vec<u8> = t.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if !digits.len().is_multiple_of(2) {
        return Err(exc::value_error(
            "non-hexadecimal number found in fromhex() arg",
        ));
    }
    let mut out = Vec::with_capacity(digits.len() / 2);
    for pair in digits.chunks(2) {
        let hex = core::str::from_utf8(pair).unwrap_or("");
        out.push(
            u8::from_str_radix(hex, 16)
                .map_err(|_| exc::value_error("non-hexadecimal number found in fromhex() arg"))?,
        );
    }
    new_bytes(&out)
}

/// Bytes from anything with the buffer protocol, or an iterable of ints.
pub fn buffer_bytes(o: Obj) -> R<Vec<u8>> {
    if let Some(d) = bytes_data(o) {
        return Ok(d.to_vec());
    }
    if let Some(b) = crate::types::buffer(o) {
        return Ok(b.bytes().to_vec());
    }
    runtime::collect_items(o)?
        .into_iter()
        .map(|x| match int::int_value(x) {
            Some(v) if (0..=255).contains(&v) => Ok(v as u8),
            Some(_) => Err(exc::value_error("bytes must be in range(0, 256)")),
            None => Err(exc::type_error("an integer is required")),
        })
        .collect()
}

#[repr(C)]
struct StrIter {
    base: Base,
    s: Obj,
    pos: usize,
}

fn data_iter(o: Obj) -> R {
    let it = alloc_obj::<StrIter>(&STR_ITER, 0)?;
    // SAFETY: freshly allocated.
    unsafe { (*it).s = o };
    Ok(Obj::from_ptr(it))
}

fn str_iter_next(o: Obj) -> R {
    // SAFETY: the type says it is a `StrIter`.
    let it = unsafe { o.as_ref::<StrIter>() };
    if let Some(t) = str_text(it.s) {
        let Some(c) = t[it.pos..].chars().next() else {
            return Ok(Obj::NULL);
        };
        let piece = &t[it.pos..it.pos + c.len_utf8()];
        it.pos += c.len_utf8();
        return new_str(piece);
    }
    let d = bytes_data(it.s).unwrap_or(&[]);
    match d.get(it.pos) {
        Some(&b) => {
            it.pos += 1;
            Ok(Obj::small_unchecked(b.into()))
        }
        None => Ok(Obj::NULL),
    }
}

static STR_ITER: Type = Type {
    iter: Some(seq::self_iter),
    next: Some(str_iter_next),
    ..Type::new(q::iterator)
};

fn str_make_new(_: &'static Type, args: &Args) -> R {
    match args.pos {
        [] => Ok(Obj::qstr(Qstr(1))),
        [x] => print::to_str(*x, Print::Str),
        [b, _] | [b, _, _] => match bytes_data(*b) {
            Some(d) => core::str::from_utf8(d)
                .map_err(|_| new(&crate::exc::UNICODE_ERROR, ""))
                .and_then(new_str),
            None => Err(exc::type_error("decoding needs bytes")),
        },
        _ => Err(exc::type_error("function expected at most 3 arguments")),
    }
}

fn bytes_make_new(ty: &'static Type, args: &Args) -> R {
    if args.n_kw() > 0 {
        return Err(exc::not_implemented(
            "keyword argument(s) not implemented - use normal args instead",
        ));
    }
    let data = match args.pos {
        [] => Vec::new(),
        [n] if int::int_value(*n).is_some() => {
            let n = int::int_value(*n).unwrap_or(0);
            if n < 0 {
                return Err(exc::value_error(""));
            }
            alloc::vec![0; n as usize]
        }
        [s] if str_bytes(*s).is_some() => {
            return Err(exc::type_error("string argument without an encoding"))
        }
        [s, _] | [s, _, _] if str_bytes(*s).is_some() => str_bytes(*s).unwrap_or(&[]).to_vec(),
        [x] => buffer_bytes(*x)?,
        _ => return Err(exc::type_error("wrong number of arguments")),
    };
    if ty.is_subtype_of(&BYTEARRAY) {
        new_bytearray(&data)
    } else {
        new_bytes(&data)
    }
}

// --- methods shared by str and bytes -----------------------------------------------

/// The data of `self` and whether it is a str (methods work on both).
fn this(o: Obj) -> (&'static [u8], bool) {
    match str_bytes(o) {
        Some(b) => (b, true),
        None => (bytes_data(o).unwrap_or(&[]), false),
    }
}

fn make_like(is_str: bool, v: &[u8]) -> R {
    if is_str {
        new_str_bytes(v)
    } else {
        new_bytes(v)
    }
}

fn arg_data(o: Obj, is_str: bool) -> R<&'static [u8]> {
    if is_str {
        expect_str(o).map(str::as_bytes)
    } else {
        bytes_data(o).ok_or_else(|| exc::type_error("a bytes-like object is required"))
    }
}

fn m_join(sep: Obj, items: Obj) -> R {
    let (s, is_str) = this(sep);
    let mut v = Vec::new();
    for (i, x) in runtime::collect_items(items)?.into_iter().enumerate() {
        if i > 0 {
            v.extend_from_slice(s);
        }
        let d = if is_str { str_bytes(x) } else { bytes_data(x) };
        v.extend_from_slice(d.ok_or_else(|| {
            type_error_fmt(format_args!(
                "join expects a list of {} objects",
                if is_str { "str" } else { "bytes" }
            ))
        })?);
    }
    make_like(is_str, &v)
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn m_split(args: &Args) -> R {
    let (d, is_str) = this(args.pos[0]);
    let sep = args
        .pos
        .get(1)
        .copied()
        .or(args.kw(q::sep))
        .unwrap_or(Obj::NONE);
    let maxsplit = args
        .pos
        .get(2)
        .copied()
        .and_then(int::int_value)
        .unwrap_or(-1);
    let mut parts: Vec<Obj> = Vec::new();
    if sep == Obj::NONE {
        let mut rest = d;
        loop {
            let start = rest
                .iter()
                .position(|&b| !is_space(b))
                .unwrap_or(rest.len());
            rest = &rest[start..];
            if rest.is_empty() {
                break;
            }
            if maxsplit >= 0 && parts.len() as i64 == maxsplit {
                let end = rest
                    .iter()
                    .rposition(|&b| !is_space(b))
                    .map_or(0, |e| e + 1);
                parts.push(make_like(is_str, &rest[..end])?);
                break;
            }
            let end = rest.iter().position(|&b| is_space(b)).unwrap_or(rest.len());
            parts.push(make_like(is_str, &rest[..end])?);
            rest = &rest[end..];
        }
    } else {
        let s = arg_data(sep, is_str)?;
        if s.is_empty() {
            return Err(new(&VALUE_ERROR, "empty separator"));
        }
        let mut from = 0;
        while let Some(i) = find(d, s, from) {
            if maxsplit >= 0 && parts.len() as i64 == maxsplit {
                break;
            }
            parts.push(make_like(is_str, &d[from..i])?);
            from = i + s.len();
        }
        parts.push(make_like(is_str, &d[from..])?);
    }
    seq::new_list(&parts)
}

fn strip_with(args: &[Obj], left: bool, right: bool) -> R {
    let (d, is_str) = this(args[0]);
    let chars: &[u8] = match args.get(1) {
        Some(&c) if c != Obj::NONE => arg_data(c, is_str)?,
        _ => b" \t\n\r\x0b\x0c",
    };
    let mut s = 0;
    let mut e = d.len();
    if left {
        while s < e && chars.contains(&d[s]) {
            s += 1;
        }
    }
    if right {
        while e > s && chars.contains(&d[e - 1]) {
            e -= 1;
        }
    }
    make_like(is_str, &d[s..e])
}

fn m_strip(args: &[Obj]) -> R {
    strip_with(args, true, true)
}

fn m_lstrip(args: &[Obj]) -> R {
    strip_with(args, true, false)
}

fn m_rstrip(args: &[Obj]) -> R {
    strip_with(args, false, true)
}

fn m_replace(args: &[Obj]) -> R {
    let (d, is_str) = this(args[0]);
    let old = arg_data(args[1], is_str)?;
    let new_part = arg_data(args[2], is_str)?;
    let max = args.get(3).copied().and_then(int::int_value).unwrap_or(-1);
    let mut v = Vec::new();
    let mut from = 0;
    let mut n = 0;
    while max < 0 || n < max {
        let Some(i) = find(d, old, from) else { break };
        if old.is_empty() && i >= d.len() {
            v.extend_from_slice(new_part);
            from = d.len() + 1;
            break;
        }
        v.extend_from_slice(&d[from..i]);
        v.extend_from_slice(new_part);
        if old.is_empty() {
            v.push(d[i]);
            from = i + 1;
        } else {
            from = i + old.len();
        }
        n += 1;
    }
    if from <= d.len() {
        v.extend_from_slice(&d[from..]);
    }
    make_like(is_str, &v)
}

fn affix(args: &[Obj], start: bool) -> R {
    let (d, is_str) = this(args[0]);
    let from = args
        .get(2)
        .copied()
        .and_then(int::int_value)
        .map_or(0, |v| v.clamp(0, d.len() as i64) as usize);
    let d = &d[from..];
    let test = |p: &[u8]| {
        if start {
            d.starts_with(p)
        } else {
            d.ends_with(p)
        }
    };
    if let Some(items) = seq::as_tuple(args[1]) {
        for &p in items {
            if test(arg_data(p, is_str)?) {
                return Ok(Obj::TRUE);
            }
        }
        return Ok(Obj::FALSE);
    }
    Ok(Obj::bool(test(arg_data(args[1], is_str)?)))
}

fn m_startswith(args: &[Obj]) -> R {
    affix(args, true)
}

fn m_endswith(args: &[Obj]) -> R {
    affix(args, false)
}

/// Byte offset of character `ci` (str indices count characters; bytes count bytes).
fn char_to_byte(d: &[u8], is_str: bool, ci: usize) -> usize {
    if !is_str {
        return ci.min(d.len());
    }
    let text = core::str::from_utf8(d).unwrap_or("");
    text.char_indices().nth(ci).map_or(d.len(), |(b, _)| b)
}

fn byte_to_char(d: &[u8], is_str: bool, bi: usize) -> usize {
    if !is_str {
        return bi;
    }
    core::str::from_utf8(&d[..bi]).map_or(bi, |t| t.chars().count())
}

/// The `[start, end)` byte range that optional arguments `k` and `k + 1` select.
fn range_args(args: &[Obj], k: usize, d: &[u8], is_str: bool) -> (usize, usize) {
    let len = if is_str {
        core::str::from_utf8(d).map_or(d.len(), |t| t.chars().count())
    } else {
        d.len()
    } as i64;
    let bound = |k: usize, default: i64| {
        args.get(k)
            .copied()
            .filter(|o| *o != Obj::NONE)
            .and_then(int::int_value)
            .map_or(
                default,
                |v| if v < 0 { (v + len).max(0) } else { v.min(len) },
            )
    };
    let (s, e) = (bound(k, 0) as usize, bound(k + 1, len) as usize);
    (char_to_byte(d, is_str, s), char_to_byte(d, is_str, e))
}

fn find_in(args: &[Obj], reverse: bool) -> R<Option<usize>> {
    let (d, is_str) = this(args[0]);
    let needle = arg_data(args[1], is_str)?;
    let (s, e) = range_args(args, 2, d, is_str);
    if s > e {
        return Ok(None);
    }
    let found = if reverse {
        rfind(d, needle, s, e)
    } else {
        find(&d[..e], needle, s)
    };
    Ok(found.map(|b| byte_to_char(d, is_str, b)))
}

fn m_find(args: &[Obj]) -> R {
    Ok(Obj::small_unchecked(
        find_in(args, false)?.map_or(-1, |i| i as i32),
    ))
}

fn m_rfind(args: &[Obj]) -> R {
    Ok(Obj::small_unchecked(
        find_in(args, true)?.map_or(-1, |i| i as i32),
    ))
}

fn m_index(args: &[Obj]) -> R {
    find_in(args, false)?
        .map(|i| Obj::small_unchecked(i as i32))
        .ok_or_else(|| new(&VALUE_ERROR, "substring not found"))
}

fn m_rindex(args: &[Obj]) -> R {
    find_in(args, true)?
        .map(|i| Obj::small_unchecked(i as i32))
        .ok_or_else(|| new(&VALUE_ERROR, "substring not found"))
}

/// `rsplit`: like `split` from the right; MicroPython refuses a maxsplit without `sep`.
fn m_rsplit(args: &Args) -> R {
    let (d, is_str) = this(args.pos[0]);
    let sep = args
        .pos
        .get(1)
        .copied()
        .or(args.kw(q::sep))
        .unwrap_or(Obj::NONE);
    let maxsplit = args
        .pos
        .get(2)
        .copied()
        .and_then(int::int_value)
        .unwrap_or(-1);
    if sep == Obj::NONE {
        if maxsplit >= 0 {
            return Err(exc::not_implemented("rsplit(None,n)"));
        }
        return m_split(args);
    }
    let s = arg_data(sep, is_str)?;
    if s.is_empty() {
        return Err(new(&VALUE_ERROR, "empty separator"));
    }
    let mut parts: Vec<Obj> = Vec::new();
    let mut end = d.len();
    while maxsplit < 0 || (parts.len() as i64) < maxsplit {
        let Some(i) = rfind(d, s, 0, end) else { break };
        parts.push(make_like(is_str, &d[i + s.len()..end])?);
        end = i;
    }
    parts.push(make_like(is_str, &d[..end])?);
    parts.reverse();
    seq::new_list(&parts)
}

fn m_count(args: &[Obj]) -> R {
    let (d, is_str) = this(args[0]);
    let needle = arg_data(args[1], is_str)?;
    let (s, e) = range_args(args, 2, d, is_str);
    let d = &d[s.min(e)..e];
    if needle.is_empty() {
        return Ok(Obj::small_unchecked(
            byte_to_char(d, is_str, d.len()) as i32 + 1,
        ));
    }
    let mut n = 0;
    let mut from = 0;
    while let Some(i) = find(d, needle, from) {
        n += 1;
        from = i + needle.len();
    }
    Ok(Obj::small_unchecked(n))
}

fn map_bytes(o: Obj, f: fn(u8) -> u8) -> R {
    let (d, is_str) = this(o);
    let v: Vec<u8> = d.iter().map(|&b| f(b)).collect();
    make_like(is_str, &v)
}

fn m_upper(o: Obj) -> R {
    map_bytes(o, |b| b.to_ascii_uppercase())
}

fn m_lower(o: Obj) -> R {
    map_bytes(o, |b| b.to_ascii_lowercase())
}

fn test_all(o: Obj, f: fn(u8) -> bool) -> R {
    let (d, _) = this(o);
    Ok(Obj::bool(!d.is_empty() && d.iter().all(|&b| f(b))))
}

fn m_isdigit(o: Obj) -> R {
    test_all(o, |b| b.is_ascii_digit())
}

fn m_isalpha(o: Obj) -> R {
    test_all(o, |b| b.is_ascii_alphabetic())
}

fn m_isspace(o: Obj) -> R {
    test_all(o, is_space)
}

fn m_isupper(o: Obj) -> R {
    let (d, _) = this(o);
    Ok(Obj::bool(
        d.iter().any(|b| b.is_ascii_alphabetic()) && !d.iter().any(|b| b.is_ascii_lowercase()),
    ))
}

fn m_islower(o: Obj) -> R {
    let (d, _) = this(o);
    Ok(Obj::bool(
        d.iter().any(|b| b.is_ascii_alphabetic()) && !d.iter().any(|b| b.is_ascii_uppercase()),
    ))
}

fn m_encode(args: &[Obj]) -> R {
    new_bytes(str_bytes(args[0]).unwrap_or(&[]))
}

fn m_decode(args: &[Obj]) -> R {
    let d = bytes_data(args[0]).unwrap_or(&[]);
    core::str::from_utf8(d)
        .map_err(|_| new(&crate::exc::UNICODE_ERROR, ""))
        .and_then(new_str)
}

fn m_format(args: &Args) -> R {
    crate::format::format(args)
}

/// `center` (MicroPython has no `ljust`/`rjust`); an odd space goes on the right.
fn m_center(args: &[Obj]) -> R {
    let (d, is_str) = this(args[0]);
    let width = int::int_value(args[1]).unwrap_or(0).max(0) as usize;
    let fill = match args.get(2) {
        Some(&f) => arg_data(f, is_str)?.first().copied().unwrap_or(b' '),
        None => b' ',
    };
    let n = if is_str {
        str_text(args[0]).unwrap_or("").chars().count()
    } else {
        d.len()
    };
    if n >= width {
        return Ok(args[0]);
    }
    let total = width - n;
    let (l, r) = (total / 2, total - total / 2);
    let mut v = alloc::vec![fill; l];
    v.extend_from_slice(d);
    v.extend(core::iter::repeat_n(fill, r));
    make_like(is_str, &v)
}

fn partition_with(args: &[Obj], reverse: bool) -> R {
    let (d, is_str) = this(args[0]);
    let sep = arg_data(args[1], is_str)?;
    if sep.is_empty() {
        return Err(new(&VALUE_ERROR, "empty separator"));
    }
    let found = if reverse {
        rfind(d, sep, 0, d.len())
    } else {
        find(d, sep, 0)
    };
    let empty = make_like(is_str, b"")?;
    let parts = match found {
        Some(i) => [
            make_like(is_str, &d[..i])?,
            args[1],
            make_like(is_str, &d[i + sep.len()..])?,
        ],
        None if reverse => [empty, empty, args[0]],
        None => [args[0], empty, empty],
    };
    seq::new_tuple(&parts)
}

fn m_partition(args: &[Obj]) -> R {
    partition_with(args, false)
}

fn m_rpartition(args: &[Obj]) -> R {
    partition_with(args, true)
}

fn m_splitlines(args: &[Obj]) -> R {
    let (d, is_str) = this(args[0]);
    let keep = match args.get(1) {
        Some(&k) => runtime::is_true(k)?,
        None => false,
    };
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < d.len() {
        if d[i] == b'\n' || d[i] == b'\r' {
            let mut end = i + 1;
            if d[i] == b'\r' && d.get(i + 1) == Some(&b'\n') {
                end += 1;
            }
            parts.push(make_like(is_str, &d[start..if keep { end } else { i }])?);
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < d.len() {
        parts.push(make_like(is_str, &d[start..])?);
    }
    seq::new_list(&parts)
}

macro_rules! methods {
    ($($stat:ident = $q:ident: $fun:expr;)*) => {
        $(static $stat: Builtin = Builtin::new(q::$q, $fun);)*
    };
}

methods! {
    JOIN = join: Fun::F2(m_join);
    SPLIT = split: Fun::Kw(m_split);
    STRIP = strip: Fun::Var(1, 2, m_strip);
    LSTRIP = lstrip: Fun::Var(1, 2, m_lstrip);
    RSTRIP = rstrip: Fun::Var(1, 2, m_rstrip);
    REPLACE = replace: Fun::Var(3, 4, m_replace);
    STARTSWITH = startswith: Fun::Var(2, 3, m_startswith);
    ENDSWITH = endswith: Fun::Var(2, 3, m_endswith);
    FIND = find: Fun::Var(2, 4, m_find);
    RFIND = rfind: Fun::Var(2, 4, m_rfind);
    INDEX = index: Fun::Var(2, 4, m_index);
    RINDEX = rindex: Fun::Var(2, 4, m_rindex);
    RSPLIT = rsplit: Fun::Kw(m_rsplit);
    COUNT = count: Fun::Var(2, 4, m_count);
    UPPER = upper: Fun::F1(m_upper);
    LOWER = lower: Fun::F1(m_lower);
    ISDIGIT = isdigit: Fun::F1(m_isdigit);
    ISALPHA = isalpha: Fun::F1(m_isalpha);
    ISSPACE = isspace: Fun::F1(m_isspace);
    ISUPPER = isupper: Fun::F1(m_isupper);
    ISLOWER = islower: Fun::F1(m_islower);
    ENCODE = encode: Fun::Var(1, 3, m_encode);
    DECODE = decode: Fun::Var(1, 3, m_decode);
    FORMAT = format: Fun::Kw(m_format);
    CENTER = center: Fun::Var(2, 3, m_center);
    PARTITION = partition: Fun::Var(2, 2, m_partition);
    RPARTITION = rpartition: Fun::Var(2, 2, m_rpartition);
    SPLITLINES = splitlines: Fun::Var(1, 2, m_splitlines);
    HEX = hex: Fun::F1(m_hex);
}

pub static STR: Type = Type {
    make_new: Some(str_make_new),
    print: Some(str_print),
    binary: Some(data_binary),
    unary: Some(data_unary),
    subscr: Some(str_subscr),
    iter: Some(data_iter),
    members: &[
        (q::join, Member::Fun(&JOIN)),
        (q::split, Member::Fun(&SPLIT)),
        (q::strip, Member::Fun(&STRIP)),
        (q::lstrip, Member::Fun(&LSTRIP)),
        (q::rstrip, Member::Fun(&RSTRIP)),
        (q::replace, Member::Fun(&REPLACE)),
        (q::startswith, Member::Fun(&STARTSWITH)),
        (q::endswith, Member::Fun(&ENDSWITH)),
        (q::find, Member::Fun(&FIND)),
        (q::rfind, Member::Fun(&RFIND)),
        (q::index, Member::Fun(&INDEX)),
        (q::rindex, Member::Fun(&RINDEX)),
        (q::rsplit, Member::Fun(&RSPLIT)),
        (q::count, Member::Fun(&COUNT)),
        (q::upper, Member::Fun(&UPPER)),
        (q::lower, Member::Fun(&LOWER)),
        (q::isdigit, Member::Fun(&ISDIGIT)),
        (q::isalpha, Member::Fun(&ISALPHA)),
        (q::isspace, Member::Fun(&ISSPACE)),
        (q::isupper, Member::Fun(&ISUPPER)),
        (q::islower, Member::Fun(&ISLOWER)),
        (q::encode, Member::Fun(&ENCODE)),
        (q::format, Member::Fun(&FORMAT)),
        (q::center, Member::Fun(&CENTER)),
        (q::partition, Member::Fun(&PARTITION)),
        (q::rpartition, Member::Fun(&RPARTITION)),
        (q::splitlines, Member::Fun(&SPLITLINES)),
    ],
    ..Type::new(q::str)
};

fn bytes_buffer(o: Obj) -> Option<Buffer> {
    let d = bytes_data(o)?;
    Some(Buffer {
        ptr: d.as_ptr() as *mut u8,
        len: d.len(),
        typecode: b'B',
        writable: o.type_of().is_subtype_of(&BYTEARRAY),
    })
}

pub static BYTES: Type = Type {
    make_new: Some(bytes_make_new),
    print: Some(bytes_print),
    binary: Some(data_binary),
    unary: Some(data_unary),
    subscr: Some(bytes_subscr),
    iter: Some(data_iter),
    buffer: Some(bytes_buffer),
    members: &[
        (q::join, Member::Fun(&JOIN)),
        (q::split, Member::Fun(&SPLIT)),
        (q::rsplit, Member::Fun(&RSPLIT)),
        (q::strip, Member::Fun(&STRIP)),
        (q::lstrip, Member::Fun(&LSTRIP)),
        (q::rstrip, Member::Fun(&RSTRIP)),
        (q::replace, Member::Fun(&REPLACE)),
        (q::startswith, Member::Fun(&STARTSWITH)),
        (q::endswith, Member::Fun(&ENDSWITH)),
        (q::find, Member::Fun(&FIND)),
        (q::rfind, Member::Fun(&RFIND)),
        (q::index, Member::Fun(&INDEX)),
        (q::rindex, Member::Fun(&RINDEX)),
        (q::count, Member::Fun(&COUNT)),
        (q::upper, Member::Fun(&UPPER)),
        (q::lower, Member::Fun(&LOWER)),
        (q::isdigit, Member::Fun(&ISDIGIT)),
        (q::isalpha, Member::Fun(&ISALPHA)),
        (q::isspace, Member::Fun(&ISSPACE)),
        (q::isupper, Member::Fun(&ISUPPER)),
        (q::islower, Member::Fun(&ISLOWER)),
        (q::center, Member::Fun(&CENTER)),
        (q::partition, Member::Fun(&PARTITION)),
        (q::rpartition, Member::Fun(&RPARTITION)),
        (q::splitlines, Member::Fun(&SPLITLINES)),
        (q::decode, Member::Fun(&DECODE)),
        (q::hex, Member::Fun(&HEX)),
        (q::fromhex, Member::Fun(&FROMHEX)),
    ],
    ..Type::new(q::bytes)
};

/// A mutable byte buffer.
#[repr(C)]
pub struct ByteArray {
    pub base: Base,
    pub len: usize,
    pub alloc: usize,
    pub items: *mut u8,
}

pub fn new_bytearray(data: &[u8]) -> R {
    let b = alloc_obj::<ByteArray>(&BYTEARRAY, 0)?;
    let buf = crate::state::alloc_bytes(data.len().max(1))?;
    // SAFETY: fresh allocations.
    unsafe {
        ptr::copy_nonoverlapping(data.as_ptr(), buf, data.len());
        (*b).items = buf;
        (*b).len = data.len();
        (*b).alloc = data.len().max(1);
    }
    Ok(Obj::from_ptr(b))
}

fn bytearray(o: Obj) -> &'static mut ByteArray {
    // SAFETY: callers check the type.
    unsafe { o.as_ref::<ByteArray>() }
}

pub fn bytearray_data(o: Obj) -> &'static [u8] {
    bytearray_data_mut(o)
}

fn bytearray_data_mut(o: Obj) -> &'static mut [u8] {
    let b = bytearray(o);
    // SAFETY: `len` bytes live at `items`.
    unsafe { slice::from_raw_parts_mut(b.items, b.len) }
}

fn set_bytearray(o: Obj, data: &[u8]) -> R<()> {
    let b = bytearray(o);
    if data.len() > b.alloc {
        b.items = realloc_bytes(b.items, data.len())?;
        b.alloc = data.len();
    }
    // SAFETY: room checked; `data` may alias the old contents.
    unsafe { ptr::copy(data.as_ptr(), b.items, data.len()) };
    b.len = data.len();
    Ok(())
}

fn ba_append(o: Obj, x: Obj) -> R {
    let v = int::int_value(x).ok_or_else(|| exc::type_error("an integer is required"))?;
    let mut d = bytearray_data(o).to_vec();
    d.push(v as u8);
    set_bytearray(o, &d).map(|_| Obj::NONE)
}

fn ba_extend(o: Obj, x: Obj) -> R {
    let mut d = bytearray_data(o).to_vec();
    d.extend_from_slice(&buffer_bytes(x)?);
    set_bytearray(o, &d).map(|_| Obj::NONE)
}

fn ba_binary(op: BinaryOp, a: Obj, b: Obj) -> R<Option<Obj>> {
    if op == BinaryOp::InplaceAdd {
        ba_extend(a, b)?;
        return Ok(Some(a));
    }
    let r = data_binary(op, a, b)?;
    // `+` of two bytearrays gives a bytearray.
    match (op.not_inplace(), r) {
        (BinaryOp::Add | BinaryOp::Multiply, Some(x)) => {
            new_bytearray(bytes_data(x).unwrap_or(&[])).map(Some)
        }
        (_, r) => Ok(r),
    }
}

static FROMHEX: Builtin =
    Builtin::new(q::fromhex, Fun::F2(m_fromhex)).bind(crate::func::Binding::Class);

static BA_APPEND: Builtin = Builtin::new(q::append, Fun::F2(ba_append));
static BA_EXTEND: Builtin = Builtin::new(q::extend, Fun::F2(ba_extend));

pub static BYTEARRAY: Type = Type {
    make_new: Some(bytes_make_new),
    print: Some(bytearray_print),
    binary: Some(ba_binary),
    unary: Some(data_unary),
    subscr: Some(bytes_subscr),
    iter: Some(data_iter),
    buffer: Some(bytes_buffer),
    flags: crate::types::flags::UNHASHABLE,
    members: &[
        (q::append, Member::Fun(&BA_APPEND)),
        (q::extend, Member::Fun(&BA_EXTEND)),
        (q::decode, Member::Fun(&DECODE)),
        (q::find, Member::Fun(&FIND)),
        (q::rfind, Member::Fun(&RFIND)),
        (q::index, Member::Fun(&INDEX)),
        (q::count, Member::Fun(&COUNT)),
        (q::startswith, Member::Fun(&STARTSWITH)),
        (q::endswith, Member::Fun(&ENDSWITH)),
        (q::split, Member::Fun(&SPLIT)),
        (q::strip, Member::Fun(&STRIP)),
        (q::replace, Member::Fun(&REPLACE)),
        (q::upper, Member::Fun(&UPPER)),
        (q::lower, Member::Fun(&LOWER)),
        (q::hex, Member::Fun(&HEX)),
    ],
    ..Type::new(q::bytearray)
};
