//! Types: what an object can do, as a table of optional operations, plus the names
//! (methods, constants) its class defines. Built-in types are `static`s; classes a
//! program defines are [`Class`]es on the heap, whose operations look up special
//! methods (`__add__`, `__getitem__`, …) in their dictionaries.

use crate::{
    obj::{Base, Obj},
    qstr::{q, Qstr},
    R,
};

pub use crate::{
    class::{Class, OBJECT, TYPE},
    dict::{DICT, SET},
    float::FLOAT,
    int::{BOOL, INT},
    misc::NONE_TYPE,
    seq::{LIST, RANGE, SLICE, TUPLE},
    str::{BYTEARRAY, BYTES, STR},
};

/// How to print: `str()` or `repr()`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Print {
    Str,
    Repr,
}

/// Somewhere to print to: the console or a buffer that becomes a `str`.
pub trait Out {
    fn put(&mut self, bytes: &[u8]);

    fn put_str(&mut self, s: &str) {
        self.put(s.as_bytes())
    }
}

impl Out for alloc::vec::Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes)
    }
}

/// Arguments of a call: positional ones, then keyword ones as (name, value) pairs laid
/// out flat, the way bytecode and native code pass them.
#[derive(Clone, Copy)]
pub struct Args<'a> {
    pub pos: &'a [Obj],
    pub kw: &'a [Obj],
}

impl<'a> Args<'a> {
    pub const fn pos(pos: &'a [Obj]) -> Self {
        Args { pos, kw: &[] }
    }

    pub fn n_kw(&self) -> usize {
        self.kw.len() / 2
    }

    /// The keyword argument `name`, if given.
    pub fn kw(&self, name: Qstr) -> Option<Obj> {
        self.kw
            .chunks_exact(2)
            .find(|p| crate::str::qstr_of(p[0]) == Some(name))
            .map(|p| p[1])
    }
}

/// Unary operators, numbered as MicroPython numbers them (native code passes these).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum UnaryOp {
    Positive = 0,
    Negative,
    Invert,
    Not,
    Bool,
    Len,
    Hash,
    Abs,
    Int,
    Float,
}

impl UnaryOp {
    pub fn from_number(n: usize) -> Option<Self> {
        use UnaryOp::*;
        [
            Positive, Negative, Invert, Not, Bool, Len, Hash, Abs, Int, Float,
        ]
        .get(n)
        .copied()
    }
}

/// Binary operators, numbered as MicroPython numbers them: comparisons 0-8, in-place
/// operators 9-21, the plain operators 22-34, then runtime-only ones.
#[derive(Clone, Copy, PartialEq, Eq, Debug, PartialOrd, Ord)]
#[repr(u8)]
pub enum BinaryOp {
    Less = 0,
    More,
    Equal,
    LessEqual,
    MoreEqual,
    NotEqual,
    In,
    Is,
    ExceptionMatch,
    InplaceOr,
    InplaceXor,
    InplaceAnd,
    InplaceLshift,
    InplaceRshift,
    InplaceAdd,
    InplaceSubtract,
    InplaceMultiply,
    InplaceMatMul,
    InplaceFloorDivide,
    InplaceTrueDivide,
    InplaceModulo,
    InplacePower,
    Or,
    Xor,
    And,
    Lshift,
    Rshift,
    Add,
    Subtract,
    Multiply,
    MatMul,
    FloorDivide,
    TrueDivide,
    Modulo,
    Power,
    DivMod,
    Contains,
}

impl BinaryOp {
    pub fn from_number(n: usize) -> Option<Self> {
        if n <= BinaryOp::Contains as usize {
            // SAFETY: the enum is `repr(u8)` with contiguous discriminants 0..=Contains.
            Some(unsafe { core::mem::transmute::<u8, BinaryOp>(n as u8) })
        } else {
            None
        }
    }

    /// The plain operator an in-place one falls back to.
    pub fn not_inplace(self) -> BinaryOp {
        if (BinaryOp::InplaceOr..=BinaryOp::InplacePower).contains(&self) {
            BinaryOp::from_number(self as usize + 13).unwrap_or(self)
        } else {
            self
        }
    }

    /// The operator's symbol, for error messages.
    pub fn symbol(self) -> &'static str {
        use BinaryOp::*;
        match self.not_inplace() {
            Less => "<",
            More => ">",
            Equal => "==",
            LessEqual => "<=",
            MoreEqual => ">=",
            NotEqual => "!=",
            In | Contains => "in",
            Is => "is",
            ExceptionMatch => "exception match",
            Or => "|",
            Xor => "^",
            And => "&",
            Lshift => "<<",
            Rshift => ">>",
            Add => "+",
            Subtract => "-",
            Multiply => "*",
            MatMul => "@",
            FloorDivide => "//",
            TrueDivide => "/",
            Modulo => "%",
            Power => "**",
            DivMod => "divmod",
            _ => "?",
        }
    }

    /// The special method a right operand implements it with (`1 + x` calls
    /// `x.__radd__(1)`).
    pub fn reflected_method(self) -> Option<Qstr> {
        use BinaryOp::*;
        Some(match self {
            Add => q::__radd__,
            Subtract => q::__rsub__,
            Multiply => q::__rmul__,
            TrueDivide => q::__rtruediv__,
            FloorDivide => q::__rfloordiv__,
            Modulo => q::__rmod__,
            Power => q::__rpow__,
            And => q::__rand__,
            Or => q::__ror__,
            Xor => q::__rxor__,
            Lshift => q::__rlshift__,
            Rshift => q::__rrshift__,
            MatMul => q::__rmatmul__,
            _ => return None,
        })
    }

    /// The special method implementing it on instances.
    pub fn method(self) -> Option<Qstr> {
        use BinaryOp::*;
        Some(match self {
            Less => q::__lt__,
            More => q::__gt__,
            Equal => q::__eq__,
            LessEqual => q::__le__,
            MoreEqual => q::__ge__,
            NotEqual => q::__ne__,
            Contains => q::__contains__,
            InplaceAdd => q::__iadd__,
            InplaceSubtract => q::__isub__,
            InplaceMultiply => q::__imul__,
            Add => q::__add__,
            Subtract => q::__sub__,
            Multiply => q::__mul__,
            TrueDivide => q::__truediv__,
            FloorDivide => q::__floordiv__,
            Modulo => q::__mod__,
            Power => q::__pow__,
            And => q::__and__,
            Or => q::__or__,
            Xor => q::__xor__,
            Lshift => q::__lshift__,
            Rshift => q::__rshift__,
            MatMul => q::__matmul__,
            _ => return None,
        })
    }
}

/// What an attribute access wants: load, store a value, or delete.
#[derive(Clone, Copy)]
pub enum Attr {
    Load,
    Store(Obj),
    Delete,
}

/// A raw view of an object's bytes (the buffer protocol).
#[derive(Clone, Copy)]
pub struct Buffer {
    pub ptr: *mut u8,
    pub len: usize,
    /// `array`-style typecode: `b'B'` for bytes.
    pub typecode: u8,
    pub writable: bool,
}

impl Buffer {
    /// The bytes, for as long as the owner keeps them where they are.
    pub fn bytes(&self) -> &'static mut [u8] {
        // SAFETY: the buffer protocol gives a valid range.
        unsafe { core::slice::from_raw_parts_mut(self.ptr, self.len) }
    }
}

/// A name a built-in type defines.
pub enum Member {
    /// A function; its [`crate::func::Binding`] says how attribute access binds it.
    Fun(&'static crate::func::Builtin),
    Int(i32),
    Type(&'static Type),
}

pub type PrintFn = fn(&mut dyn Out, Obj, Print) -> R<()>;
pub type MakeNewFn = fn(&'static Type, &Args) -> R;
pub type CallFn = fn(Obj, &Args) -> R;
pub type UnaryFn = fn(UnaryOp, Obj) -> R<Option<Obj>>;
pub type BinaryFn = fn(BinaryOp, Obj, Obj) -> R<Option<Obj>>;
pub type AttrFn = fn(Obj, Qstr, Attr) -> R<Option<Obj>>;
pub type SubscrFn = fn(Obj, Obj, Obj) -> R;
pub type IterFn = fn(Obj) -> R;
pub type BufferFn = fn(Obj) -> Option<Buffer>;

pub mod flags {
    /// A class defined by the program (the type is the first field of a [`super::Class`]).
    pub const CLASS: u16 = 1;
    /// Equality is identity: `==` need not call anything.
    pub const EQ_IS_IDENTITY: u16 = 2;
    /// An exception type: instances have the exception layout.
    pub const EXCEPTION: u16 = 4;
    /// `iter()` returns the object itself.
    pub const ITER_IS_SELF: u16 = 8;
    /// Mutable containers: `hash()` raises.
    pub const UNHASHABLE: u16 = 16;
    /// Functions: found on a class and read through an instance, they bind it as self.
    pub const BINDS_SELF: u16 = 32;
}

#[repr(C)]
pub struct Type {
    pub base: Base,
    pub name: Qstr,
    pub flags: u16,
    /// The base class of a built-in type (classes list theirs in `Class::bases`).
    pub parent: Option<&'static Type>,
    pub members: &'static [(Qstr, Member)],
    pub print: Option<PrintFn>,
    pub make_new: Option<MakeNewFn>,
    pub call: Option<CallFn>,
    pub unary: Option<UnaryFn>,
    pub binary: Option<BinaryFn>,
    /// Instance attributes (looked up before the class's members).
    pub attr: Option<AttrFn>,
    /// `obj[index]`: the third argument is [`Obj::SENTINEL`] to load, `NULL` to
    /// delete, else the value to store.
    pub subscr: Option<SubscrFn>,
    pub iter: Option<IterFn>,
    /// The next item, or `NULL` when exhausted.
    pub next: Option<IterFn>,
    pub buffer: Option<BufferFn>,
}

impl Type {
    pub const fn new(name: Qstr) -> Type {
        Type {
            base: Base { ty: &TYPE },
            name,
            flags: 0,
            // MicroPython's built-in types do not inherit `object`'s methods.
            parent: None,
            members: &[],
            print: None,
            make_new: None,
            call: None,
            unary: None,
            binary: None,
            attr: None,
            subscr: None,
            iter: None,
            next: None,
            buffer: None,
        }
    }

    pub fn obj(&'static self) -> Obj {
        Obj::from_ref(self)
    }

    pub fn is_class(&self) -> bool {
        self.flags & flags::CLASS != 0
    }

    pub fn as_class(&'static self) -> Option<&'static Class> {
        // SAFETY: a type with the CLASS flag is the first field of a `Class`.
        self.is_class()
            .then(|| unsafe { &*(self as *const Type as *const Class) })
    }

    /// Calls `f` on this type and its bases, depth first and left to right (the order
    /// MicroPython searches), until it returns `Some`.
    pub fn walk<T>(&'static self, f: &mut dyn FnMut(&'static Type) -> Option<T>) -> Option<T> {
        if let Some(t) = f(self) {
            return Some(t);
        }
        if let Some(class) = self.as_class() {
            for &b in crate::seq::tuple_items(class.bases) {
                if let Some(t) = as_type(b).and_then(|b| b.walk(f)) {
                    return Some(t);
                }
            }
            None
        } else {
            self.parent.and_then(|p| p.walk(f))
        }
    }

    pub fn is_subtype_of(&'static self, other: &'static Type) -> bool {
        core::ptr::eq(other, &OBJECT)
            || self
                .walk(&mut |t| core::ptr::eq(t, other).then_some(()))
                .is_some()
    }

    /// The first operation slot `get` finds on this type or a base: how classes derived
    /// from built-in types inherit their behaviour.
    pub fn find_slot<T>(&'static self, get: fn(&Type) -> Option<T>) -> Option<T> {
        // A class's instances have the instance layout: built-in bases' operations
        // would misread them, so a class only has the operations it sets itself.
        if self.is_class() {
            return get(self);
        }
        self.walk(&mut |t| get(t))
    }

    /// The value of `name` in this type's namespace or its bases', without binding.
    pub fn lookup(&'static self, name: Qstr) -> Option<Obj> {
        self.walk(&mut |t| {
            if let Some(class) = t.as_class() {
                crate::dict::dict_get(class.dict, Obj::qstr(name))
            } else {
                t.members
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, m)| member_obj(m))
            }
        })
    }
}

/// The object a built-in member stands for.
pub fn member_obj(m: &Member) -> Obj {
    match m {
        Member::Fun(b) => Obj::from_ref(*b),
        Member::Int(i) => Obj::small_unchecked(*i),
        Member::Type(t) => t.obj(),
    }
}

/// The type an object is, if it is a type.
pub fn as_type(o: Obj) -> Option<&'static Type> {
    if o.is_ptr() && o.type_of().is_subtype_of(&TYPE) {
        // SAFETY: the object is a type.
        Some(unsafe { o.as_ref::<Type>() })
    } else {
        None
    }
}

/// The buffer protocol: `o`'s bytes, if its type has them.
pub fn buffer(o: Obj) -> Option<Buffer> {
    o.type_of().find_slot(|t| t.buffer).and_then(|f| f(o))
}

pub fn is_instance(o: Obj, ty: &'static Type) -> bool {
    o.type_of().is_subtype_of(ty)
}
