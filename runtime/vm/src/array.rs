//! The `array` module: `array.array(typecode[, iterable])`, a growable run of machine
//! values (see [`crate::binary`]) with the buffer protocol, so memoryviews and viper
//! pointers see its items.

use alloc::vec::Vec;

use crate::{
    binary::{self, Layout},
    exc, int,
    obj::{Base, Obj},
    print,
    qstr::q,
    runtime,
    seq::{self, as_slice, index, slice_indices, step_unsupported, STEP_MSG},
    state::{alloc_bytes, alloc_obj, realloc_bytes},
    str::{bytes_data, expect_str},
    types::{self, Args, BinaryOp, Buffer, Member, Out, Print, Type, UnaryOp, BYTES},
    R,
};

#[repr(C)]
pub struct Array {
    pub base: Base,
    pub typecode: usize,
    /// Bytes in use and bytes allocated at `items`.
    pub len: usize,
    pub alloc: usize,
    pub items: *mut u8,
}

fn array(o: Obj) -> &'static mut Array {
    // SAFETY: only called on arrays.
    unsafe { o.as_ref::<Array>() }
}

fn typecode(o: Obj) -> u8 {
    array(o).typecode as u8
}

fn item_size(o: Obj) -> usize {
    // The typecode was checked when the array was made.
    binary::item_size(typecode(o)).unwrap_or(1)
}

fn data(o: Obj) -> &'static mut [u8] {
    let a = array(o);
    // SAFETY: `len` bytes live at `items`.
    unsafe { core::slice::from_raw_parts_mut(a.items, a.len) }
}

fn new_array(typecode: u8, bytes: &[u8]) -> R {
    binary::item_size(typecode)?;
    let a = alloc_obj::<Array>(&ARRAY, 0)?;
    let items = alloc_bytes(bytes.len().max(1))?;
    // SAFETY: fresh allocations.
    unsafe {
        core::ptr::copy_nonoverlapping(bytes.as_ptr(), items, bytes.len());
        (*a).typecode = usize::from(typecode);
        (*a).items = items;
        (*a).len = bytes.len();
        (*a).alloc = bytes.len().max(1);
    }
    Ok(Obj::from_ptr(a))
}

/// Replaces `[start, end)` of the array's bytes with `with`, growing or shrinking it.
fn splice(o: Obj, start: usize, end: usize, with: &[u8]) -> R<()> {
    let mut d = data(o).to_vec();
    d.splice(start..end, with.iter().copied());
    let a = array(o);
    if d.len() > a.alloc {
        a.items = realloc_bytes(a.items, d.len())?;
        a.alloc = d.len();
    }
    // SAFETY: room checked above.
    unsafe { core::ptr::copy_nonoverlapping(d.as_ptr(), a.items, d.len()) };
    a.len = d.len();
    Ok(())
}

/// `x` as the bytes of one item of this array.
fn encode(o: Obj, x: Obj) -> R<Vec<u8>> {
    let mut item = alloc::vec![0; item_size(o)];
    binary::put(typecode(o), &mut item, x, Layout::Native)?;
    Ok(item)
}

fn append(o: Obj, x: Obj) -> R {
    let item = encode(o, x)?;
    let end = array(o).len;
    splice(o, end, end, &item)?;
    Ok(Obj::NONE)
}

/// Appends the raw items of anything with the buffer protocol (a MicroPython
/// extension), else each item of an iterable.
fn extend(o: Obj, x: Obj) -> R {
    let end = array(o).len;
    if let Some(b) = types::buffer(x) {
        let n = b.len / item_size(o) * item_size(o);
        let bytes = b.bytes()[..n].to_vec();
        splice(o, end, end, &bytes)?;
        return Ok(Obj::NONE);
    }
    let it = runtime::getiter(x)?;
    loop {
        let item = runtime::iternext(it)?;
        if item.is_null() {
            return Ok(Obj::NONE);
        }
        append(o, item)?;
    }
}

fn make_new(_: &'static Type, args: &Args) -> R {
    if args.n_kw() != 0 {
        return Err(exc::type_error("function doesn't take keyword arguments"));
    }
    let (code, init) = match args.pos {
        [code] => (*code, None),
        [code, init] => (*code, Some(*init)),
        [] => {
            return Err(exc::type_error(
                "function missing 1 required positional arguments",
            ))
        }
        more => {
            return Err(exc::type_error_fmt(format_args!(
                "function expected at most 2 arguments, got {}",
                more.len()
            )))
        }
    };
    let code = expect_str(code)?.bytes().next().unwrap_or(0);
    let a = new_array(code, &[])?;
    match init {
        // Bytes and bytearrays give their bytes as raw items (whole items only).
        Some(init) if init.is_exact(&BYTES) || init.is_exact(&crate::types::BYTEARRAY) => {
            let raw = bytes_data(init).unwrap_or(&[]);
            let n = raw.len() / item_size(a) * item_size(a);
            splice(a, 0, 0, &raw[..n])?;
        }
        Some(init) => {
            let it = runtime::getiter(init)?;
            loop {
                let item = runtime::iternext(it)?;
                if item.is_null() {
                    break;
                }
                append(a, item)?;
            }
        }
        None => {}
    }
    Ok(a)
}

/// The items of an array, as objects.
fn items(o: Obj) -> R<Vec<Obj>> {
    data(o)
        .chunks_exact(item_size(o))
        .map(|c| binary::get(typecode(o), c, Layout::Native))
        .collect()
}

fn print(out: &mut dyn Out, o: Obj, _: Print) -> R<()> {
    print::fmt(out, format_args!("array('{}'", char::from(typecode(o))));
    if array(o).len > 0 {
        seq::print_items(out, &items(o)?, ", [", "]", "")?;
    }
    out.put_str(")");
    Ok(())
}

fn unary(op: UnaryOp, o: Obj) -> R<Option<Obj>> {
    let n = array(o).len / item_size(o);
    Ok(match op {
        UnaryOp::Len => Some(Obj::small_unchecked(n as i32)),
        UnaryOp::Bool => Some(Obj::bool(n > 0)),
        _ => None,
    })
}

/// MicroPython's argument-less `NotImplementedError` for comparisons it does not do.
fn unsupported() -> crate::Exc {
    exc::raise(&exc::NOT_IMPLEMENTED_ERROR, &[])
}

/// Lowercase typecode and whether it was unsigned, as MicroPython compares buffers.
fn comparison_code(typecode: u8) -> (u8, bool) {
    (typecode.to_ascii_lowercase(), typecode.is_ascii_uppercase())
}

fn binary(op: BinaryOp, a: Obj, b: Obj) -> R<Option<Obj>> {
    use BinaryOp::*;
    match op {
        Add => {
            let rhs = types::buffer(b)
                .ok_or_else(|| exc::type_error("object with buffer protocol required"))?;
            let n = rhs.len / item_size(a) * item_size(a);
            let r = new_array(typecode(a), data(a))?;
            splice(r, array(r).len, array(r).len, &rhs.bytes()[..n])?;
            Ok(Some(r))
        }
        InplaceAdd => {
            extend(a, b)?;
            Ok(Some(a))
        }
        Contains => {
            if int::int_value(b).is_some() || crate::float::float_value(b).is_some() {
                return Err(unsupported());
            }
            Ok(Some(Obj::FALSE))
        }
        Equal | Less | LessEqual | More | MoreEqual => {
            // Only another array can be equal to an array; anything with the buffer
            // protocol can be ordered against one.
            let rhs = match types::buffer(b) {
                Some(rhs) if op != Equal || b.is_exact(&ARRAY) => rhs,
                _ => return Ok(Some(Obj::FALSE)),
            };
            // Only the same integer representation compares, by its bytes; order
            // only for unsigned items.
            let (lc, lu) = comparison_code(typecode(a));
            let (rc, ru) = comparison_code(rhs.typecode);
            if lc != rc || lc == b'f' || lc == b'd' || (op != Equal && !(lu || ru)) {
                return Err(unsupported());
            }
            let (x, y) = (&*data(a), &*rhs.bytes());
            Ok(Some(Obj::bool(match op {
                Equal => x == y,
                Less => x < y,
                LessEqual => x <= y,
                More => x > y,
                _ => x >= y,
            })))
        }
        _ => Ok(None),
    }
}

fn subscr(o: Obj, i: Obj, value: Obj) -> R {
    let size = item_size(o);
    let n = array(o).len / size;
    if let Some(s) = as_slice(i) {
        step_unsupported(s, STEP_MSG)?;
        let (start, _, count) = slice_indices(s, n)?;
        let (start, end) = (start as usize * size, (start as usize + count) * size);
        if value == Obj::SENTINEL {
            return new_array(typecode(o), &data(o)[start..end]);
        }
        if value.is_null() {
            return Err(exc::type_error(
                "'array' object doesn't support item deletion",
            ));
        }
        let src = match types::buffer(value) {
            Some(b) if !value.is_exact(&BYTES) || size == 1 => {
                if binary::item_size(b.typecode)? != size {
                    return Err(exc::value_error("lhs and rhs should be compatible"));
                }
                b.bytes().to_vec()
            }
            Some(_) => return Err(exc::value_error("lhs and rhs should be compatible")),
            None => return Err(exc::not_implemented("array/bytes required on right side")),
        };
        splice(o, start, end, &src)?;
        return Ok(Obj::NONE);
    }
    let j = index(i, n, "array")? * size;
    let item = &mut data(o)[j..j + size];
    if value == Obj::SENTINEL {
        return binary::get(typecode(o), item, Layout::Native);
    }
    if value.is_null() {
        return Err(exc::type_error(
            "'array' object doesn't support item deletion",
        ));
    }
    binary::put(typecode(o), item, value, Layout::Native)?;
    Ok(Obj::NONE)
}

fn buffer(o: Obj) -> Option<Buffer> {
    let a = array(o);
    Some(Buffer {
        ptr: a.items,
        len: a.len,
        typecode: typecode(o),
        writable: true,
    })
}

static APPEND: crate::func::Builtin =
    crate::func::Builtin::new(q::append, crate::func::Fun::F2(append));
static EXTEND: crate::func::Builtin =
    crate::func::Builtin::new(q::extend, crate::func::Fun::F2(extend));

pub static ARRAY: Type = Type {
    make_new: Some(make_new),
    print: Some(print),
    unary: Some(unary),
    binary: Some(binary),
    subscr: Some(subscr),
    iter: Some(seq::getitem_iter),
    buffer: Some(buffer),
    flags: crate::types::flags::UNHASHABLE,
    members: &[
        (q::append, Member::Fun(&APPEND)),
        (q::extend, Member::Fun(&EXTEND)),
    ],
    ..Type::new(q::array)
};

/// The `array` module's names.
pub static MODULE: &[(crate::qstr::Qstr, Member)] = &[(q::array, Member::Type(&ARRAY))];
