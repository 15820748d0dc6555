//! `memoryview`: a window on another object's bytes; slicing it makes a smaller window
//! on the same memory, so writes through any view show in the buffer.

use core::slice;

use crate::{
    exc, int,
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
    pub offset: usize,
    pub len: usize,
    pub writable: bool,
}

fn view(o: Obj) -> &'static MemoryView {
    // SAFETY: only installed on memoryviews.
    unsafe { o.as_ref::<MemoryView>() }
}

fn source(obj: Obj) -> R<Buffer> {
    crate::types::buffer(obj).ok_or_else(|| exc::type_error("object with buffer protocol required"))
}

/// The bytes a view covers now (the source may have been resized).
fn bytes_of(v: &MemoryView) -> R<&'static mut [u8]> {
    let b = source(v.obj)?;
    let end = (v.offset + v.len).min(b.len);
    let start = v.offset.min(end);
    // SAFETY: within the source's buffer.
    Ok(unsafe { slice::from_raw_parts_mut(b.ptr.add(start), end - start) })
}

fn new_view(obj: Obj, offset: usize, len: usize, writable: bool) -> R {
    let m = alloc_obj::<MemoryView>(&MEMORYVIEW, 0)?;
    // SAFETY: freshly allocated.
    unsafe {
        (*m).obj = obj;
        (*m).offset = offset;
        (*m).len = len;
        (*m).writable = writable;
    }
    Ok(Obj::from_ptr(m))
}

fn make_new(_: &'static Type, args: &Args) -> R {
    let [obj] = args.pos else {
        return Err(exc::type_error("function takes 1 positional arguments"));
    };
    if obj.is_exact(&MEMORYVIEW) {
        let v = view(*obj);
        return new_view(v.obj, v.offset, v.len, v.writable);
    }
    let b = source(*obj)?;
    new_view(*obj, 0, b.len, b.writable)
}

fn subscr(o: Obj, i: Obj, value: Obj) -> R {
    let v = view(o);
    let data = bytes_of(v)?;
    if let Some(s) = as_slice(i) {
        step_unsupported(s, STEP_MSG)?;
        let (start, _, count) = slice_indices(s, data.len())?;
        let start = start as usize;
        if value == Obj::SENTINEL {
            return new_view(v.obj, v.offset + start, count, v.writable);
        }
        if !v.writable {
            return Err(exc::type_error(
                "'memoryview' object doesn't support item assignment",
            ));
        }
        let src = buffer_bytes(value)?;
        if src.len() != count {
            return Err(exc::value_error(
                "memoryview slice assignment size mismatch",
            ));
        }
        data[start..start + count].copy_from_slice(&src);
        return Ok(Obj::NONE);
    }
    let j = index(i, data.len(), "memoryview")?;
    if value == Obj::SENTINEL {
        return Ok(Obj::small_unchecked(data[j].into()));
    }
    if !v.writable || value.is_null() {
        return Err(exc::type_error(
            "'memoryview' object doesn't support item assignment",
        ));
    }
    let b = int::int_value(value).ok_or_else(|| exc::type_error("an integer is required"))?;
    data[j] = b as u8;
    Ok(Obj::NONE)
}

fn unary(op: UnaryOp, o: Obj) -> R<Option<Obj>> {
    let n = bytes_of(view(o))?.len();
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
        typecode: b'B',
        writable: v.writable,
    })
}

fn iter(o: Obj) -> R {
    // Iterate a snapshot: a view's bytes as a bytes object.
    crate::runtime::getiter(new_bytes(bytes_of(view(o))?)?)
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
    iter: Some(iter),
    print: Some(print),
    members: &[
        (q::hex, crate::types::Member::Fun(&HEX)),
        (q::tobytes, crate::types::Member::Fun(&TOBYTES)),
    ],
    ..Type::new(q::memoryview)
};
