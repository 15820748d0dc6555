//! Dicts and sets: open-addressed hash tables that grow and iterate exactly as
//! MicroPython's do, so printing a dict lists its keys in the same order.

use core::{mem::size_of, ptr, slice};

use crate::{
    exc::{self, new, KEY_ERROR},
    func::{Builtin, Fun},
    obj::{Base, Obj},
    print,
    qstr::q,
    runtime::{self, equal},
    state::{alloc_bytes, alloc_obj},
    types::{Args, BinaryOp, Member, Out, Print, Type, UnaryOp},
    R,
};

/// MicroPython's table sizes: small ones fill a GC block, then primes.
const SIZES: [usize; 34] = [
    0, 2, 4, 6, 8, 10, 12, 17, 23, 29, 37, 47, 59, 73, 97, 127, 167, 223, 293, 389, 521, 691, 919,
    1223, 1627, 2161, 3229, 4831, 7243, 10861, 16273, 24407, 36607, 54907,
];

fn size_at_least(n: usize) -> usize {
    SIZES
        .iter()
        .copied()
        .find(|&s| s >= n)
        .unwrap_or((n + n / 2) | 1)
}

/// A hash table of (key, value) slots; a set uses only the keys. Empty slots hold NULL,
/// deleted ones SENTINEL.
#[repr(C)]
pub struct Map {
    pub used: usize,
    pub alloc: usize,
    pub table: *mut [Obj; 2],
}

impl Map {
    fn slots(&self) -> &'static mut [[Obj; 2]] {
        if self.table.is_null() {
            return &mut [];
        }
        // SAFETY: `alloc` slots live at `table`.
        unsafe { slice::from_raw_parts_mut(self.table, self.alloc) }
    }

    fn init(&mut self, n: usize) -> R<()> {
        self.used = 0;
        self.alloc = n;
        self.table = if n == 0 {
            ptr::null_mut()
        } else {
            alloc_bytes(n * size_of::<[Obj; 2]>())?.cast()
        };
        Ok(())
    }

    fn rehash(&mut self) -> R<()> {
        let old = self.slots();
        let old_copy: alloc::vec::Vec<[Obj; 2]> = old.to_vec();
        self.init(size_at_least(self.alloc + 1))?;
        for [k, v] in old_copy {
            if !k.is_null() && k != Obj::SENTINEL {
                *self.lookup_add(k)? = v;
            }
        }
        Ok(())
    }

    fn position(&self, key: Obj) -> R<Option<usize>> {
        if self.alloc == 0 {
            return Ok(None);
        }
        let slots = self.slots();
        let start = runtime::hash(key)? as usize % self.alloc;
        let mut pos = start;
        loop {
            let k = slots[pos][0];
            if k.is_null() {
                return Ok(None);
            }
            if k != Obj::SENTINEL && (k == key || equal(k, key)?) {
                return Ok(Some(pos));
            }
            pos = (pos + 1) % self.alloc;
            if pos == start {
                return Ok(None);
            }
        }
    }

    pub fn get(&self, key: Obj) -> R<Option<Obj>> {
        Ok(self.position(key)?.map(|p| self.slots()[p][1]))
    }

    /// The value slot for `key`, added (holding NULL) if absent.
    pub fn lookup_add(&mut self, key: Obj) -> R<&'static mut Obj> {
        if self.alloc == 0 {
            self.rehash()?;
        }
        let hash = runtime::hash(key)? as usize;
        loop {
            let slots = self.slots();
            let start = hash % self.alloc;
            let mut pos = start;
            let mut avail = None;
            loop {
                let k = slots[pos][0];
                if k.is_null() {
                    let p = avail.unwrap_or(pos);
                    self.used += 1;
                    slots[p] = [key, Obj::NULL];
                    return Ok(&mut slots[p][1]);
                }
                if k == Obj::SENTINEL {
                    avail.get_or_insert(pos);
                } else if k == key || equal(k, key)? {
                    return Ok(&mut slots[pos][1]);
                }
                pos = (pos + 1) % self.alloc;
                if pos == start {
                    break;
                }
            }
            if let Some(p) = avail {
                self.used += 1;
                slots[p] = [key, Obj::NULL];
                return Ok(&mut slots[p][1]);
            }
            self.rehash()?;
        }
    }

    pub fn remove(&mut self, key: Obj) -> R<Option<Obj>> {
        let Some(pos) = self.position(key)? else {
            return Ok(None);
        };
        let slots = self.slots();
        let v = slots[pos][1];
        self.used -= 1;
        slots[pos][0] = if slots[(pos + 1) % self.alloc][0].is_null() {
            Obj::NULL
        } else {
            Obj::SENTINEL
        };
        slots[pos][1] = Obj::NULL;
        Ok(Some(v))
    }

    /// The filled slots, in table order.
    pub fn entries(&self) -> impl Iterator<Item = (Obj, Obj)> {
        self.slots()
            .iter()
            .filter(|[k, _]| !k.is_null() && *k != Obj::SENTINEL)
            .map(|[k, v]| (*k, *v))
    }
}

#[repr(C)]
pub struct Dict {
    pub base: Base,
    pub map: Map,
    /// Item assignment raises (an instance's `__dict__`, as MicroPython hands it out).
    pub fixed: bool,
}

/// Marks `d` as refusing item assignment.
pub fn fix(d: Obj) {
    if let Some(d) = as_dict(d) {
        d.fixed = true;
    }
}

pub fn new_dict(n: usize) -> R {
    let d = alloc_obj::<Dict>(&DICT, 0)?;
    // SAFETY: freshly allocated.
    unsafe { (*d).map.init(n)? };
    Ok(Obj::from_ptr(d))
}

pub fn as_dict(o: Obj) -> Option<&'static mut Dict> {
    // SAFETY: checked type.
    (o.is_ptr() && o.type_of().is_subtype_of(&DICT)).then(|| unsafe { o.as_ref::<Dict>() })
}

/// The table of a dict or set whose type has been checked by dispatch (type slots are
/// only called on their own type's objects; sets share the dict layout).
fn table(o: Obj) -> &'static mut Dict {
    // SAFETY: see above.
    unsafe { o.as_ref::<Dict>() }
}

pub fn dict_get(d: Obj, key: Obj) -> Option<Obj> {
    as_dict(d).and_then(|d| d.map.get(key).ok().flatten())
}

pub fn dict_store(d: Obj, key: Obj, value: Obj) -> R<()> {
    let d = as_dict(d).ok_or_else(|| exc::type_error("dict expected"))?;
    *d.map.lookup_add(key)? = value;
    Ok(())
}

pub fn key_error(key: Obj) -> crate::Exc {
    exc::raise(&KEY_ERROR, &[key])
}

fn dict_subscr(o: Obj, key: Obj, value: Obj) -> R {
    let d = table(o);
    if value == Obj::SENTINEL {
        d.map.get(key)?.ok_or_else(|| key_error(key))
    } else if value.is_null() {
        d.map.remove(key)?.ok_or_else(|| key_error(key))?;
        Ok(Obj::NONE)
    } else if d.fixed {
        Err(exc::type_error(""))
    } else {
        *d.map.lookup_add(key)? = value;
        Ok(Obj::NONE)
    }
}

fn dict_print(out: &mut dyn Out, o: Obj, _: Print) -> R<()> {
    out.put_str("{");
    for (i, (k, v)) in table(o).map.entries().enumerate() {
        if i > 0 {
            out.put_str(", ");
        }
        print::print(out, k, Print::Repr)?;
        out.put_str(": ");
        print::print(out, v, Print::Repr)?;
    }
    out.put_str("}");
    Ok(())
}

fn dict_unary(op: UnaryOp, o: Obj) -> R<Option<Obj>> {
    let n = table(o).map.used;
    Ok(match op {
        UnaryOp::Len => Some(Obj::small_unchecked(n as i32)),
        UnaryOp::Bool => Some(Obj::bool(n > 0)),
        _ => None,
    })
}

fn dict_binary(op: BinaryOp, a: Obj, b: Obj) -> R<Option<Obj>> {
    let d = table(a);
    match op {
        BinaryOp::Contains => Ok(Some(Obj::bool(d.map.get(b)?.is_some()))),
        BinaryOp::Equal | BinaryOp::NotEqual => {
            let Some(other) = as_dict(b) else {
                return Ok(Some(Obj::bool(op == BinaryOp::NotEqual)));
            };
            let mut same = d.map.used == other.map.used;
            if same {
                for (k, v) in d.map.entries() {
                    match other.map.get(k)? {
                        Some(w) if equal(v, w)? => {}
                        _ => {
                            same = false;
                            break;
                        }
                    }
                }
            }
            Ok(Some(Obj::bool(same == (op == BinaryOp::Equal))))
        }
        _ => Ok(None),
    }
}

/// What a dict view or iterator yields.
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(usize)]
enum Kind {
    Keys,
    Values,
    Items,
}

#[repr(C)]
struct DictIter {
    base: Base,
    dict: Obj,
    kind: Kind,
    pos: usize,
}

fn new_dict_iter(ty: &'static Type, dict: Obj, kind: Kind) -> R {
    let it = alloc_obj::<DictIter>(ty, 0)?;
    // SAFETY: freshly allocated.
    unsafe {
        (*it).dict = dict;
        (*it).kind = kind;
    }
    Ok(Obj::from_ptr(it))
}

fn dict_iter(o: Obj) -> R {
    new_dict_iter(&DICT_ITER, o, Kind::Keys)
}

fn dict_iter_next(o: Obj) -> R {
    // SAFETY: the type says it is a `DictIter`.
    let it = unsafe { o.as_ref::<DictIter>() };
    let slots = table(it.dict).map.slots();
    while it.pos < slots.len() {
        let [k, v] = slots[it.pos];
        it.pos += 1;
        if !k.is_null() && k != Obj::SENTINEL {
            return match it.kind {
                Kind::Keys => Ok(k),
                Kind::Values => Ok(v),
                Kind::Items => crate::seq::new_tuple(&[k, v]),
            };
        }
    }
    Ok(Obj::NULL)
}

static DICT_ITER: Type = Type {
    iter: Some(crate::seq::self_iter),
    next: Some(dict_iter_next),
    ..Type::new(q::iterator)
};

fn view_iter(o: Obj) -> R {
    // SAFETY: the type says it is a `DictIter` used as a view.
    let v = unsafe { o.as_ref::<DictIter>() };
    new_dict_iter(&DICT_ITER, v.dict, v.kind)
}

fn view_print(out: &mut dyn Out, o: Obj, _: Print) -> R<()> {
    // SAFETY: the type says it is a `DictIter` used as a view.
    let v = unsafe { o.as_ref::<DictIter>() };
    out.put_str(match v.kind {
        Kind::Keys => "dict_keys([",
        Kind::Values => "dict_values([",
        Kind::Items => "dict_items([",
    });
    let it = view_iter(o)?;
    let mut first = true;
    loop {
        let x = dict_iter_next(it)?;
        if x.is_null() {
            break;
        }
        if !first {
            out.put_str(", ");
        }
        first = false;
        print::print(out, x, Print::Repr)?;
    }
    out.put_str("])");
    Ok(())
}

fn view_unary(op: UnaryOp, o: Obj) -> R<Option<Obj>> {
    // SAFETY: the type says it is a `DictIter` used as a view.
    let v = unsafe { o.as_ref::<DictIter>() };
    dict_unary(op, v.dict)
}

fn view_binary(op: BinaryOp, a: Obj, b: Obj) -> R<Option<Obj>> {
    if op != BinaryOp::Contains {
        return Ok(None);
    }
    let it = view_iter(a)?;
    loop {
        let x = dict_iter_next(it)?;
        if x.is_null() {
            return Ok(Some(Obj::FALSE));
        }
        if equal(x, b)? {
            return Ok(Some(Obj::TRUE));
        }
    }
}

static DICT_VIEW: Type = Type {
    iter: Some(view_iter),
    print: Some(view_print),
    unary: Some(view_unary),
    binary: Some(view_binary),
    ..Type::new(q::dict_view)
};

fn dict_keys(o: Obj) -> R {
    new_dict_iter(&DICT_VIEW, o, Kind::Keys)
}

fn dict_values(o: Obj) -> R {
    new_dict_iter(&DICT_VIEW, o, Kind::Values)
}

fn dict_items(o: Obj) -> R {
    new_dict_iter(&DICT_VIEW, o, Kind::Items)
}

fn dict_get_m(args: &[Obj]) -> R {
    Ok(table(args[0])
        .map
        .get(args[1])?
        .unwrap_or(args.get(2).copied().unwrap_or(Obj::NONE)))
}

fn dict_pop(args: &[Obj]) -> R {
    match table(args[0]).map.remove(args[1])? {
        Some(v) => Ok(v),
        None => args.get(2).copied().ok_or_else(|| key_error(args[1])),
    }
}

fn dict_setdefault(args: &[Obj]) -> R {
    let slot = table(args[0]).map.lookup_add(args[1])?;
    if slot.is_null() {
        *slot = args.get(2).copied().unwrap_or(Obj::NONE);
    }
    Ok(*slot)
}

fn dict_popitem(o: Obj) -> R {
    let d = table(o);
    let Some((k, _)) = d.map.entries().last() else {
        return Err(new(&KEY_ERROR, "popitem(): dictionary is empty"));
    };
    let v = d.map.remove(k)?.unwrap_or(Obj::NONE);
    crate::seq::new_tuple(&[k, v])
}

fn dict_clear(o: Obj) -> R {
    table(o).map.init(0)?;
    Ok(Obj::NONE)
}

fn dict_copy(o: Obj) -> R {
    let d = table(o);
    let n = new_dict(d.map.alloc)?;
    for (k, v) in d.map.entries() {
        dict_store(n, k, v)?;
    }
    Ok(n)
}

/// `d.update(other)` / `dict(other, **kw)`: a mapping or an iterable of pairs.
pub fn update(d: Obj, other: Obj) -> R<()> {
    if let Some(src) = as_dict(other) {
        for (k, v) in src.map.entries() {
            dict_store(d, k, v)?;
        }
        return Ok(());
    }
    for pair in runtime::collect_items(other)? {
        let kv = runtime::collect_items(pair)?;
        if kv.len() != 2 {
            return Err(exc::value_error("dict update sequence has wrong length"));
        }
        dict_store(d, kv[0], kv[1])?;
    }
    Ok(())
}

fn dict_update(args: &Args) -> R {
    let (d, rest) = args
        .pos
        .split_first()
        .ok_or_else(|| exc::type_error("update needs self"))?;
    if let Some(&other) = rest.first() {
        update(*d, other)?;
    }
    for kv in args.kw.chunks_exact(2) {
        dict_store(*d, kv[0], kv[1])?;
    }
    Ok(Obj::NONE)
}

fn dict_make_new(_: &'static Type, args: &Args) -> R {
    let d = new_dict(0)?;
    if let Some(&other) = args.pos.first() {
        update(d, other)?;
    }
    for kv in args.kw.chunks_exact(2) {
        dict_store(d, kv[0], kv[1])?;
    }
    Ok(d)
}

fn dict_fromkeys(args: &[Obj]) -> R {
    let d = new_dict(0)?;
    let v = args.get(2).copied().unwrap_or(Obj::NONE);
    for k in runtime::collect_items(args[1])? {
        dict_store(d, k, v)?;
    }
    Ok(d)
}

static DICT_KEYS: Builtin = Builtin::new(q::keys, Fun::F1(dict_keys));
static DICT_VALUES: Builtin = Builtin::new(q::values, Fun::F1(dict_values));
static DICT_ITEMS: Builtin = Builtin::new(q::items, Fun::F1(dict_items));
static DICT_GET: Builtin = Builtin::new(q::get, Fun::Var(2, 3, dict_get_m));
static DICT_POP: Builtin = Builtin::new(q::pop, Fun::Var(2, 3, dict_pop));
static DICT_SETDEFAULT: Builtin = Builtin::new(q::setdefault, Fun::Var(2, 3, dict_setdefault));
static DICT_POPITEM: Builtin = Builtin::new(q::popitem, Fun::F1(dict_popitem));
static DICT_CLEAR: Builtin = Builtin::new(q::clear, Fun::F1(dict_clear));
static DICT_COPY: Builtin = Builtin::new(q::copy, Fun::F1(dict_copy));
static DICT_UPDATE: Builtin = Builtin::new(q::update, Fun::Kw(dict_update));
static DICT_FROMKEYS: Builtin =
    Builtin::new(q::fromkeys, Fun::Var(2, 3, dict_fromkeys)).bind(crate::func::Binding::Class);

pub static DICT: Type = Type {
    flags: crate::types::flags::UNHASHABLE,
    make_new: Some(dict_make_new),
    print: Some(dict_print),
    unary: Some(dict_unary),
    binary: Some(dict_binary),
    subscr: Some(dict_subscr),
    iter: Some(dict_iter),
    members: &[
        (q::keys, Member::Fun(&DICT_KEYS)),
        (q::values, Member::Fun(&DICT_VALUES)),
        (q::items, Member::Fun(&DICT_ITEMS)),
        (q::get, Member::Fun(&DICT_GET)),
        (q::pop, Member::Fun(&DICT_POP)),
        (q::setdefault, Member::Fun(&DICT_SETDEFAULT)),
        (q::popitem, Member::Fun(&DICT_POPITEM)),
        (q::clear, Member::Fun(&DICT_CLEAR)),
        (q::copy, Member::Fun(&DICT_COPY)),
        (q::update, Member::Fun(&DICT_UPDATE)),
        (q::fromkeys, Member::Fun(&DICT_FROMKEYS)),
    ],
    ..Type::new(q::dict)
};

/// A set is a dict whose values are unused (same table, same order rules).
pub fn new_set(items: &[Obj]) -> R {
    let s = alloc_obj::<Dict>(&SET, 0)?;
    // As MicroPython: the table starts with one slot per item (which sets the order).
    // SAFETY: freshly allocated.
    unsafe { (*s).map.init(items.len())? };
    let o = Obj::from_ptr(s);
    for &x in items {
        set_add(o, x)?;
    }
    Ok(o)
}

fn as_set(o: Obj) -> Option<&'static mut Dict> {
    // SAFETY: checked type; sets share the dict layout.
    (o.is_ptr() && (o.type_of().is_subtype_of(&SET) || o.type_of().is_subtype_of(&FROZENSET)))
        .then(|| unsafe { o.as_ref::<Dict>() })
}

pub fn set_add(s: Obj, x: Obj) -> R<()> {
    let s = as_set(s).ok_or_else(|| exc::type_error("set expected"))?;
    *s.map.lookup_add(x)? = Obj::TRUE;
    Ok(())
}

fn set_items(o: Obj) -> alloc::vec::Vec<Obj> {
    as_set(o).map_or_else(alloc::vec::Vec::new, |s| {
        s.map.entries().map(|(k, _)| k).collect()
    })
}

fn set_print(out: &mut dyn Out, o: Obj, _: Print) -> R<()> {
    let items = set_items(o);
    let frozen = o.type_of().is_subtype_of(&FROZENSET);
    if items.is_empty() {
        out.put_str(if frozen { "frozenset()" } else { "set()" });
        return Ok(());
    }
    if frozen {
        out.put_str("frozenset(");
        let r = crate::seq::print_items(out, &items, "{", "}", "");
        out.put_str(")");
        return r;
    }
    crate::seq::print_items(out, &items, "{", "}", "")
}

fn set_contains(s: Obj, x: Obj) -> R<bool> {
    Ok(table(s).map.get(x)?.is_some())
}

fn set_binary(op: BinaryOp, a: Obj, b: Obj) -> R<Option<Obj>> {
    use BinaryOp::*;
    if op == Contains {
        return Ok(Some(Obj::bool(set_contains(a, b)?)));
    }
    if as_set(b).is_none() {
        return Ok(match op {
            Equal => Some(Obj::FALSE),
            NotEqual => Some(Obj::TRUE),
            _ => None,
        });
    }
    let (x, y) = (set_items(a), set_items(b));
    let subset = |p: &[Obj], s: Obj| -> R<bool> {
        for &i in p {
            if !set_contains(s, i)? {
                return Ok(false);
            }
        }
        Ok(true)
    };
    let r = match op.not_inplace() {
        Equal => Obj::bool(x.len() == y.len() && subset(&x, b)?),
        NotEqual => Obj::bool(!(x.len() == y.len() && subset(&x, b)?)),
        LessEqual => Obj::bool(subset(&x, b)?),
        Less => Obj::bool(x.len() < y.len() && subset(&x, b)?),
        MoreEqual => Obj::bool(subset(&y, a)?),
        More => Obj::bool(y.len() < x.len() && subset(&y, a)?),
        Or => {
            let s = new_set(&x)?;
            for i in y {
                set_add(s, i)?;
            }
            s
        }
        And | Subtract => {
            let keep = op.not_inplace() == And;
            let s = new_set(&[])?;
            for i in x {
                if set_contains(b, i)? == keep {
                    set_add(s, i)?;
                }
            }
            s
        }
        Xor => {
            let s = new_set(&[])?;
            for i in &x {
                if !set_contains(b, *i)? {
                    set_add(s, *i)?;
                }
            }
            for i in &y {
                if !set_contains(a, *i)? {
                    set_add(s, *i)?;
                }
            }
            s
        }
        _ => return Ok(None),
    };
    Ok(Some(r))
}

fn set_unary(op: UnaryOp, o: Obj) -> R<Option<Obj>> {
    dict_unary(op, o)
}

fn set_iter(o: Obj) -> R {
    crate::seq::new_tuple(&set_items(o)).and_then(runtime::getiter)
}

fn set_make_new(ty: &'static Type, args: &Args) -> R {
    let items = match args.pos.first() {
        Some(&x) => runtime::collect_items(x)?,
        None => alloc::vec::Vec::new(),
    };
    let s = new_set(&items)?;
    // SAFETY: `s` is a fresh set; frozenset shares the layout.
    unsafe { (*(s.word() as *mut Base)).ty = ty };
    Ok(s)
}

fn set_add_m(s: Obj, x: Obj) -> R {
    set_add(s, x).map(|_| Obj::NONE)
}

fn set_remove(s: Obj, x: Obj) -> R {
    as_set(s)
        .expect("set")
        .map
        .remove(x)?
        .ok_or_else(|| key_error(x))
        .map(|_| Obj::NONE)
}

fn set_discard(s: Obj, x: Obj) -> R {
    table(s).map.remove(x)?;
    Ok(Obj::NONE)
}

fn set_pop(s: Obj) -> R {
    let Some(&x) = set_items(s).first() else {
        return Err(new(&KEY_ERROR, "pop from an empty set"));
    };
    table(s).map.remove(x)?;
    Ok(x)
}

/// The method form of a set operator: the argument may be any iterable.
fn set_method(op: BinaryOp, a: Obj, b: Obj) -> R {
    set_binary(op, a, set_of(b)?).map(|r| r.unwrap_or(Obj::NONE))
}

fn set_union(a: Obj, b: Obj) -> R {
    set_method(BinaryOp::Or, a, b)
}

fn set_intersection(a: Obj, b: Obj) -> R {
    set_method(BinaryOp::And, a, b)
}

fn set_difference(a: Obj, b: Obj) -> R {
    set_method(BinaryOp::Subtract, a, b)
}

fn set_symdiff(a: Obj, b: Obj) -> R {
    set_method(BinaryOp::Xor, a, b)
}

fn set_of(o: Obj) -> R {
    if as_set(o).is_some() {
        Ok(o)
    } else {
        new_set(&runtime::collect_items(o)?)
    }
}

fn set_issubset(a: Obj, b: Obj) -> R {
    set_method(BinaryOp::LessEqual, a, b)
}

fn set_issuperset(a: Obj, b: Obj) -> R {
    set_method(BinaryOp::MoreEqual, a, b)
}

fn set_isdisjoint(a: Obj, b: Obj) -> R {
    let both = set_method(BinaryOp::And, a, b)?;
    Ok(Obj::bool(set_items(both).is_empty()))
}

fn set_update(a: Obj, b: Obj) -> R {
    for x in runtime::collect_items(b)? {
        set_add(a, x)?;
    }
    Ok(Obj::NONE)
}

/// The in-place forms: keep the result of the operator in `a`.
fn set_update_with(op: BinaryOp, a: Obj, b: Obj) -> R {
    let r = set_method(op, a, b)?;
    let items = set_items(r);
    table(a).map.init(0)?;
    for x in items {
        set_add(a, x)?;
    }
    Ok(Obj::NONE)
}

fn set_difference_update(a: Obj, b: Obj) -> R {
    set_update_with(BinaryOp::Subtract, a, b)
}

fn set_intersection_update(a: Obj, b: Obj) -> R {
    set_update_with(BinaryOp::And, a, b)
}

fn set_symmetric_difference_update(a: Obj, b: Obj) -> R {
    set_update_with(BinaryOp::Xor, a, b)
}

fn set_copy(a: Obj) -> R {
    new_set(&set_items(a))
}

fn set_clear(a: Obj) -> R {
    table(a).map.init(0)?;
    Ok(Obj::NONE)
}

static SET_ADD: Builtin = Builtin::new(q::add, Fun::F2(set_add_m));
static SET_REMOVE: Builtin = Builtin::new(q::remove, Fun::F2(set_remove));
static SET_DISCARD: Builtin = Builtin::new(q::discard, Fun::F2(set_discard));
static SET_POP: Builtin = Builtin::new(q::pop, Fun::F1(set_pop));
static SET_UNION: Builtin = Builtin::new(q::union, Fun::F2(set_union));
static SET_INTERSECTION: Builtin = Builtin::new(q::intersection, Fun::F2(set_intersection));
static SET_DIFFERENCE: Builtin = Builtin::new(q::difference, Fun::F2(set_difference));
static SET_SYMDIFF: Builtin = Builtin::new(q::symmetric_difference, Fun::F2(set_symdiff));
static SET_ISSUBSET: Builtin = Builtin::new(q::issubset, Fun::F2(set_issubset));
static SET_ISSUPERSET: Builtin = Builtin::new(q::issuperset, Fun::F2(set_issuperset));
static SET_ISDISJOINT: Builtin = Builtin::new(q::isdisjoint, Fun::F2(set_isdisjoint));
static SET_UPDATE: Builtin = Builtin::new(q::update, Fun::F2(set_update));
static SET_COPY: Builtin = Builtin::new(q::copy, Fun::F1(set_copy));
static SET_CLEAR: Builtin = Builtin::new(q::clear, Fun::F1(set_clear));
static SET_DIFFERENCE_UPDATE: Builtin =
    Builtin::new(q::difference_update, Fun::F2(set_difference_update));
static SET_INTERSECTION_UPDATE: Builtin =
    Builtin::new(q::intersection_update, Fun::F2(set_intersection_update));
static SET_SYMDIFF_UPDATE: Builtin = Builtin::new(
    q::symmetric_difference_update,
    Fun::F2(set_symmetric_difference_update),
);

fn frozenset_hash(op: UnaryOp, o: Obj) -> R<Option<Obj>> {
    if op != UnaryOp::Hash {
        return set_unary(op, o);
    }
    // Order-independent: the sum of the items' hashes.
    let mut h: u32 = 0;
    for x in set_items(o) {
        h = h.wrapping_add(runtime::hash(x)?);
    }
    Ok(Some(Obj::small_unchecked((h & 0x3fff_ffff) as i32)))
}

pub static FROZENSET: Type = Type {
    make_new: Some(set_make_new),
    print: Some(set_print),
    unary: Some(frozenset_hash),
    binary: Some(set_binary),
    iter: Some(set_iter),
    members: &[
        (q::union, Member::Fun(&SET_UNION)),
        (q::intersection, Member::Fun(&SET_INTERSECTION)),
        (q::difference, Member::Fun(&SET_DIFFERENCE)),
        (q::symmetric_difference, Member::Fun(&SET_SYMDIFF)),
        (q::issubset, Member::Fun(&SET_ISSUBSET)),
        (q::issuperset, Member::Fun(&SET_ISSUPERSET)),
        (q::isdisjoint, Member::Fun(&SET_ISDISJOINT)),
        (q::copy, Member::Fun(&SET_COPY)),
    ],
    ..Type::new(q::frozenset)
};

pub static SET: Type = Type {
    flags: crate::types::flags::UNHASHABLE,
    make_new: Some(set_make_new),
    print: Some(set_print),
    unary: Some(set_unary),
    binary: Some(set_binary),
    iter: Some(set_iter),
    members: &[
        (q::add, Member::Fun(&SET_ADD)),
        (q::remove, Member::Fun(&SET_REMOVE)),
        (q::discard, Member::Fun(&SET_DISCARD)),
        (q::pop, Member::Fun(&SET_POP)),
        (q::union, Member::Fun(&SET_UNION)),
        (q::intersection, Member::Fun(&SET_INTERSECTION)),
        (q::difference, Member::Fun(&SET_DIFFERENCE)),
        (q::symmetric_difference, Member::Fun(&SET_SYMDIFF)),
        (q::issubset, Member::Fun(&SET_ISSUBSET)),
        (q::issuperset, Member::Fun(&SET_ISSUPERSET)),
        (q::isdisjoint, Member::Fun(&SET_ISDISJOINT)),
        (q::update, Member::Fun(&SET_UPDATE)),
        (q::copy, Member::Fun(&SET_COPY)),
        (q::clear, Member::Fun(&SET_CLEAR)),
        (q::difference_update, Member::Fun(&SET_DIFFERENCE_UPDATE)),
        (
            q::intersection_update,
            Member::Fun(&SET_INTERSECTION_UPDATE),
        ),
        (
            q::symmetric_difference_update,
            Member::Fun(&SET_SYMDIFF_UPDATE),
        ),
    ],
    ..Type::new(q::set)
};
