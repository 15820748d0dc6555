//! MicroPython's attrtuple: a tuple whose items are also attributes by name, printed as
//! `(name=value, …)`. Its type calls itself `tuple`, but it is not a tuple subclass
//! (`isinstance(sys.implementation, tuple)` is False, as in MicroPython).

use crate::{
    obj::{Base, Obj},
    print,
    qstr::{q, Qstr},
    runtime,
    seq::{new_tuple, tuple_items},
    state::alloc_obj,
    types::{Attr, BinaryOp, Out, Print, Type, UnaryOp},
    R,
};

#[repr(C)]
struct AttrTuple {
    base: Base,
    fields: &'static [Qstr],
    /// The items, as a tuple (which does the sequence operations).
    items: Obj,
}

fn attrtuple(o: Obj) -> &'static AttrTuple {
    // SAFETY: only installed on attrtuples.
    unsafe { o.as_ref::<AttrTuple>() }
}

/// An attrtuple of `fields` and as many `items`.
pub fn new_attrtuple(fields: &'static [Qstr], items: &[Obj]) -> R {
    let items = new_tuple(items)?;
    let t = alloc_obj::<AttrTuple>(&ATTRTUPLE, 0)?;
    // SAFETY: freshly allocated.
    unsafe {
        (*t).fields = fields;
        (*t).items = items;
    }
    Ok(Obj::from_ptr(t))
}

fn print(out: &mut dyn Out, o: Obj, _: Print) -> R<()> {
    let t = attrtuple(o);
    out.put_str("(");
    for (i, (field, &item)) in t.fields.iter().zip(tuple_items(t.items)).enumerate() {
        if i > 0 {
            out.put_str(", ");
        }
        print::fmt(out, format_args!("{}=", field.as_str()));
        print::print(out, item, Print::Repr)?;
    }
    out.put_str(")");
    Ok(())
}

fn attr(o: Obj, name: Qstr, op: Attr) -> R<Option<Obj>> {
    let t = attrtuple(o);
    Ok(match op {
        Attr::Load => t
            .fields
            .iter()
            .position(|f| *f == name)
            .map(|i| tuple_items(t.items)[i]),
        _ => None,
    })
}

fn unary(op: UnaryOp, o: Obj) -> R<Option<Obj>> {
    runtime::unary_op(op, attrtuple(o).items).map(Some)
}

fn binary(op: BinaryOp, a: Obj, b: Obj) -> R<Option<Obj>> {
    let b = if b.is_exact(&ATTRTUPLE) {
        attrtuple(b).items
    } else {
        b
    };
    runtime::binary_op(op, attrtuple(a).items, b).map(Some)
}

fn subscr(o: Obj, index: Obj, value: Obj) -> R {
    runtime::subscr(attrtuple(o).items, index, value)
}

fn iter(o: Obj) -> R {
    runtime::getiter(attrtuple(o).items)
}

pub static ATTRTUPLE: Type = Type {
    print: Some(print),
    attr: Some(attr),
    unary: Some(unary),
    binary: Some(binary),
    subscr: Some(subscr),
    iter: Some(iter),
    ..Type::new(q::tuple)
};
