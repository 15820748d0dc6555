//! The object word: MicroPython's representation A, which native code compiled by
//! `mpy-cross` hard-codes, so the VM and machine code can hand objects to each other.
//!
//! - small int: `value << 1 | 1` (31 bits on every host, so results match the MCU);
//! - interned string: `qstr << 3 | 0b010`;
//! - immediates: `n << 3 | 0b110` (None, False, True);
//! - otherwise a word-aligned pointer to an object whose first word is its [`Type`].

use core::fmt;

use crate::{
    qstr::Qstr,
    types::{Type, BOOL, INT, NONE_TYPE, STR},
};

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Obj(usize);

/// The first word of every heap or static object.
#[repr(C)]
pub struct Base {
    pub ty: &'static Type,
}

/// Small ints hold 31-bit values, as on the Cortex-M4.
pub const SMALL_INT_MIN: i32 = -(1 << 30);
pub const SMALL_INT_MAX: i32 = (1 << 30) - 1;

impl Obj {
    /// No object: an empty slot, a missing default, an exhausted iterator.
    pub const NULL: Obj = Obj(0);
    pub const NONE: Obj = Obj(6);
    pub const FALSE: Obj = Obj(14);
    pub const TRUE: Obj = Obj(30);
    /// Marks a deleted hash-table slot, and a "load" for subscripts from native code.
    pub const SENTINEL: Obj = Obj(4);

    pub const fn from_word(word: usize) -> Obj {
        Obj(word)
    }

    pub const fn word(self) -> usize {
        self.0
    }

    pub fn is_null(self) -> bool {
        self.0 == 0
    }

    /// A small int if `v` fits in 31 bits.
    pub fn small(v: i32) -> Option<Obj> {
        (SMALL_INT_MIN..=SMALL_INT_MAX)
            .contains(&v)
            .then_some(Obj(((v << 1) | 1) as u32 as i32 as isize as usize))
    }

    /// A small int from a value known to fit.
    pub const fn small_unchecked(v: i32) -> Obj {
        Obj(((v << 1) | 1) as isize as usize)
    }

    pub fn is_small(self) -> bool {
        self.0 & 1 == 1
    }

    pub fn as_small(self) -> Option<i32> {
        self.is_small().then_some((self.0 as isize as i32) >> 1)
    }

    pub const fn qstr(q: Qstr) -> Obj {
        Obj(((q.0 as usize) << 3) | 0b010)
    }

    pub fn is_qstr(self) -> bool {
        self.0 & 0b111 == 0b010
    }

    pub fn as_qstr(self) -> Option<Qstr> {
        self.is_qstr().then_some(Qstr((self.0 >> 3) as u16))
    }

    pub fn bool(b: bool) -> Obj {
        if b {
            Obj::TRUE
        } else {
            Obj::FALSE
        }
    }

    pub fn is_ptr(self) -> bool {
        self.0 & 0b11 == 0 && self.0 != 0
    }

    pub fn from_ref<T>(r: &'static T) -> Obj {
        Obj(r as *const T as usize)
    }

    pub fn from_ptr<T>(p: *mut T) -> Obj {
        Obj(p as usize)
    }

    /// The object this word points at.
    ///
    /// # Safety
    /// The word must point at a live `T` (checked by the caller through its type).
    pub unsafe fn as_ref<T>(self) -> &'static mut T {
        &mut *(self.0 as *mut T)
    }

    pub fn type_of(self) -> &'static Type {
        if self.is_null() {
            // Not an object: callers check first; never read through address 0.
            &NONE_TYPE
        } else if self.is_small() {
            &INT
        } else if self.is_qstr() {
            &STR
        } else if self == Obj::NONE {
            &NONE_TYPE
        } else if self == Obj::FALSE || self == Obj::TRUE {
            &BOOL
        } else {
            // SAFETY: every other non-null object word points at an object with a `Base`.
            unsafe { (*(self.0 as *const Base)).ty }
        }
    }

    /// Whether this object's type is exactly `ty` (no subclasses).
    pub fn is_exact(self, ty: &'static Type) -> bool {
        core::ptr::eq(self.type_of(), ty)
    }
}

impl fmt::Debug for Obj {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(v) = self.as_small() {
            write!(f, "Obj(int {v})")
        } else if let Some(q) = self.as_qstr() {
            write!(f, "Obj(qstr {})", q.0)
        } else {
            write!(f, "Obj({:#x})", self.0)
        }
    }
}
