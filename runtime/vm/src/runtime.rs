//! The operations the VM (and, later, native code) performs on objects: calls,
//! attributes, operators, subscripts, iteration, truth and equality.

use alloc::vec::Vec;

use crate::{
    class::{self, Property},
    exc::{self, type_error_fmt, ATTRIBUTE_ERROR, STOP_ITERATION},
    func::{self, Binding, Builtin, BUILTIN},
    obj::Obj,
    qstr::{q, Qstr},
    seq,
    types::{as_type, flags, Args, Attr, BinaryOp, Type, UnaryOp, STR, TYPE},
    Exc, R,
};

fn type_name(o: Obj) -> &'static str {
    o.type_of().name.as_str()
}

/// Calls `f` with `args`.
pub fn call(f: Obj, args: &Args) -> R {
    let ty = f.type_of();
    if let Some(c) = ty.find_slot(|t| t.call) {
        return c(f, args);
    }
    Err(type_error_fmt(format_args!(
        "'{}' object isn't callable",
        type_name(f)
    )))
}

pub fn call0(f: Obj) -> R {
    call(f, &Args::pos(&[]))
}

/// Calls `meth` with `this` prepended to the positional arguments.
pub fn call_with_self(meth: Obj, this: Obj, args: &Args) -> R {
    let mut all: Vec<Obj> = Vec::with_capacity(1 + args.pos.len() + args.kw.len());
    all.push(this);
    all.extend_from_slice(args.pos);
    all.extend_from_slice(args.kw);
    let n_pos = 1 + args.pos.len();
    call(
        meth,
        &Args {
            pos: &all[..n_pos],
            kw: &all[n_pos..],
        },
    )
}

/// Calls a method found by [`load_method`]: `this` is NULL for plain functions.
pub fn call_method(meth: Obj, this: Obj, args: &Args) -> R {
    if this.is_null() {
        call(meth, args)
    } else {
        call_with_self(meth, this, args)
    }
}

/// Whether calling `f` through an instance should pass the instance.
fn binds_self(f: Obj) -> Option<Binding> {
    let ty = f.type_of();
    if ty.flags & flags::BINDS_SELF != 0 {
        Some(Binding::Method)
    } else if core::ptr::eq(ty, &BUILTIN) {
        // SAFETY: the type says it is a `Builtin`.
        Some(unsafe { f.as_ref::<Builtin>() }.binding)
    } else if core::ptr::eq(ty, &class::STATICMETHOD) {
        Some(Binding::Static)
    } else if core::ptr::eq(ty, &class::CLASSMETHOD) {
        Some(Binding::Class)
    } else {
        None
    }
}

/// What a class member looks like when read through `this` (an instance, or the
/// class itself when `this` is NULL): (callable or value, self to pass or NULL).
fn bind_member(member: Obj, this: Obj, owner: &'static Type) -> R<(Obj, Obj)> {
    match binds_self(member) {
        // A built-in type's method works on the built-in part of a derived instance.
        Some(Binding::Method) if member.is_exact(&BUILTIN) => {
            Ok((member, class::native_of(this).unwrap_or(this)))
        }
        Some(Binding::Method) => Ok((member, this)),
        Some(Binding::Static) => Ok((class::unwrap(member), Obj::NULL)),
        Some(Binding::Class) => Ok((class::unwrap(member), owner.obj())),
        None => {
            if !this.is_null() && member.is_exact(&class::PROPERTY) {
                // SAFETY: the type says it is a `Property`.
                let p = unsafe { member.as_ref::<Property>() };
                if p.getter.is_null() {
                    return Err(exc::new(&ATTRIBUTE_ERROR, "unreadable attribute"));
                }
                return Ok((call(p.getter, &Args::pos(&[this]))?, Obj::NULL));
            }
            Ok((member, Obj::NULL))
        }
    }
}

/// Looks up `name` on `o` for a call: (method, self) or (value, NULL); None if absent.
pub fn load_method_maybe(o: Obj, name: Qstr) -> R<Option<(Obj, Obj)>> {
    let ty = o.type_of();
    if let Some(t) = as_type(o) {
        // A type: its own namespace first (functions stay unbound), then the metatype.
        if let Some(m) = t.lookup(name) {
            return match binds_self(m) {
                Some(Binding::Class) => Ok(Some((class::unwrap(m), o))),
                Some(Binding::Static) => Ok(Some((class::unwrap(m), Obj::NULL))),
                _ => Ok(Some((m, Obj::NULL))),
            };
        }
        return class::type_attr(o, name);
    }
    if let Some(attr) = ty.find_slot(|t| t.attr) {
        if let Some(v) = attr(o, name, Attr::Load)? {
            return Ok(Some((v, Obj::NULL)));
        }
    }
    if let Some(m) = ty.lookup(name) {
        return bind_member(m, o, ty).map(Some);
    }
    if name == q::__class__ {
        return Ok(Some((ty.obj(), Obj::NULL)));
    }
    if let Some(class) = ty.as_class() {
        // `__getattr__` is the last resort.
        if let Some(ga) = class.ty_lookup(q::__getattr__) {
            let v = call(ga, &Args::pos(&[o, Obj::qstr(name)]))?;
            return Ok(Some((v, Obj::NULL)));
        }
    }
    Ok(None)
}

fn no_attribute(o: Obj, name: Qstr) -> Exc {
    if let Some(t) = as_type(o) {
        exc::new_fmt(
            &ATTRIBUTE_ERROR,
            format_args!(
                "type object '{}' has no attribute '{}'",
                t.name.as_str(),
                name.as_str()
            ),
        )
    } else {
        exc::new_fmt(
            &ATTRIBUTE_ERROR,
            format_args!(
                "'{}' object has no attribute '{}'",
                type_name(o),
                name.as_str()
            ),
        )
    }
}

pub fn load_method(o: Obj, name: Qstr) -> R<(Obj, Obj)> {
    load_method_maybe(o, name)?.ok_or_else(|| no_attribute(o, name))
}

pub fn load_attr(o: Obj, name: Qstr) -> R {
    let (v, this) = load_method(o, name)?;
    if this.is_null() {
        Ok(v)
    } else {
        func::bind(v, this)
    }
}

/// `getattr(o, name, None)`-style lookup.
pub fn load_attr_maybe(o: Obj, name: Qstr) -> R<Option<Obj>> {
    match load_method_maybe(o, name)? {
        None => Ok(None),
        Some((v, this)) if this.is_null() => Ok(Some(v)),
        Some((v, this)) => func::bind(v, this).map(Some),
    }
}

pub fn store_attr(o: Obj, name: Qstr, op: Attr) -> R<()> {
    let ty = o.type_of();
    // A property in the class takes stores before the instance dict.
    if !core::ptr::eq(ty, &TYPE) && ty.is_class() {
        if let Some(p) = ty.lookup(name) {
            if p.is_exact(&class::PROPERTY) {
                // SAFETY: the type says it is a `Property`.
                let p = unsafe { p.as_ref::<Property>() };
                let (f, args_len) = match op {
                    Attr::Store(_) => (p.setter, 2),
                    _ => (p.deleter, 1),
                };
                if f.is_null() {
                    return Err(exc::new(&ATTRIBUTE_ERROR, "can't set attribute"));
                }
                let v = match op {
                    Attr::Store(v) => v,
                    _ => Obj::NONE,
                };
                call(f, &Args::pos(&[o, v][..args_len]))?;
                return Ok(());
            }
        }
    }
    if let Some(attr) = ty.find_slot(|t| t.attr) {
        if attr(o, name, op)?.is_some() {
            return Ok(());
        }
    }
    Err(no_attribute(o, name))
}

pub fn is_true(o: Obj) -> R<bool> {
    if o == Obj::FALSE || o == Obj::NONE {
        return Ok(false);
    }
    if o == Obj::TRUE {
        return Ok(true);
    }
    if let Some(v) = o.as_small() {
        return Ok(v != 0);
    }
    let ty = o.type_of();
    if let Some(u) = ty.find_slot(|t| t.unary) {
        if let Some(r) = u(UnaryOp::Bool, o)? {
            return Ok(r == Obj::TRUE);
        }
        if let Some(r) = u(UnaryOp::Len, o)? {
            return Ok(r != Obj::small_unchecked(0));
        }
    }
    Ok(true)
}

pub fn unary_op(op: UnaryOp, o: Obj) -> R {
    match op {
        UnaryOp::Not => return Ok(Obj::bool(!is_true(o)?)),
        UnaryOp::Bool => return Ok(Obj::bool(is_true(o)?)),
        _ => {}
    }
    if let Some(v) = o.as_small() {
        return crate::int::small_unary(op, v);
    }
    let ty = o.type_of();
    if let Some(u) = ty.find_slot(|t| t.unary) {
        if let Some(r) = u(op, o)? {
            return Ok(r);
        }
    }
    match op {
        UnaryOp::Hash if ty.flags & crate::types::flags::UNHASHABLE == 0 => {
            Ok(Obj::small_unchecked((o.word() >> 2) as i32 & 0x3fff_ffff))
        }
        UnaryOp::Len => Err(type_error_fmt(format_args!(
            "object of type '{}' has no len()",
            type_name(o)
        ))),
        _ => Err(type_error_fmt(format_args!(
            "unsupported type for {}: '{}'",
            unary_name(op),
            type_name(o)
        ))),
    }
}

fn unary_name(op: UnaryOp) -> &'static str {
    match op {
        UnaryOp::Positive => "__pos__",
        UnaryOp::Negative => "__neg__",
        UnaryOp::Invert => "__invert__",
        UnaryOp::Hash => "__hash__",
        UnaryOp::Abs => "__abs__",
        UnaryOp::Int => "__int__",
        UnaryOp::Float => "__float__",
        _ => "__bool__",
    }
}

pub fn len(o: Obj) -> R<usize> {
    let n = unary_op(UnaryOp::Len, o)?;
    Ok(n.as_small().unwrap_or(0) as usize)
}

/// `hash(o)` as MicroPython computes it (dict order depends on it).
pub fn hash(o: Obj) -> R<u32> {
    if let Some(v) = o.as_small() {
        return Ok(v as u32);
    }
    if let Some(q) = o.as_qstr() {
        return Ok(q.hash());
    }
    let h = unary_op(UnaryOp::Hash, o)?;
    Ok(h.as_small().map_or(0, |v| v as u32))
}

pub fn equal(a: Obj, b: Obj) -> R<bool> {
    if a == b {
        // NaN is the one value not equal to itself.
        return Ok(!crate::float::is_nan(a));
    }
    if a.is_small() && b.is_small() {
        return Ok(false);
    }
    if let (Some(x), Some(y)) = (crate::str::str_bytes(a), crate::str::str_bytes(b)) {
        return Ok(x == y);
    }
    for (x, y) in [(a, b), (b, a)] {
        if x.type_of().flags & crate::types::flags::EQ_IS_IDENTITY != 0 && !x.type_of().is_class() {
            continue;
        }
        if let Some(f) = x.type_of().find_slot(|t| t.binary) {
            if let Some(r) = f(BinaryOp::Equal, x, y)? {
                return is_true(r);
            }
        }
    }
    Ok(false)
}

pub fn binary_op(op: BinaryOp, a: Obj, b: Obj) -> R {
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        if let Some(r) = crate::int::small_binary(op, x, y)? {
            return Ok(r);
        }
    }
    match op {
        BinaryOp::Is => return Ok(Obj::bool(a == b)),
        BinaryOp::Equal => return Ok(Obj::bool(equal(a, b)?)),
        BinaryOp::NotEqual => return Ok(Obj::bool(!equal(a, b)?)),
        BinaryOp::In => return binary_op(BinaryOp::Contains, b, a),
        BinaryOp::ExceptionMatch => return Ok(Obj::bool(exc::matches(a, b)?)),
        _ => {}
    }
    if let Some(f) = a.type_of().find_slot(|t| t.binary) {
        if let Some(r) = f(op, a, b)? {
            return Ok(r);
        }
        if op != op.not_inplace() {
            if let Some(r) = f(op.not_inplace(), a, b)? {
                return Ok(r);
            }
        }
    }
    let plain = op.not_inplace();
    // A class instance on the right may implement the reflected operator.
    if let (Some(class), Some(name)) = (b.type_of().as_class(), plain.reflected_method()) {
        if let Some(m) = class.ty_lookup(name) {
            return call_with_self(m, b, &Args::pos(&[a]));
        }
    }
    // The right operand may know the operation (2 * [1], 1 + 2.5, 1 < 2.5).
    let built_in = !b.type_of().is_class();
    if let (Some(f), Some(flipped), true) = (
        b.type_of().find_slot(|t| t.binary),
        reflect(plain),
        built_in,
    ) {
        if let Some(r) = f(flipped, b, a)? {
            return Ok(r);
        }
    }
    if plain == BinaryOp::Contains {
        // Fall back to iterating.
        let it = getiter(a)?;
        loop {
            let x = iternext(it)?;
            if x.is_null() {
                return Ok(Obj::FALSE);
            }
            if equal(x, b)? {
                return Ok(Obj::TRUE);
            }
        }
    }
    let name = plain.method().map_or(plain.symbol(), |m| m.as_str());
    Err(type_error_fmt(format_args!(
        "unsupported types for {}: '{}', '{}'",
        name,
        type_name(a),
        type_name(b)
    )))
}

/// The operator that gives the same result with its operands swapped, if any:
/// comparisons flip, commutative operators stay.
fn reflect(op: BinaryOp) -> Option<BinaryOp> {
    use BinaryOp::*;
    Some(match op {
        Less => More,
        More => Less,
        LessEqual => MoreEqual,
        MoreEqual => LessEqual,
        Add | Multiply | And | Or | Xor => op,
        _ => return None,
    })
}

/// `base[index]` load (value = SENTINEL), store, or delete (value = NULL).
pub fn subscr(base: Obj, index: Obj, value: Obj) -> R {
    if let Some(f) = base.type_of().find_slot(|t| t.subscr) {
        return f(base, index, value);
    }
    let what = if value == Obj::SENTINEL {
        "subscriptable"
    } else if value.is_null() {
        "deletable"
    } else {
        "assignable"
    };
    Err(type_error_fmt(format_args!(
        "'{}' object isn't {what}",
        type_name(base)
    )))
}

pub fn getiter(o: Obj) -> R {
    let ty = o.type_of();
    if let Some(f) = ty.find_slot(|t| t.iter) {
        return f(o);
    }
    if ty.find_slot(|t| t.subscr).is_some() && !core::ptr::eq(ty, &STR) {
        return seq::getitem_iter(o);
    }
    Err(type_error_fmt(format_args!(
        "'{}' object isn't iterable",
        type_name(o)
    )))
}

/// The next item, or NULL when the iterator is exhausted.
pub fn iternext(it: Obj) -> R {
    if let Some(f) = it.type_of().find_slot(|t| t.next) {
        return match f(it) {
            Err(e)
                if exc::exception(e.0).is_some()
                    && crate::types::is_instance(e.0, &STOP_ITERATION) =>
            {
                Ok(Obj::NULL)
            }
            r => r,
        };
    }
    Err(type_error_fmt(format_args!(
        "'{}' object isn't an iterator",
        type_name(it)
    )))
}

/// Collects an iterable's items.
pub fn collect_items(o: Obj) -> R<Vec<Obj>> {
    if let Some(items) = seq::items(o) {
        return Ok(items.to_vec());
    }
    // Gather in a heap list: an endless iterator then ends in MemoryError, as on the board.
    let it = getiter(o)?;
    let list = seq::new_list(&[])?;
    loop {
        let x = iternext(it)?;
        if x.is_null() {
            return Ok(seq::list_items(list).to_vec());
        }
        seq::list_append(list, x)?;
    }
}

/// An int argument as a machine integer.
pub fn to_int(o: Obj) -> R<i32> {
    if let Some(v) = o.as_small() {
        return Ok(v);
    }
    if o == Obj::FALSE {
        return Ok(0);
    }
    if o == Obj::TRUE {
        return Ok(1);
    }
    Err(type_error_fmt(format_args!(
        "can't convert {} to int",
        type_name(o)
    )))
}

/// Whether `BOUND_METH` is the type (used by `callable`).
pub fn is_callable(o: Obj) -> bool {
    let ty = o.type_of();
    if ty.is_class() {
        return ty.lookup(q::__call__).is_some();
    }
    ty.find_slot(|t| t.call).is_some()
}
