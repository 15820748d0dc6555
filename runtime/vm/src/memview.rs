//! `memoryview`: a window on another object's items (bytes, or an array's typed items);
//! slicing it makes a smaller window on the same memory, so writes through any view
//! show in the buffer.

use core::slice;

use crate::{
    binary::{self, Layout},
    exc,
    obj::{Base, Obj},
    qstr::q,
    seq::{as_slice, index, slice_indices, step_unsupported, STEP_MSG},
    state::alloc_obj,
    str::{buffer_bytes, new_bytes},
    types::{Args, Buffer, Out, Print, Type, UnaryOp},
    R,
};

#[repr(C)]
pub struct MemoryView {
    pub base: Base,
    /// The object whose memory this is (kept alive through here).
    pub obj: Obj,
    /// In items of `typecode`.
    pub offset: usize,
    pub len: usize,
    pub writable: bool,
    pub typecode: u8,
}

fn view(o: Obj) -> &'static MemoryView {
    // SAFETY: only installed on memoryviews.
    unsafe { o.as_ref::<MemoryView>() }
}

fn source(obj: Obj) -> R<Buffer> {
    crate::types::buffer(obj).ok_or_else(|| exc::type_error("object with buffer protocol required"))
}

fn item_size(v: &MemoryView) -> usize {
    // The typecode came from a buffer.
    binary::item_size(v.typecode).unwrap_or(1)
}

/// The bytes a view covers now (the source may have been resized).
fn bytes_of(v: &MemoryView) -> R<&'static mut [u8]> {
    let b = source(v.obj)?;
    let size = item_size(v);
    let end = ((v.offset + v.len) * size).min(b.len);
    let start = (v.offset * size).min(end);
    // SAFETY: within the source's buffer.
    Ok(unsafe { slice::from_raw_parts_mut(b.ptr.add(start), end - start) })
}

fn new_view(obj: Obj, offset: usize, len: usize, writable: bool, typecode: u8) -> R {
    let m = alloc_obj::<MemoryView>(&MEMORYVIEW, 0)?;
    // SAFETY: freshly allocated.
    unsafe {
        (*m).obj = obj;
        (*m).offset = offset;
        (*m).len = len;
        (*m).writable = writable;
        (*m).typecode = typecode;
    }
    Ok(Obj::from_ptr(m))
}

fn make_new(_: &'static Type, args: &Args) -> R {
    let [obj] = args.pos else {
        return Err(exc::type_error("function takes 1 positional arguments"));
    };
    if obj.is_exact(&MEMORYVIEW) {
        let v = view(*obj);
        return new_view(v.obj, v.offset, v.len, v.writable, v.typecode);
    }
    let b = source(*obj)?;
    let size = binary::item_size(b.typecode)?;
    new_view(*obj, 0, b.len / size, b.writable, b.typecode)
}

fn subscr(o: Obj, i: Obj, value: Obj) -> R {
    let v = view(o);
    let data = bytes_of(v)?;
    let size = item_size(v);
    if let Some(s) = as_slice(i) {
        step_unsupported(s, STEP_MSG)?;
        let (start, _, count) = slice_indices(s, data.len() / size)?;
        let start = start as usize;
        if value == Obj::SENTINEL {
            return new_view(v.obj, v.offset + start, count, v.writable, v.typecode);
        }
        if !v.writable {
            return Err(exc::type_error(
                "'memoryview' object doesn't support item assignment",
            ));
        }
        let src = buffer_bytes(value)?;
        if src.len() != count * size {
            return Err(exc::value_error(
                "memoryview slice assignment size mismatch",
            ));
        }
        data[start * size..(start + count) * size].copy_from_slice(&src);
        return Ok(Obj::NONE);
    }
    let j = index(i, data.len() / size, "memoryview")? * size;
    let item = &mut data[j..j + size];
    if value == Obj::SENTINEL {
        return binary::get(v.typecode, item, Layout::Native);
    }
    if !v.writable || value.is_null() {
        return Err(exc::type_error(
            "'memoryview' object doesn't support item assignment",
        ));
    }
    binary::put(v.typecode, item, value, Layout::Native)?;
    Ok(Obj::NONE)
}

fn unary(op: UnaryOp, o: Obj) -> R<Option<Obj>> {
    let v = view(o);
    let n = bytes_of(v)?.len() / item_size(v);
    Ok(match op {
        UnaryOp::Len => Some(Obj::small_unchecked(n as i32)),
        UnaryOp::Bool => Some(Obj::bool(n > 0)),
        _ => None,
    })
}

fn buffer(o: Obj) -> Option<Buffer> {
    let v = view(o);
    let data = bytes_of(v).ok()?;
    Some(Buffer {
        ptr: data.as_mut_ptr(),
        len: data.len(),
        typecode: v.typecode,
        writable: v.writable,
    })
}

fn print(out: &mut dyn Out, o: Obj, _: Print) -> R<()> {
    crate::print::fmt(out, format_args!("<memory at 0x{:x}>", o.word()));
    Ok(())
}

fn hex(o: Obj) -> R {
    crate::str::hex_of(bytes_of(view(o))?)
}

fn tobytes(o: Obj) -> R {
    new_bytes(bytes_of(view(o))?)
}

static HEX: crate::func::Builtin = crate::func::Builtin::new(q::hex, crate::func::Fun::F1(hex));
static TOBYTES: crate::func::Builtin =
    crate::func::Builtin::new(q::tobytes, crate::func::Fun::F1(tobytes));

pub static MEMORYVIEW: Type = Type {
    make_new: Some(make_new),
    subscr: Some(subscr),
    unary: Some(unary),
    buffer: Some(buffer),
    iter: Some(crate::seq::getitem_iter),
    print: Some(print),
    members: &[
        (q::hex, crate::types::Member::Fun(&HEX)),
        (q::tobytes, crate::types::Member::Fun(&TOBYTES)),
    ],
    ..Type::new(q::memoryview)
};
