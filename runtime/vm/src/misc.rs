//! Small built-in types: NoneType, Ellipsis, NotImplemented, modules.

use crate::{
    dict,
    obj::{Base, Obj},
    print,
    qstr::q,
    runtime,
    types::{Attr, Out, Print, Type},
    R,
};

fn none_print(out: &mut dyn Out, _: Obj, _: Print) -> R<()> {
    out.put_str("None");
    Ok(())
}

pub static NONE_TYPE: Type = Type {
    print: Some(none_print),
    flags: crate::types::flags::EQ_IS_IDENTITY,
    ..Type::new(q::NoneType)
};

fn ellipsis_print(out: &mut dyn Out, _: Obj, _: Print) -> R<()> {
    out.put_str("Ellipsis");
    Ok(())
}

pub static ELLIPSIS_TYPE: Type = Type {
    print: Some(ellipsis_print),
    ..Type::new(q::ellipsis)
};

static ELLIPSIS: Base = Base { ty: &ELLIPSIS_TYPE };

pub fn ellipsis() -> Obj {
    Obj::from_ref(&ELLIPSIS)
}

fn not_implemented_print(out: &mut dyn Out, _: Obj, _: Print) -> R<()> {
    out.put_str("NotImplemented");
    Ok(())
}

static NOT_IMPLEMENTED_TYPE: Type = Type {
    print: Some(not_implemented_print),
    ..Type::new(q::NotImplemented)
};

static NOT_IMPLEMENTED: Base = Base {
    ty: &NOT_IMPLEMENTED_TYPE,
};

pub fn not_implemented() -> Obj {
    Obj::from_ref(&NOT_IMPLEMENTED)
}

/// A module: a name and its globals.
#[repr(C)]
pub struct Module {
    pub base: Base,
    pub globals: Obj,
}

fn module_attr(o: Obj, name: crate::qstr::Qstr, op: Attr) -> R<Option<Obj>> {
    // SAFETY: the type says it is a `Module`.
    let m = unsafe { o.as_ref::<Module>() };
    match op {
        Attr::Load => Ok(dict::dict_get(m.globals, Obj::qstr(name))),
        Attr::Store(v) => dict::dict_store(m.globals, Obj::qstr(name), v).map(|_| Some(Obj::NONE)),
        Attr::Delete => Ok(dict::as_dict(m.globals)
            .expect("globals")
            .map
            .remove(Obj::qstr(name))?
            .map(|_| Obj::NONE)),
    }
}

fn module_print(out: &mut dyn Out, o: Obj, _: Print) -> R<()> {
    let name = runtime::load_attr(o, q::__name__).unwrap_or(Obj::qstr(q::module));
    out.put_str("<module '");
    print::print(out, name, Print::Str)?;
    out.put_str("'>");
    Ok(())
}

pub static MODULE: Type = Type {
    attr: Some(module_attr),
    print: Some(module_print),
    ..Type::new(q::module)
};

pub fn new_module(globals: Obj) -> R {
    let m = crate::state::alloc_obj::<Module>(&MODULE, 0)?;
    // SAFETY: freshly allocated.
    unsafe { (*m).globals = globals };
    Ok(Obj::from_ptr(m))
}
