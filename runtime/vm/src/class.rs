//! `type` and `object`, classes the program defines and their instances, `super`,
//! `property`, `staticmethod` and `classmethod`.

use crate::{
    dict::{self, dict_get, dict_store},
    exc::{self, type_error_fmt, Exception},
    func::{Builtin, Fun},
    obj::{Base, Obj},
    print,
    qstr::{q, Qstr},
    runtime::{self, call_with_self},
    seq,
    state::alloc_obj,
    types::{as_type, flags, Args, Attr, BinaryOp, Member, Out, Print, Type, UnaryOp},
    R,
};

/// A class defined by the program.
#[repr(C)]
pub struct Class {
    pub ty: Type,
    pub dict: Obj,
    /// A tuple of base types.
    pub bases: Obj,
}

impl Class {
    /// A name in this class or its bases.
    pub fn ty_lookup(&'static self, name: Qstr) -> Option<Obj> {
        self.ty.lookup(name)
    }
}

/// An instance of a class: attributes in a dict (word 1, as in exceptions), and for a
/// class derived from a built-in type (list, dict, int…), an object of that type that
/// the built-in behaviour works on.
#[repr(C)]
pub struct Instance {
    pub base: Base,
    pub dict: Obj,
    pub native: Obj,
}

/// The built-in object inside an instance of a class derived from a built-in type.
pub fn native_of(o: Obj) -> Option<Obj> {
    if !o.is_ptr() || !o.type_of().is_class() || exc::exception(o).is_some() {
        return None;
    }
    // SAFETY: class instances that are not exceptions have the instance layout.
    let n = unsafe { o.as_ref::<Instance>() }.native;
    (!n.is_null()).then_some(n)
}

/// The first built-in base other than `object` in a class's bases, if any.
fn native_base(ty: &'static Type) -> Option<&'static Type> {
    ty.walk(&mut |t| (!t.is_class() && !core::ptr::eq(t, &OBJECT)).then_some(t))
}

fn type_print(out: &mut dyn Out, o: Obj, _: Print) -> R<()> {
    let t = as_type(o).expect("type");
    print::fmt(out, format_args!("<class '{}'>", t.name.as_str()));
    Ok(())
}

fn type_call(o: Obj, args: &Args) -> R {
    let t = as_type(o).expect("type");
    match t.find_slot(|t| t.make_new) {
        Some(make_new) => make_new(t, args),
        None => Err(type_error_fmt(format_args!(
            "can't create '{}' instances",
            t.name.as_str()
        ))),
    }
}

/// `type(x)` gives x's type; `type(name, bases, dict)` makes a class.
fn type_make_new(_: &'static Type, args: &Args) -> R {
    match args.pos {
        [x] => Ok(x.type_of().obj()),
        [name, bases, d] => {
            build_class(crate::str::qstr_of(*name).unwrap_or(q::object), *bases, *d)
        }
        _ => Err(exc::type_error("type takes 1 or 3 arguments")),
    }
}

/// Attributes of a type object itself (after its namespace): `__name__`, `__bases__`…
pub fn type_attr(o: Obj, name: Qstr) -> R<Option<(Obj, Obj)>> {
    let t = as_type(o).expect("type");
    let v = match name {
        q::__name__ => Obj::qstr(t.name),
        q::__class__ => TYPE.obj(),
        q::__bases__ => match t.as_class() {
            Some(c) => c.bases,
            None => match t.parent {
                Some(p) => seq::new_tuple(&[p.obj()])?,
                None => seq::empty_tuple(),
            },
        },
        q::__dict__ => match t.as_class() {
            Some(c) => c.dict,
            None => return Ok(None),
        },
        _ => return Ok(None),
    };
    Ok(Some((v, Obj::NULL)))
}

fn type_setattr(o: Obj, name: Qstr, op: Attr) -> R<Option<Obj>> {
    let Some(class) = as_type(o).and_then(Type::as_class) else {
        return Ok(None);
    };
    match op {
        Attr::Store(v) => dict_store(class.dict, Obj::qstr(name), v)?,
        Attr::Delete => {
            dict::as_dict(class.dict)
                .expect("class dict")
                .map
                .remove(Obj::qstr(name))?;
        }
        Attr::Load => return Ok(None),
    }
    Ok(Some(Obj::NONE))
}

pub static TYPE: Type = Type {
    base: Base { ty: &TYPE },
    print: Some(type_print),
    call: Some(type_call),
    make_new: Some(type_make_new),
    attr: Some(type_setattr),
    ..Type::new(q::r#type)
};

fn object_make_new(ty: &'static Type, _: &Args) -> R {
    new_instance(ty)
}

fn object_init(_: Obj) -> R {
    Ok(Obj::NONE)
}

fn object_setattr(o: Obj, name: Obj, v: Obj) -> R {
    let name = crate::str::attr_name(name)?;
    instance_dict_attr(o, name, Attr::Store(v)).map(|_| Obj::NONE)
}

fn object_delattr(o: Obj, name: Obj) -> R {
    let name = crate::str::attr_name(name)?;
    match instance_dict_attr(o, name, Attr::Delete)? {
        Some(_) => Ok(Obj::NONE),
        None => Err(exc::new_fmt(
            &exc::ATTRIBUTE_ERROR,
            format_args!(
                "'{}' object has no attribute '{}'",
                o.type_of().name.as_str(),
                name.as_str()
            ),
        )),
    }
}

static OBJECT_INIT: Builtin = Builtin::new(q::__init__, Fun::F1(object_init));
static OBJECT_SETATTR: Builtin = Builtin::new(q::__setattr__, Fun::F3(object_setattr));
static OBJECT_DELATTR: Builtin = Builtin::new(q::__delattr__, Fun::F2(object_delattr));

pub static OBJECT: Type = Type {
    parent: None,
    make_new: Some(object_make_new),
    members: &[
        (q::__init__, Member::Fun(&OBJECT_INIT)),
        (q::__setattr__, Member::Fun(&OBJECT_SETATTR)),
        (q::__delattr__, Member::Fun(&OBJECT_DELATTR)),
    ],
    ..Type::new(q::object)
};

fn new_instance(ty: &'static Type) -> R {
    let i = alloc_obj::<Instance>(ty, 0)?;
    Ok(Obj::from_ptr(i))
}

/// Instance attributes live in the dict at word 1 (instances and exceptions).
pub fn instance_dict_attr(o: Obj, name: Qstr, op: Attr) -> R<Option<Obj>> {
    // SAFETY: only installed on types whose objects start with `Instance`'s layout.
    let inst = unsafe { o.as_ref::<Instance>() };
    match op {
        Attr::Load => {
            if name == q::__dict__ {
                if inst.dict.is_null() {
                    inst.dict = dict::new_dict(0)?;
                }
                dict::fix(inst.dict);
                return Ok(Some(inst.dict));
            }
            Ok(if inst.dict.is_null() {
                None
            } else {
                dict_get(inst.dict, Obj::qstr(name))
            })
        }
        Attr::Store(v) => {
            if inst.dict.is_null() {
                inst.dict = dict::new_dict(0)?;
            }
            dict_store(inst.dict, Obj::qstr(name), v)?;
            Ok(Some(Obj::NONE))
        }
        Attr::Delete => {
            let removed = if inst.dict.is_null() {
                None
            } else {
                dict::as_dict(inst.dict)
                    .expect("dict")
                    .map
                    .remove(Obj::qstr(name))?
            };
            Ok(removed.map(|_| Obj::NONE))
        }
    }
}

/// The special method `name` of `o`'s class, if it defines one in Python.
fn special(o: Obj, name: Qstr) -> Option<Obj> {
    let class = o.type_of().as_class()?;
    let m = class.ty_lookup(name)?;
    // Built-in defaults (object.__init__ and the like) are not overrides.
    (!m.is_exact(&crate::func::BUILTIN)).then_some(m)
}

fn instance_print(out: &mut dyn Out, o: Obj, kind: Print) -> R<()> {
    let first = if kind == Print::Str {
        q::__str__
    } else {
        q::__repr__
    };
    for name in [first, q::__repr__] {
        if let Some(m) = special(o, name) {
            let s = call_with_self(m, o, &Args::pos(&[]))?;
            return print::print(out, s, Print::Str);
        }
    }
    if exc::exception(o).is_some() {
        return print::print_as(out, o, kind, &exc::BASE_EXCEPTION);
    }
    if let Some(n) = native_of(o) {
        return print::print(out, n, kind);
    }
    print::fmt(
        out,
        format_args!("<{} object at {:x}>", o.type_of().name.as_str(), o.word()),
    );
    Ok(())
}

fn instance_make_new(ty: &'static Type, args: &Args) -> R {
    let o = if ty.is_subtype_of(&exc::BASE_EXCEPTION) {
        let e = alloc_obj::<Exception>(ty, 0)?;
        // SAFETY: freshly allocated.
        unsafe { (*e).args = seq::new_tuple(args.pos)? };
        Obj::from_ptr(e)
    } else {
        let o = new_instance(ty)?;
        if let Some(base) = native_base(ty) {
            // The built-in part gets the arguments unless `__init__` takes them.
            let given = if special(o, q::__init__).is_some() {
                Args::pos(&[])
            } else {
                *args
            };
            let make_new = base
                .find_slot(|t| t.make_new)
                .ok_or_else(|| exc::type_error("can't subclass this type"))?;
            let native = make_new(base, &given)?;
            // SAFETY: `o` is a fresh instance.
            unsafe { o.as_ref::<Instance>() }.native = native;
            if special(o, q::__init__).is_none() {
                return Ok(o);
            }
        }
        o
    };
    if let Some(init) = special(o, q::__init__) {
        let r = call_with_self(init, o, args)?;
        if r != Obj::NONE {
            return Err(exc::type_error("__init__() should return None"));
        }
    } else if !ty.is_subtype_of(&exc::BASE_EXCEPTION) && (!args.pos.is_empty() || args.n_kw() > 0) {
        return Err(exc::type_error(
            "function takes 1 positional arguments but 2 were given",
        ));
    }
    Ok(o)
}

fn instance_call(o: Obj, args: &Args) -> R {
    match special(o, q::__call__) {
        Some(m) => call_with_self(m, o, args),
        None => Err(type_error_fmt(format_args!(
            "'{}' object isn't callable",
            o.type_of().name.as_str()
        ))),
    }
}

fn instance_unary(op: UnaryOp, o: Obj) -> R<Option<Obj>> {
    let name = match op {
        UnaryOp::Bool => q::__bool__,
        UnaryOp::Len => q::__len__,
        UnaryOp::Hash => q::__hash__,
        UnaryOp::Negative => q::__neg__,
        UnaryOp::Positive => q::__pos__,
        UnaryOp::Invert => q::__invert__,
        UnaryOp::Abs => q::__abs__,
        UnaryOp::Int => q::__int__,
        UnaryOp::Float => q::__float__,
        UnaryOp::Not => return Ok(None),
    };
    match special(o, name) {
        Some(m) => call_with_self(m, o, &Args::pos(&[])).map(Some),
        None if native_of(o).is_some() => {
            crate::runtime::unary_op(op, native_of(o).unwrap_or(o)).map(Some)
        }
        None if op == UnaryOp::Hash && special(o, q::__eq__).is_some() => {
            Err(type_error_fmt(format_args!(
                "unsupported type for __hash__: '{}'",
                o.type_of().name.as_str()
            )))
        }
        None => Ok(None),
    }
}

fn instance_binary(op: BinaryOp, a: Obj, b: Obj) -> R<Option<Obj>> {
    if let Some(m) = op.method().and_then(|name| special(a, name)) {
        let r = call_with_self(m, a, &Args::pos(&[b]))?;
        return Ok((r != crate::misc::not_implemented()).then_some(r));
    }
    match native_of(a) {
        Some(n) => crate::runtime::binary_op(op, n, native_of(b).unwrap_or(b)).map(Some),
        None => Ok(None),
    }
}

fn instance_subscr(o: Obj, index: Obj, value: Obj) -> R {
    let (name, args): (Qstr, &[Obj]) = if value == Obj::SENTINEL {
        (q::__getitem__, &[index])
    } else if value.is_null() {
        (q::__delitem__, &[index])
    } else {
        (q::__setitem__, &[index, value])
    };
    match special(o, name) {
        Some(m) => call_with_self(m, o, &Args::pos(args)),
        None if native_of(o).is_some() => {
            crate::runtime::subscr(native_of(o).unwrap_or(o), index, value)
        }
        None => Err(type_error_fmt(format_args!(
            "'{}' object isn't subscriptable",
            o.type_of().name.as_str()
        ))),
    }
}

fn instance_iter(o: Obj) -> R {
    match special(o, q::__iter__) {
        Some(m) => call_with_self(m, o, &Args::pos(&[])),
        None if special(o, q::__getitem__).is_some() => seq::getitem_iter(o),
        None if native_of(o).is_some() => crate::runtime::getiter(native_of(o).unwrap_or(o)),
        None => Err(type_error_fmt(format_args!(
            "'{}' object isn't iterable",
            o.type_of().name.as_str()
        ))),
    }
}

fn instance_next(o: Obj) -> R {
    match special(o, q::__next__) {
        Some(m) => call_with_self(m, o, &Args::pos(&[])),
        None => Err(type_error_fmt(format_args!(
            "'{}' object isn't an iterator",
            o.type_of().name.as_str()
        ))),
    }
}

fn instance_attr(o: Obj, name: Qstr, op: Attr) -> R<Option<Obj>> {
    if let Attr::Store(_) | Attr::Delete = op {
        if let Some(m) = special(
            o,
            if matches!(op, Attr::Store(_)) {
                q::__setattr__
            } else {
                q::__delattr__
            },
        ) {
            let args: &[Obj] = match op {
                Attr::Store(v) => &[Obj::qstr(name), v],
                _ => &[Obj::qstr(name)],
            };
            call_with_self(m, o, &Args::pos(args))?;
            return Ok(Some(Obj::NONE));
        }
    }
    if exc::exception(o).is_some() && matches!(op, Attr::Load) {
        if let r @ Some(_) = (exc::BASE_EXCEPTION.attr.expect("exception attrs"))(o, name, op)? {
            return Ok(r);
        }
    }
    instance_dict_attr(o, name, op)
}

/// Makes a class: `__build_class__` and `type(name, bases, dict)` end here.
pub fn build_class(name: Qstr, bases: Obj, dict: Obj) -> R {
    let bases = if seq::tuple_items(bases).is_empty() {
        seq::new_tuple(&[OBJECT.obj()])?
    } else {
        bases
    };
    let mut exception = false;
    for &b in seq::tuple_items(bases) {
        let t = as_type(b).ok_or_else(|| exc::type_error("bases must be types"))?;
        exception |= t.is_subtype_of(&exc::BASE_EXCEPTION);
    }
    let c = alloc_obj::<Class>(&TYPE, 0)?;
    // SAFETY: freshly allocated; every field is set before the class is used.
    unsafe {
        core::ptr::write(
            &mut (*c).ty,
            Type {
                flags: flags::CLASS | if exception { flags::EXCEPTION } else { 0 },
                parent: None,
                make_new: Some(instance_make_new),
                print: Some(instance_print),
                call: Some(instance_call),
                unary: Some(instance_unary),
                binary: Some(instance_binary),
                attr: Some(instance_attr),
                subscr: Some(instance_subscr),
                iter: Some(instance_iter),
                next: Some(instance_next),
                ..Type::new(name)
            },
        );
        (*c).dict = dict;
        (*c).bases = bases;
    }
    Ok(Obj::from_ptr(c))
}

fn exception_init(args: &[Obj]) -> R {
    if let Some(e) = exc::exception(args[0]) {
        e.args = seq::new_tuple(&args[1..])?;
    }
    Ok(Obj::NONE)
}

static EXCEPTION_INIT: Builtin = Builtin::new(q::__init__, Fun::Var(1, 255, exception_init));

fn native_init(_: &[Obj]) -> R {
    Ok(Obj::NONE)
}

static NATIVE_INIT: Builtin = Builtin::new(q::__init__, Fun::Var(1, 255, native_init));

/// `super()` bound to a class and an instance.
#[repr(C)]
pub struct Super {
    pub base: Base,
    pub ty: Obj,
    pub obj: Obj,
}

pub fn new_super(ty: Obj, obj: Obj) -> R {
    let s = alloc_obj::<Super>(&SUPER, 0)?;
    // SAFETY: freshly allocated.
    unsafe {
        (*s).ty = ty;
        (*s).obj = obj;
    }
    Ok(Obj::from_ptr(s))
}

/// Looks `name` up in the classes after `ty` in `obj`'s MRO: (method, self).
pub fn super_lookup(ty: Obj, obj: Obj, name: Qstr) -> R<(Obj, Obj)> {
    let start = as_type(ty).ok_or_else(|| exc::type_error("super() needs a type"))?;
    let mut found = None;
    let bases: &[Obj] = match start.as_class() {
        Some(c) => seq::tuple_items(c.bases),
        None => &[],
    };
    let parent_only = [start.parent.map(Type::obj).unwrap_or(OBJECT.obj())];
    let search = if start.is_class() {
        bases
    } else {
        &parent_only
    };
    for &b in search {
        if let Some(t) = as_type(b) {
            if let Some(m) = t.lookup(name) {
                found = Some(m);
                break;
            }
        }
    }
    // Exception types have no `__init__` of their own, yet `super().__init__(...)` in an
    // exception class sets the arguments.
    let object_init = Obj::from_ref(&OBJECT_INIT);
    if (found.is_none() || found == Some(object_init)) && name == q::__init__ {
        if exc::exception(obj).is_some() {
            found = Some(Obj::from_ref(&EXCEPTION_INIT));
        } else if native_of(obj).is_some() {
            // The built-in part was made when the instance was.
            found = Some(Obj::from_ref(&NATIVE_INIT));
        }
    }
    let m = found.ok_or_else(|| {
        exc::new_fmt(
            &exc::ATTRIBUTE_ERROR,
            format_args!("'super' object has no attribute '{}'", name.as_str()),
        )
    })?;
    if m.is_exact(&STATICMETHOD) {
        return Ok((unwrap(m), Obj::NULL));
    }
    if m.is_exact(&CLASSMETHOD) {
        return Ok((unwrap(m), obj.type_of().obj()));
    }
    if m.is_exact(&PROPERTY) {
        // MicroPython's super() hands back the property itself.
        return Ok((m, Obj::NULL));
    }
    Ok((m, obj))
}

fn super_attr(o: Obj, name: Qstr, op: Attr) -> R<Option<Obj>> {
    if !matches!(op, Attr::Load) {
        return Ok(None);
    }
    // SAFETY: the type says it is a `Super`.
    let s = unsafe { o.as_ref::<Super>() };
    let (m, this) = super_lookup(s.ty, s.obj, name)?;
    if this.is_null() {
        Ok(Some(m))
    } else {
        crate::func::bind(m, this).map(Some)
    }
}

fn super_print(out: &mut dyn Out, _: Obj, _: Print) -> R<()> {
    out.put_str("<super>");
    Ok(())
}

pub static SUPER: Type = Type {
    attr: Some(super_attr),
    print: Some(super_print),
    make_new: Some(super_make_new),
    ..Type::new(q::super_)
};

fn super_make_new(_: &'static Type, args: &Args) -> R {
    match args.pos {
        [t, o] => new_super(*t, *o),
        _ => Err(exc::type_error("super() can't find self")),
    }
}

/// `staticmethod(f)` / `classmethod(f)`: a wrapper holding the function.
#[repr(C)]
struct Wrapper {
    base: Base,
    fun: Obj,
}

pub fn unwrap(o: Obj) -> Obj {
    if o.is_exact(&STATICMETHOD) || o.is_exact(&CLASSMETHOD) {
        // SAFETY: checked type.
        unsafe { o.as_ref::<Wrapper>() }.fun
    } else {
        o
    }
}

fn wrapper_make_new(ty: &'static Type, args: &Args) -> R {
    let [f] = args.pos else {
        return Err(exc::type_error("function takes 1 positional arguments"));
    };
    let w = alloc_obj::<Wrapper>(ty, 0)?;
    // SAFETY: freshly allocated.
    unsafe { (*w).fun = *f };
    Ok(Obj::from_ptr(w))
}

pub static STATICMETHOD: Type = Type {
    make_new: Some(wrapper_make_new),
    ..Type::new(q::staticmethod)
};

pub static CLASSMETHOD: Type = Type {
    make_new: Some(wrapper_make_new),
    ..Type::new(q::classmethod)
};

#[repr(C)]
pub struct Property {
    pub base: Base,
    pub getter: Obj,
    pub setter: Obj,
    pub deleter: Obj,
}

fn new_property(getter: Obj, setter: Obj, deleter: Obj) -> R {
    let p = alloc_obj::<Property>(&PROPERTY, 0)?;
    // SAFETY: freshly allocated.
    unsafe {
        (*p).getter = getter;
        (*p).setter = setter;
        (*p).deleter = deleter;
    }
    Ok(Obj::from_ptr(p))
}

fn property_make_new(_: &'static Type, args: &Args) -> R {
    let get = |i: usize, name: Qstr| {
        args.pos
            .get(i)
            .copied()
            .or(args.kw(name))
            .filter(|o| *o != Obj::NONE)
            .unwrap_or(Obj::NULL)
    };
    new_property(get(0, q::fget), get(1, q::setter), get(2, q::deleter))
}

fn prop(o: Obj) -> &'static Property {
    // SAFETY: only called on properties.
    unsafe { o.as_ref::<Property>() }
}

fn property_getter(p: Obj, f: Obj) -> R {
    new_property(f, prop(p).setter, prop(p).deleter)
}

fn property_setter(p: Obj, f: Obj) -> R {
    new_property(prop(p).getter, f, prop(p).deleter)
}

fn property_deleter(p: Obj, f: Obj) -> R {
    new_property(prop(p).getter, prop(p).setter, f)
}

static PROPERTY_GETTER: Builtin = Builtin::new(q::getter, Fun::F2(property_getter));
static PROPERTY_SETTER: Builtin = Builtin::new(q::setter, Fun::F2(property_setter));
static PROPERTY_DELETER: Builtin = Builtin::new(q::deleter, Fun::F2(property_deleter));

pub static PROPERTY: Type = Type {
    make_new: Some(property_make_new),
    members: &[
        (q::getter, Member::Fun(&PROPERTY_GETTER)),
        (q::setter, Member::Fun(&PROPERTY_SETTER)),
        (q::deleter, Member::Fun(&PROPERTY_DELETER)),
    ],
    ..Type::new(q::property)
};

/// `isinstance`-style check that accepts a tuple of types.
pub fn is_instance_of(o: Obj, types: Obj) -> R<bool> {
    if let Some(items) = seq::as_tuple(types) {
        for &t in items {
            if is_instance_of(o, t)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    let t = as_type(types).ok_or_else(|| exc::type_error("isinstance() arg 2 must be a class"))?;
    Ok(o.type_of().is_subtype_of(t))
}

/// Whether `o` has `name`, as `hasattr` sees it.
pub fn has_attr(o: Obj, name: Qstr) -> R<bool> {
    match runtime::load_method_maybe(o, name) {
        Ok(found) => Ok(found.is_some()),
        Err(e) if crate::types::is_instance(e.0, &exc::ATTRIBUTE_ERROR) => Ok(false),
        Err(e) => Err(e),
    }
}
