//! Sequences: tuple, list, range, slice, and the iterators over them.

use core::{mem::size_of, ptr, slice};

use crate::{
    exc::{self, new, type_error_fmt, INDEX_ERROR, VALUE_ERROR},
    func::{Builtin, Fun},
    int,
    obj::{Base, Obj},
    print,
    qstr::q,
    runtime::{self, equal, is_true},
    state::{alloc_bytes, alloc_obj, realloc_bytes},
    types::{flags, Args, BinaryOp, Member, Out, Print, Type, UnaryOp},
    R,
};

const W: usize = size_of::<Obj>();

#[repr(C)]
pub struct Tuple {
    pub base: Base,
    pub len: usize,
    pub items: [Obj; 0],
}

#[repr(C)]
struct EmptyTuple {
    base: Base,
    len: usize,
}

static EMPTY_TUPLE: EmptyTuple = EmptyTuple {
    base: Base { ty: &TUPLE },
    len: 0,
};

pub fn empty_tuple() -> Obj {
    Obj::from_ref(&EMPTY_TUPLE)
}

pub fn new_tuple(items: &[Obj]) -> R {
    if items.is_empty() {
        return Ok(empty_tuple());
    }
    let t = alloc_obj::<Tuple>(&TUPLE, items.len() * W)?;
    // SAFETY: allocated with room for the items.
    unsafe {
        (*t).len = items.len();
        ptr::copy_nonoverlapping(items.as_ptr(), (*t).items.as_mut_ptr(), items.len());
    }
    Ok(Obj::from_ptr(t))
}

/// A tuple's items (or an empty slice for anything else).
pub fn tuple_items(o: Obj) -> &'static [Obj] {
    as_tuple(o).unwrap_or(&[])
}

pub fn as_tuple(o: Obj) -> Option<&'static [Obj]> {
    if !o.is_ptr() || !o.type_of().is_subtype_of(&TUPLE) {
        return None;
    }
    // SAFETY: the type says it is a `Tuple` with `len` items.
    unsafe {
        let t = o.as_ref::<Tuple>();
        Some(slice::from_raw_parts(t.items.as_ptr(), t.len))
    }
}

#[repr(C)]
pub struct List {
    pub base: Base,
    pub len: usize,
    pub alloc: usize,
    pub items: *mut Obj,
}

pub fn new_list(items: &[Obj]) -> R {
    let l = alloc_obj::<List>(&LIST, 0)?;
    let alloc = items.len().max(4);
    let buf = alloc_bytes(alloc * W)? as *mut Obj;
    // SAFETY: fresh allocations.
    unsafe {
        ptr::copy_nonoverlapping(items.as_ptr(), buf, items.len());
        (*l).items = buf;
        (*l).len = items.len();
        (*l).alloc = alloc;
    }
    Ok(Obj::from_ptr(l))
}

fn as_list(o: Obj) -> Option<&'static mut List> {
    // SAFETY: checked type.
    (o.is_ptr() && o.type_of().is_subtype_of(&LIST)).then(|| unsafe { o.as_ref::<List>() })
}

pub fn list_items(o: Obj) -> &'static mut [Obj] {
    match as_list(o) {
        // SAFETY: `len` items live at `items`.
        Some(l) => unsafe { slice::from_raw_parts_mut(l.items, l.len) },
        None => &mut [],
    }
}

pub fn list_append(l: Obj, x: Obj) -> R<()> {
    let list = as_list(l).ok_or_else(|| exc::type_error("list expected"))?;
    if list.len == list.alloc {
        let alloc = list.alloc * 2;
        list.items = realloc_bytes(list.items.cast(), alloc * W)?.cast();
        list.alloc = alloc;
    }
    // SAFETY: room checked above.
    unsafe { *list.items.add(list.len) = x };
    list.len += 1;
    Ok(())
}

/// A tuple's or list's items.
pub fn items(o: Obj) -> Option<&'static [Obj]> {
    as_tuple(o).or_else(|| as_list(o).map(|_| &*list_items(o)))
}

/// Resolves a possibly negative index against `len`.
pub fn index(i: Obj, len: usize, what: &str) -> R<usize> {
    let v = int::int_value(i).ok_or_else(|| {
        type_error_fmt(format_args!(
            "{what} indices must be integers, not {}",
            i.type_of().name.as_str()
        ))
    })?;
    let n = len as i64;
    let j = if v < 0 { v + n } else { v };
    if (0..n).contains(&j) {
        Ok(j as usize)
    } else {
        Err(new(
            &INDEX_ERROR,
            &alloc::format!("{what} index out of range"),
        ))
    }
}

#[repr(C)]
pub struct Slice {
    pub base: Base,
    pub start: Obj,
    pub stop: Obj,
    pub step: Obj,
}

pub fn new_slice(start: Obj, stop: Obj, step: Obj) -> R {
    let s = alloc_obj::<Slice>(&SLICE, 0)?;
    // SAFETY: freshly allocated.
    unsafe {
        (*s).start = start;
        (*s).stop = stop;
        (*s).step = step;
    }
    Ok(Obj::from_ptr(s))
}

pub fn as_slice(o: Obj) -> Option<&'static Slice> {
    // SAFETY: checked type.
    o.is_exact(&SLICE).then(|| &*unsafe { o.as_ref::<Slice>() })
}

/// (start, step, count) of a slice applied to `len` items, as Python clamps them.
pub fn slice_indices(s: &Slice, len: usize) -> R<(i64, i64, usize)> {
    let n = len as i64;
    let get = |o: Obj| -> R<Option<i64>> {
        if o == Obj::NONE {
            Ok(None)
        } else {
            int::int_value(o)
                .map(Some)
                .ok_or_else(|| exc::type_error("slice indices must be integers"))
        }
    };
    let step = get(s.step)?.unwrap_or(1);
    if step == 0 {
        return Err(new(&VALUE_ERROR, "slice step cannot be zero"));
    }
    let clamp = |v: Option<i64>, default: i64, lo: i64, hi: i64| match v {
        None => default,
        Some(v) if v < 0 => (v + n).max(lo),
        Some(v) => v.min(hi),
    };
    let (start, stop) = if step > 0 {
        (clamp(get(s.start)?, 0, 0, n), clamp(get(s.stop)?, n, 0, n))
    } else {
        (
            clamp(get(s.start)?, n - 1, -1, n - 1),
            clamp(get(s.stop)?, -1, -1, n - 1),
        )
    };
    let count = if step > 0 {
        ((stop - start + step - 1) / step).max(0)
    } else {
        ((start - stop - step - 1) / -step).max(0)
    };
    Ok((start, step, count as usize))
}

/// MicroPython slices only lists with a step; other sequences and list stores refuse.
pub fn step_unsupported(s: &Slice, msg: &str) -> R<()> {
    if s.step == Obj::NONE || s.step == Obj::small_unchecked(1) {
        Ok(())
    } else {
        Err(exc::not_implemented(msg))
    }
}

pub const STEP_MSG: &str = "only slices with step=1 (aka None) are supported";

fn slice_of(items: &[Obj], s: &Slice) -> R<alloc::vec::Vec<Obj>> {
    let (start, step, count) = slice_indices(s, items.len())?;
    Ok((0..count)
        .map(|i| items[(start + i as i64 * step) as usize])
        .collect())
}

/// Writes items as `repr`s between `open` and `close`; `one` follows a single item
/// (the tuple's comma).
pub fn print_items(out: &mut dyn Out, items: &[Obj], open: &str, close: &str, one: &str) -> R<()> {
    out.put_str(open);
    for (i, &x) in items.iter().enumerate() {
        if i > 0 {
            out.put_str(", ");
        }
        print::print(out, x, Print::Repr)?;
    }
    if items.len() == 1 {
        out.put_str(one);
    }
    out.put_str(close);
    Ok(())
}

fn tuple_print(out: &mut dyn Out, o: Obj, _: Print) -> R<()> {
    print_items(out, tuple_items(o), "(", ")", ",")
}

fn list_print(out: &mut dyn Out, o: Obj, _: Print) -> R<()> {
    print_items(out, list_items(o), "[", "]", "")
}

/// Lexicographic comparison of two sequences.
fn compare_items(op: BinaryOp, a: &[Obj], b: &[Obj]) -> R<Option<Obj>> {
    use BinaryOp::*;
    if op == Equal || op == NotEqual {
        let mut same = a.len() == b.len();
        if same {
            for (x, y) in a.iter().zip(b) {
                if !equal(*x, *y)? {
                    same = false;
                    break;
                }
            }
        }
        return Ok(Some(Obj::bool(same == (op == Equal))));
    }
    for (x, y) in a.iter().zip(b) {
        if !equal(*x, *y)? {
            return runtime::binary_op(op, *x, *y).map(Some);
        }
    }
    let (la, lb) = (a.len(), b.len());
    Ok(Some(Obj::bool(match op {
        Less => la < lb,
        More => la > lb,
        LessEqual => la <= lb,
        MoreEqual => la >= lb,
        _ => return Ok(None),
    })))
}

fn repeat(items: &[Obj], n: Obj) -> Option<alloc::vec::Vec<Obj>> {
    let n = int::int_value(n)?.max(0) as usize;
    let mut v = alloc::vec::Vec::with_capacity(items.len() * n);
    for _ in 0..n {
        v.extend_from_slice(items);
    }
    Some(v)
}

fn seq_binary(op: BinaryOp, a: Obj, b: Obj, make: fn(&[Obj]) -> R) -> R<Option<Obj>> {
    let x = items(a).unwrap_or(&[]);
    match op.not_inplace() {
        BinaryOp::Add => {
            if !core::ptr::eq(a.type_of(), b.type_of()) {
                return Ok(None);
            }
            let y = items(b).unwrap_or(&[]);
            let mut v = x.to_vec();
            v.extend_from_slice(y);
            make(&v).map(Some)
        }
        BinaryOp::Multiply => match repeat(x, b) {
            Some(v) => make(&v).map(Some),
            None => Ok(None),
        },
        BinaryOp::Contains => {
            for &i in x {
                if equal(i, b)? {
                    return Ok(Some(Obj::TRUE));
                }
            }
            Ok(Some(Obj::FALSE))
        }
        cmp if cmp <= BinaryOp::NotEqual => {
            if !core::ptr::eq(a.type_of(), b.type_of()) {
                return Ok(if cmp == BinaryOp::Equal || cmp == BinaryOp::NotEqual {
                    Some(Obj::bool(cmp == BinaryOp::NotEqual))
                } else {
                    None
                });
            }
            compare_items(cmp, x, items(b).unwrap_or(&[]))
        }
        _ => Ok(None),
    }
}

fn tuple_binary(op: BinaryOp, a: Obj, b: Obj) -> R<Option<Obj>> {
    seq_binary(op, a, b, new_tuple)
}

fn list_binary(op: BinaryOp, a: Obj, b: Obj) -> R<Option<Obj>> {
    if op == BinaryOp::InplaceAdd {
        list_extend(a, b)?;
        return Ok(Some(a));
    }
    seq_binary(op, a, b, new_list)
}

fn hash_items(items: &[Obj]) -> R<Obj> {
    let mut h: u32 = items.len() as u32;
    for &x in items {
        h = h.wrapping_mul(31).wrapping_add(runtime::hash(x)?);
    }
    Ok(Obj::small_unchecked((h & 0x3fff_ffff) as i32))
}

fn seq_unary(op: UnaryOp, o: Obj) -> R<Option<Obj>> {
    let items = items(o).unwrap_or(&[]);
    Ok(match op {
        UnaryOp::Len => Some(Obj::small_unchecked(items.len() as i32)),
        UnaryOp::Bool => Some(Obj::bool(!items.is_empty())),
        UnaryOp::Hash if as_tuple(o).is_some() => Some(hash_items(items)?),
        _ => None,
    })
}

fn tuple_subscr(o: Obj, i: Obj, value: Obj) -> R {
    if value != Obj::SENTINEL {
        return Err(exc::type_error(
            "'tuple' object doesn't support item assignment",
        ));
    }
    let items = tuple_items(o);
    if let Some(s) = as_slice(i) {
        step_unsupported(s, STEP_MSG)?;
        return new_tuple(&slice_of(items, s)?);
    }
    Ok(items[index(i, items.len(), "tuple")?])
}

fn list_subscr(o: Obj, i: Obj, value: Obj) -> R {
    let items = list_items(o);
    if let Some(s) = as_slice(i) {
        if value == Obj::SENTINEL {
            return new_list(&slice_of(items, s)?);
        }
        step_unsupported(s, "")?;
        let (start, step, count) = slice_indices(s, items.len())?;
        let new_items = if value.is_null() {
            alloc::vec::Vec::new()
        } else {
            self::items(value)
                .ok_or_else(|| {
                    type_error_fmt(format_args!(
                        "object '{}' isn't a tuple or list",
                        value.type_of().name.as_str()
                    ))
                })?
                .to_vec()
        };
        if step != 1 {
            if value.is_null() {
                let mut keep = alloc::vec::Vec::new();
                for (j, &x) in items.iter().enumerate() {
                    let j = j as i64;
                    let hit = (j - start) % step == 0
                        && ((step > 0 && j >= start) || (step < 0 && j <= start))
                        && ((j - start) / step) < count as i64;
                    if !hit {
                        keep.push(x);
                    }
                }
                set_list(o, &keep)?;
                return Ok(Obj::NONE);
            }
            if new_items.len() != count {
                return Err(exc::value_error("list slice assignment size mismatch"));
            }
            for (k, x) in new_items.into_iter().enumerate() {
                items[(start + k as i64 * step) as usize] = x;
            }
            return Ok(Obj::NONE);
        }
        let start = start as usize;
        let mut v = items[..start].to_vec();
        v.extend_from_slice(&new_items);
        v.extend_from_slice(&items[start + count..]);
        set_list(o, &v)?;
        return Ok(Obj::NONE);
    }
    let j = index(i, items.len(), "list")?;
    if value == Obj::SENTINEL {
        Ok(items[j])
    } else if value.is_null() {
        let mut v = items.to_vec();
        v.remove(j);
        set_list(o, &v)?;
        Ok(Obj::NONE)
    } else {
        items[j] = value;
        Ok(Obj::NONE)
    }
}

/// Replaces a list's contents.
pub fn set_list(l: Obj, new_items: &[Obj]) -> R<()> {
    let list = as_list(l).ok_or_else(|| exc::type_error("list expected"))?;
    if new_items.len() > list.alloc {
        let alloc = new_items.len();
        list.items = realloc_bytes(list.items.cast(), alloc * W)?.cast();
        list.alloc = alloc;
    }
    // SAFETY: room checked; the source may alias (copy handles overlap).
    unsafe { ptr::copy(new_items.as_ptr(), list.items, new_items.len()) };
    list.len = new_items.len();
    Ok(())
}

pub fn list_extend(l: Obj, iterable: Obj) -> R<()> {
    for x in runtime::collect_items(iterable)? {
        list_append(l, x)?;
    }
    Ok(())
}

/// Iterator over a tuple's or list's items by index (lists may change under it).
#[repr(C)]
struct SeqIter {
    base: Base,
    seq: Obj,
    index: usize,
}

fn seq_iter(o: Obj) -> R {
    let it = alloc_obj::<SeqIter>(&SEQ_ITER, 0)?;
    // SAFETY: freshly allocated.
    unsafe { (*it).seq = o };
    Ok(Obj::from_ptr(it))
}

fn seq_iter_next(o: Obj) -> R {
    // SAFETY: the type says it is a `SeqIter`.
    let it = unsafe { o.as_ref::<SeqIter>() };
    let items = items(it.seq).unwrap_or(&[]);
    match items.get(it.index) {
        Some(&x) => {
            it.index += 1;
            Ok(x)
        }
        None => Ok(Obj::NULL),
    }
}

pub static SEQ_ITER: Type = Type {
    flags: flags::ITER_IS_SELF,
    iter: Some(self_iter),
    next: Some(seq_iter_next),
    ..Type::new(q::iterator)
};

pub fn self_iter(o: Obj) -> R {
    Ok(o)
}

/// Iteration through `__getitem__` until `IndexError`.
#[repr(C)]
struct GetItemIter {
    base: Base,
    obj: Obj,
    index: usize,
}

pub fn getitem_iter(o: Obj) -> R {
    let it = alloc_obj::<GetItemIter>(&GETITEM_ITER, 0)?;
    // SAFETY: freshly allocated.
    unsafe { (*it).obj = o };
    Ok(Obj::from_ptr(it))
}

fn getitem_next(o: Obj) -> R {
    // SAFETY: the type says it is a `GetItemIter`.
    let it = unsafe { o.as_ref::<GetItemIter>() };
    match runtime::subscr(it.obj, int::new_int(it.index as i64)?, Obj::SENTINEL) {
        Ok(x) => {
            it.index += 1;
            Ok(x)
        }
        Err(e) if crate::types::is_instance(e.0, &INDEX_ERROR) => Ok(Obj::NULL),
        Err(e) => Err(e),
    }
}

static GETITEM_ITER: Type = Type {
    iter: Some(self_iter),
    next: Some(getitem_next),
    ..Type::new(q::iterator)
};

fn tuple_make_new(_: &'static Type, args: &Args) -> R {
    match args.pos {
        [] => Ok(empty_tuple()),
        [x] if as_tuple(*x).is_some() => Ok(*x),
        [x] => new_tuple(&runtime::collect_items(*x)?),
        _ => Err(exc::type_error("function expected at most 1 arguments")),
    }
}

fn list_make_new(_: &'static Type, args: &Args) -> R {
    match args.pos {
        [] => new_list(&[]),
        [x] => new_list(&runtime::collect_items(*x)?),
        _ => Err(exc::type_error("function expected at most 1 arguments")),
    }
}

fn seq_count(o: Obj, x: Obj) -> R {
    let mut n = 0;
    for &i in items(o).unwrap_or(&[]) {
        if equal(i, x)? {
            n += 1;
        }
    }
    Ok(Obj::small_unchecked(n))
}

fn seq_index(args: &[Obj]) -> R {
    let items = items(args[0]).unwrap_or(&[]);
    let len = items.len() as i64;
    let bound = |k: usize, default: i64| -> i64 {
        args.get(k)
            .and_then(|o| int::int_value(*o))
            .map_or(
                default,
                |v| if v < 0 { (v + len).max(0) } else { v.min(len) },
            )
    };
    let (start, stop) = (bound(2, 0), bound(3, len));
    for j in start..stop {
        if equal(items[j as usize], args[1])? {
            return Ok(Obj::small_unchecked(j as i32));
        }
    }
    Err(new(&VALUE_ERROR, "object not in sequence"))
}

static SEQ_COUNT: Builtin = Builtin::new(q::count, Fun::F2(seq_count));
static SEQ_INDEX: Builtin = Builtin::new(q::index, Fun::Var(2, 4, seq_index));

pub static TUPLE: Type = Type {
    make_new: Some(tuple_make_new),
    print: Some(tuple_print),
    binary: Some(tuple_binary),
    unary: Some(seq_unary),
    subscr: Some(tuple_subscr),
    iter: Some(seq_iter),
    members: &[
        (q::count, Member::Fun(&SEQ_COUNT)),
        (q::index, Member::Fun(&SEQ_INDEX)),
    ],
    ..Type::new(q::tuple)
};

fn list_append_m(l: Obj, x: Obj) -> R {
    list_append(l, x).map(|_| Obj::NONE)
}

fn list_extend_m(l: Obj, x: Obj) -> R {
    list_extend(l, x).map(|_| Obj::NONE)
}

fn list_pop(args: &[Obj]) -> R {
    let items = list_items(args[0]);
    if items.is_empty() {
        return Err(new(&INDEX_ERROR, "pop from empty list"));
    }
    let j = match args.get(1) {
        Some(&i) => index(i, items.len(), "list")?,
        None => items.len() - 1,
    };
    let x = items[j];
    let mut v = items.to_vec();
    v.remove(j);
    set_list(args[0], &v)?;
    Ok(x)
}

fn list_insert(l: Obj, i: Obj, x: Obj) -> R {
    let items = list_items(l);
    let n = items.len() as i64;
    let mut j = int::int_value(i).ok_or_else(|| exc::type_error("index must be int"))?;
    if j < 0 {
        j = (j + n).max(0);
    }
    let j = j.min(n) as usize;
    let mut v = items.to_vec();
    v.insert(j, x);
    set_list(l, &v)?;
    Ok(Obj::NONE)
}

fn list_remove(l: Obj, x: Obj) -> R {
    let items = list_items(l);
    for j in 0..items.len() {
        if equal(items[j], x)? {
            let mut v = items.to_vec();
            v.remove(j);
            set_list(l, &v)?;
            return Ok(Obj::NONE);
        }
    }
    Err(new(&VALUE_ERROR, "object not in sequence"))
}

fn list_clear(l: Obj) -> R {
    set_list(l, &[]).map(|_| Obj::NONE)
}

fn list_copy(l: Obj) -> R {
    new_list(list_items(l))
}

fn list_reverse(l: Obj) -> R {
    list_items(l).reverse();
    Ok(Obj::NONE)
}

fn list_sort(args: &Args) -> R {
    let l = *args
        .pos
        .first()
        .ok_or_else(|| exc::type_error("sort needs self"))?;
    let key = args.kw(q::key).unwrap_or(Obj::NONE);
    let reverse = match args.kw(q::reverse) {
        Some(r) => is_true(r)?,
        None => false,
    };
    let mut v = list_items(l).to_vec();
    sort(&mut v, key, reverse)?;
    set_list(l, &v).map(|_| Obj::NONE)
}

/// Sorts by `key` (None = the items) with MicroPython's quicksort, so equal keys end up
/// in the same (unstable) order as on a pyboard; raises what comparisons raise.
pub fn sort(v: &mut [Obj], key: Obj, reverse: bool) -> R<()> {
    if v.len() > 1 {
        let less = if reverse { Obj::FALSE } else { Obj::TRUE };
        quicksort(v, -1, v.len() as isize - 1, key, less)?;
    }
    Ok(())
}

fn sort_key(key: Obj, x: Obj) -> R {
    if key == Obj::NONE {
        Ok(x)
    } else {
        runtime::call(key, &Args::pos(&[x]))
    }
}

/// Partitions around the last item; `head` is one before the range, `tail` its last item.
fn quicksort(v: &mut [Obj], mut head: isize, mut tail: isize, key: Obj, less: Obj) -> R<()> {
    while tail - head > 1 {
        let (mut h, mut t) = (head, tail);
        let pivot = sort_key(key, v[tail as usize])?;
        loop {
            loop {
                h += 1;
                if !(h < t
                    && runtime::binary_op(BinaryOp::Less, sort_key(key, v[h as usize])?, pivot)?
                        == less)
                {
                    break;
                }
            }
            loop {
                t -= 1;
                if !(h < t
                    && runtime::binary_op(BinaryOp::Less, pivot, sort_key(key, v[t as usize])?)?
                        == less)
                {
                    break;
                }
            }
            if h >= t {
                break;
            }
            v.swap(h as usize, t as usize);
        }
        v.swap(h as usize, tail as usize);
        // The smaller side first keeps the recursion shallow.
        if t - head < tail - h {
            quicksort(v, head, t, key, less)?;
            head = h;
        } else {
            quicksort(v, h, tail, key, less)?;
            tail = t;
        }
    }
    Ok(())
}

static LIST_APPEND: Builtin = Builtin::new(q::append, Fun::F2(list_append_m));
static LIST_EXTEND: Builtin = Builtin::new(q::extend, Fun::F2(list_extend_m));
static LIST_POP: Builtin = Builtin::new(q::pop, Fun::Var(1, 2, list_pop));
static LIST_INSERT: Builtin = Builtin::new(q::insert, Fun::F3(list_insert));
static LIST_REMOVE: Builtin = Builtin::new(q::remove, Fun::F2(list_remove));
static LIST_CLEAR: Builtin = Builtin::new(q::clear, Fun::F1(list_clear));
static LIST_COPY: Builtin = Builtin::new(q::copy, Fun::F1(list_copy));
static LIST_REVERSE: Builtin = Builtin::new(q::reverse, Fun::F1(list_reverse));
static LIST_SORT: Builtin = Builtin::new(q::sort, Fun::Kw(list_sort));

pub static LIST: Type = Type {
    flags: crate::types::flags::UNHASHABLE,
    make_new: Some(list_make_new),
    print: Some(list_print),
    binary: Some(list_binary),
    unary: Some(seq_unary),
    subscr: Some(list_subscr),
    iter: Some(seq_iter),
    members: &[
        (q::append, Member::Fun(&LIST_APPEND)),
        (q::extend, Member::Fun(&LIST_EXTEND)),
        (q::pop, Member::Fun(&LIST_POP)),
        (q::insert, Member::Fun(&LIST_INSERT)),
        (q::remove, Member::Fun(&LIST_REMOVE)),
        (q::clear, Member::Fun(&LIST_CLEAR)),
        (q::copy, Member::Fun(&LIST_COPY)),
        (q::reverse, Member::Fun(&LIST_REVERSE)),
        (q::sort, Member::Fun(&LIST_SORT)),
        (q::count, Member::Fun(&SEQ_COUNT)),
        (q::index, Member::Fun(&SEQ_INDEX)),
    ],
    ..Type::new(q::list)
};

#[repr(C)]
pub struct Range {
    base: Base,
    start: i64,
    stop: i64,
    step: i64,
}

impl Range {
    fn len(&self) -> usize {
        let n = if self.step > 0 {
            (self.stop - self.start + self.step - 1) / self.step
        } else {
            (self.start - self.stop - self.step - 1) / -self.step
        };
        n.max(0) as usize
    }
}

fn range_make_new(_: &'static Type, args: &Args) -> R {
    // Bounds are machine words in MicroPython.
    let v = |o: Obj| -> R<i64> {
        let big = int::big_of(o).ok_or_else(|| {
            type_error_fmt(format_args!(
                "can't convert {} to int",
                o.type_of().name.as_str()
            ))
        })?;
        big.to_i64()
            .filter(|v| i32::try_from(*v).is_ok())
            .ok_or_else(|| {
                new(
                    &exc::OVERFLOW_ERROR,
                    "overflow converting long int to machine word",
                )
            })
    };
    let (start, stop, step) = match args.pos {
        [stop] => (0, v(*stop)?, 1),
        [start, stop] => (v(*start)?, v(*stop)?, 1),
        [start, stop, step] => (v(*start)?, v(*stop)?, v(*step)?),
        _ => return Err(exc::type_error("range expected 1 to 3 arguments")),
    };
    if step == 0 {
        return Err(new(&VALUE_ERROR, "zero step"));
    }
    let r = alloc_obj::<Range>(&RANGE, 0)?;
    // SAFETY: freshly allocated.
    unsafe {
        (*r).start = start;
        (*r).stop = stop;
        (*r).step = step;
    }
    Ok(Obj::from_ptr(r))
}

fn range(o: Obj) -> &'static Range {
    // SAFETY: only called on ranges.
    unsafe { o.as_ref::<Range>() }
}

fn range_print(out: &mut dyn Out, o: Obj, _: Print) -> R<()> {
    let r = range(o);
    if r.step == 1 {
        print::fmt(out, format_args!("range({}, {})", r.start, r.stop));
    } else {
        print::fmt(
            out,
            format_args!("range({}, {}, {})", r.start, r.stop, r.step),
        );
    }
    Ok(())
}

fn range_unary(op: UnaryOp, o: Obj) -> R<Option<Obj>> {
    let n = range(o).len();
    Ok(match op {
        UnaryOp::Len => Some(int::new_int(n as i64)?),
        UnaryOp::Bool => Some(Obj::bool(n > 0)),
        _ => None,
    })
}

fn range_subscr(o: Obj, i: Obj, value: Obj) -> R {
    if value != Obj::SENTINEL {
        return Err(exc::type_error(
            "'range' object doesn't support item assignment",
        ));
    }
    let r = range(o);
    if let Some(s) = as_slice(i) {
        let (start, step, count) = slice_indices(s, r.len())?;
        let n = alloc_obj::<Range>(&RANGE, 0)?;
        // SAFETY: freshly allocated.
        unsafe {
            (*n).start = r.start + start * r.step;
            (*n).step = r.step * step;
            (*n).stop = (*n).start + count as i64 * (*n).step;
        }
        return Ok(Obj::from_ptr(n));
    }
    let j = index(i, r.len(), "range")?;
    int::new_int(r.start + j as i64 * r.step)
}

#[repr(C)]
struct RangeIter {
    base: Base,
    cur: i64,
    stop: i64,
    step: i64,
}

fn range_iter(o: Obj) -> R {
    let r = range(o);
    let it = alloc_obj::<RangeIter>(&RANGE_ITER, 0)?;
    // SAFETY: freshly allocated.
    unsafe {
        (*it).cur = r.start;
        (*it).stop = r.stop;
        (*it).step = r.step;
    }
    Ok(Obj::from_ptr(it))
}

fn range_next(o: Obj) -> R {
    // SAFETY: the type says it is a `RangeIter`.
    let it = unsafe { o.as_ref::<RangeIter>() };
    let more = if it.step > 0 {
        it.cur < it.stop
    } else {
        it.cur > it.stop
    };
    if !more {
        return Ok(Obj::NULL);
    }
    let v = it.cur;
    it.cur += it.step;
    int::new_int(v)
}

static RANGE_ITER: Type = Type {
    iter: Some(self_iter),
    next: Some(range_next),
    ..Type::new(q::iterator)
};

fn range_binary(op: BinaryOp, a: Obj, b: Obj) -> R<Option<Obj>> {
    if op == BinaryOp::Contains {
        let r = range(a);
        let Some(v) = int::int_value(b) else {
            return Ok(Some(Obj::FALSE));
        };
        let inside = if r.step > 0 {
            v >= r.start && v < r.stop
        } else {
            v <= r.start && v > r.stop
        };
        return Ok(Some(Obj::bool(inside && (v - r.start) % r.step == 0)));
    }
    Ok(None)
}

fn range_attr(o: Obj, name: crate::qstr::Qstr, op: crate::types::Attr) -> R<Option<Obj>> {
    let r = range(o);
    let v = match (name, op) {
        (q::start, crate::types::Attr::Load) => r.start,
        (q::stop, crate::types::Attr::Load) => r.stop,
        (q::step, crate::types::Attr::Load) => r.step,
        _ => return Ok(None),
    };
    int::new_int(v).map(Some)
}

pub static RANGE: Type = Type {
    make_new: Some(range_make_new),
    attr: Some(range_attr),
    print: Some(range_print),
    unary: Some(range_unary),
    binary: Some(range_binary),
    subscr: Some(range_subscr),
    iter: Some(range_iter),
    ..Type::new(q::range)
};

fn slice_print(out: &mut dyn Out, o: Obj, _: Print) -> R<()> {
    let s = as_slice(o).expect("slice");
    out.put_str("slice(");
    print::print(out, s.start, Print::Repr)?;
    out.put_str(", ");
    print::print(out, s.stop, Print::Repr)?;
    out.put_str(", ");
    print::print(out, s.step, Print::Repr)?;
    out.put_str(")");
    Ok(())
}

fn slice_attr(o: Obj, name: crate::qstr::Qstr, op: crate::types::Attr) -> R<Option<Obj>> {
    let s = as_slice(o).expect("slice");
    Ok(match (name, op) {
        (q::start, crate::types::Attr::Load) => Some(s.start),
        (q::stop, crate::types::Attr::Load) => Some(s.stop),
        (q::step, crate::types::Attr::Load) => Some(s.step),
        _ => None,
    })
}

pub static SLICE: Type = Type {
    print: Some(slice_print),
    attr: Some(slice_attr),
    ..Type::new(q::slice)
};
