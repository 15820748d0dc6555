//! The `struct` module: `pack`, `unpack`, `calcsize`, `pack_into`, `unpack_from`, with
//! MicroPython's formats: an optional `@ < > !` first (`=` is accepted there but then
//! every item is a bad typecode, as in MicroPython), then counted items; `x` pads,
//! `s` is bytes. Like MicroPython, `unpack` only needs a big enough buffer and `pack`
//! ignores missing or surplus values.

use alloc::vec::Vec;

use crate::{
    binary::{self, Layout},
    exc,
    func::{Builtin, Fun},
    obj::Obj,
    qstr::{q, Qstr},
    runtime,
    seq::new_tuple,
    str::{expect_str, new_bytes},
    types::{self, Member},
    R,
};

/// One run of a format: `count` items of `code` (for `s`, one item of `count` bytes).
struct Item {
    count: usize,
    code: u8,
}

/// A parsed format: its layout and items.
struct Format {
    layout: Option<Layout>,
    items: Vec<Item>,
}

fn parse(fmt: Obj) -> R<Format> {
    let text = expect_str(fmt)?.as_bytes();
    let (layout, rest) = match text.first() {
        Some(b'<') => (Some(Layout::Little), &text[1..]),
        Some(b'>' | b'!') => (Some(Layout::Big), &text[1..]),
        Some(b'@') => (Some(Layout::Native), &text[1..]),
        // MicroPython takes `=` as a byte order it has no sizes for.
        Some(b'=') => (None, &text[1..]),
        _ => (Some(Layout::Native), text),
    };
    let mut items = Vec::new();
    let mut i = 0;
    while i < rest.len() {
        let digits = rest[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let count = match digits {
            0 => 1,
            _ => core::str::from_utf8(&rest[i..i + digits])
                .ok()
                .and_then(|d| d.parse().ok())
                .ok_or_else(|| exc::value_error("bad typecode"))?,
        };
        i += digits;
        let Some(&code) = rest.get(i) else { break };
        items.push(Item { count, code });
        i += 1;
    }
    Ok(Format { layout, items })
}

impl Format {
    /// Size and alignment of one `code` item.
    fn size_align(&self, code: u8) -> R<(usize, usize)> {
        match self.layout {
            Some(layout) => binary::size_align(layout, code),
            None => Err(exc::value_error("bad typecode")),
        }
    }

    /// Total bytes and number of values.
    fn size(&self) -> R<(usize, usize)> {
        let (mut size, mut values) = (0, 0);
        for item in &self.items {
            match item.code {
                b'x' => size += item.count,
                b's' => {
                    size += item.count;
                    values += 1;
                }
                code => {
                    let (sz, align) = self.size_align(code)?;
                    for _ in 0..item.count {
                        size = size.next_multiple_of(align) + sz;
                    }
                    values += item.count;
                }
            }
        }
        Ok((size, values))
    }

    fn byte_order(&self) -> Layout {
        self.layout.unwrap_or(Layout::Native)
    }

    /// Packs `values` into `out` (at least `size()` bytes, zeroed).
    fn pack(&self, out: &mut [u8], values: &[Obj]) -> R<()> {
        let (mut p, mut v) = (0, values.iter());
        for item in &self.items {
            match item.code {
                b'x' => p += item.count,
                b's' => {
                    let Some(&x) = v.next() else { return Ok(()) };
                    let b = types::buffer(x)
                        .ok_or_else(|| exc::type_error("object with buffer protocol required"))?;
                    let n = b.len.min(item.count);
                    out[p..p + n].copy_from_slice(&b.bytes()[..n]);
                    p += item.count;
                }
                code => {
                    let (sz, align) = self.size_align(code)?;
                    for _ in 0..item.count {
                        let Some(&x) = v.next() else { return Ok(()) };
                        p = p.next_multiple_of(align);
                        binary::put(code, &mut out[p..p + sz], x, self.byte_order())?;
                        p += sz;
                    }
                }
            }
        }
        Ok(())
    }

    fn unpack(&self, data: &[u8]) -> R {
        let mut values = Vec::new();
        let mut p = 0;
        for item in &self.items {
            match item.code {
                b'x' => p += item.count,
                b's' => {
                    values.push(new_bytes(&data[p..p + item.count])?);
                    p += item.count;
                }
                code => {
                    let (sz, align) = self.size_align(code)?;
                    for _ in 0..item.count {
                        p = p.next_multiple_of(align);
                        values.push(binary::get(code, &data[p..p + sz], self.byte_order())?);
                        p += sz;
                    }
                }
            }
        }
        new_tuple(&values)
    }
}

fn buffer_too_small() -> crate::Exc {
    exc::value_error("buffer too small")
}

/// `offset` into a buffer of `len` bytes (negative from the end), with `need` bytes after.
fn start(len: usize, offset: Obj, need: usize) -> R<usize> {
    let mut at = runtime::to_int(offset)? as i64;
    if at < 0 {
        at += len as i64;
        if at < 0 {
            return Err(buffer_too_small());
        }
    }
    let at = at as usize;
    if at + need > len {
        return Err(buffer_too_small());
    }
    Ok(at)
}

fn calcsize(fmt: Obj) -> R {
    Ok(Obj::small_unchecked(parse(fmt)?.size()?.0 as i32))
}

fn pack(args: &[Obj]) -> R {
    let f = parse(args[0])?;
    let mut out = alloc::vec![0; f.size()?.0];
    f.pack(&mut out, &args[1..])?;
    new_bytes(&out)
}

fn pack_into(args: &[Obj]) -> R {
    let f = parse(args[0])?;
    let size = f.size()?.0;
    let b = types::buffer(args[1])
        .filter(|b| b.writable)
        .ok_or_else(|| exc::type_error("object with buffer protocol required"))?;
    let at = start(b.len, args[2], size)?;
    f.pack(&mut b.bytes()[at..at + size], &args[3..])?;
    Ok(Obj::NONE)
}

/// `unpack` and `unpack_from` are one function in MicroPython: the buffer only has to
/// be big enough.
fn unpack_from(args: &[Obj]) -> R {
    let f = parse(args[0])?;
    let size = f.size()?.0;
    let b = types::buffer(args[1])
        .ok_or_else(|| exc::type_error("object with buffer protocol required"))?;
    let at = start(
        b.len,
        args.get(2).copied().unwrap_or(Obj::small_unchecked(0)),
        size,
    )?;
    f.unpack(&b.bytes()[at..at + size])
}

static CALCSIZE: Builtin = Builtin::new(q::calcsize, Fun::F1(calcsize));
static PACK: Builtin = Builtin::new(q::pack, Fun::Var(1, 255, pack));
static PACK_INTO: Builtin = Builtin::new(q::pack_into, Fun::Var(3, 255, pack_into));
static UNPACK: Builtin = Builtin::new(q::unpack, Fun::Var(2, 3, unpack_from));
static UNPACK_FROM: Builtin = Builtin::new(q::unpack_from, Fun::Var(2, 3, unpack_from));

/// The `struct` module's names.
pub static MODULE: &[(Qstr, Member)] = &[
    (q::calcsize, Member::Fun(&CALCSIZE)),
    (q::pack, Member::Fun(&PACK)),
    (q::pack_into, Member::Fun(&PACK_INTO)),
    (q::unpack, Member::Fun(&UNPACK)),
    (q::unpack_from, Member::Fun(&UNPACK_FROM)),
];
