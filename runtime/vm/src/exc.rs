//! Exceptions: the built-in hierarchy, raising from Rust, tracebacks, and printing an
//! uncaught exception the way MicroPython does.

use core::fmt;

use crate::{
    obj::{Base, Obj},
    print,
    qstr::{q, Qstr},
    seq,
    state::{alloc_obj, root, vm},
    types::{flags, is_instance, Args, Attr, Out, Print, Type},
    Exc, R,
};

/// An exception instance. Classes derived from exceptions share this layout; `dict`
/// (word 1, as in instances) holds their attributes.
#[repr(C)]
pub struct Exception {
    pub base: Base,
    pub dict: Obj,
    /// A tuple.
    pub args: Obj,
    /// A list of (file, line, block) triples, innermost first, or NULL.
    pub traceback: Obj,
}

pub fn exception(o: Obj) -> Option<&'static mut Exception> {
    // SAFETY: checked to have the exception layout.
    (o.is_ptr() && o.type_of().flags & flags::EXCEPTION != 0)
        .then(|| unsafe { o.as_ref::<Exception>() })
}

fn exc_make_new(ty: &'static Type, args: &Args) -> R {
    if args.n_kw() != 0 {
        return Err(type_error("function doesn't take keyword arguments"));
    }
    new_exception(ty, args.pos)
}

/// An exception of type `ty` with `args`, to raise (allocation failure raises
/// `MemoryError` instead).
pub fn raise(ty: &'static Type, args: &[Obj]) -> Exc {
    match new_exception(ty, args) {
        Ok(e) => Exc(e),
        Err(e) => e,
    }
}

pub fn new_exception(ty: &'static Type, args: &[Obj]) -> R {
    let tuple = seq::new_tuple(args)?;
    let e = alloc_obj::<Exception>(ty, 0)?;
    // SAFETY: freshly allocated.
    unsafe { (*e).args = tuple };
    Ok(Obj::from_ptr(e))
}

fn exc_print(out: &mut dyn Out, o: Obj, kind: Print) -> R<()> {
    let e = exception(o).expect("exception type");
    let args = seq::tuple_items(e.args);
    if kind == Print::Repr {
        out.put_str(o.type_of().name.as_str());
        return print::print(out, e.args, Print::Repr);
    }
    match args {
        [] => Ok(()),
        [one] => print::print(out, *one, Print::Str),
        _ => print::print(out, e.args, Print::Repr),
    }
}

fn exc_attr(o: Obj, name: Qstr, op: Attr) -> R<Option<Obj>> {
    let e = exception(o).expect("exception type");
    match (name, op) {
        (q::args, Attr::Load) => Ok(Some(e.args)),
        // MicroPython gives every exception these two (the first argument, or None).
        (q::value | q::errno, Attr::Load) => Ok(Some(value_of(o))),
        // Only classes derived from exceptions take attributes.
        _ if o.type_of().is_class() => crate::class::instance_dict_attr(o, name, op),
        _ => Ok(None),
    }
}

/// `StopIteration.value`: the first argument or None.
pub fn value_of(o: Obj) -> Obj {
    exception(o)
        .and_then(|e| seq::tuple_items(e.args).first().copied())
        .unwrap_or(Obj::NONE)
}

macro_rules! exception_types {
    ($($name:ident = $q:ident < $parent:expr;)*) => {
        $(
            pub static $name: Type = Type {
                flags: flags::EXCEPTION,
                parent: $parent,
                make_new: Some(exc_make_new),
                print: Some(exc_print),
                attr: Some(exc_attr),
                ..Type::new(q::$q)
            };
        )*
        /// Every built-in exception type, for the builtins namespace.
        pub static ALL: &[&Type] = &[$(&$name),*];
    };
}

exception_types! {
    BASE_EXCEPTION = BaseException < None;
    SYSTEM_EXIT = SystemExit < Some(&BASE_EXCEPTION);
    KEYBOARD_INTERRUPT = KeyboardInterrupt < Some(&BASE_EXCEPTION);
    GENERATOR_EXIT = GeneratorExit < Some(&BASE_EXCEPTION);
    EXCEPTION = Exception < Some(&BASE_EXCEPTION);
    STOP_ITERATION = StopIteration < Some(&EXCEPTION);
    STOP_ASYNC_ITERATION = StopAsyncIteration < Some(&EXCEPTION);
    ARITHMETIC_ERROR = ArithmeticError < Some(&EXCEPTION);
    OVERFLOW_ERROR = OverflowError < Some(&ARITHMETIC_ERROR);
    ZERO_DIVISION_ERROR = ZeroDivisionError < Some(&ARITHMETIC_ERROR);
    ASSERTION_ERROR = AssertionError < Some(&EXCEPTION);
    ATTRIBUTE_ERROR = AttributeError < Some(&EXCEPTION);
    EOF_ERROR = EOFError < Some(&EXCEPTION);
    IMPORT_ERROR = ImportError < Some(&EXCEPTION);
    LOOKUP_ERROR = LookupError < Some(&EXCEPTION);
    INDEX_ERROR = IndexError < Some(&LOOKUP_ERROR);
    KEY_ERROR = KeyError < Some(&LOOKUP_ERROR);
    MEMORY_ERROR = MemoryError < Some(&EXCEPTION);
    NAME_ERROR = NameError < Some(&EXCEPTION);
    OS_ERROR = OSError < Some(&EXCEPTION);
    RUNTIME_ERROR = RuntimeError < Some(&EXCEPTION);
    NOT_IMPLEMENTED_ERROR = NotImplementedError < Some(&RUNTIME_ERROR);
    SYNTAX_ERROR = SyntaxError < Some(&EXCEPTION);
    INDENTATION_ERROR = IndentationError < Some(&SYNTAX_ERROR);
    TYPE_ERROR = TypeError < Some(&EXCEPTION);
    VALUE_ERROR = ValueError < Some(&EXCEPTION);
    UNICODE_ERROR = UnicodeError < Some(&VALUE_ERROR);
}

/// An exception of type `ty` with message `msg`. If even that cannot be allocated, the
/// preallocated `MemoryError` stands in.
pub fn new(ty: &'static Type, msg: &str) -> Exc {
    let made = crate::str::new_str(msg).and_then(|m| new_exception(ty, &[m]));
    Exc(made.unwrap_or_else(|e| e.0))
}

pub fn new_fmt(ty: &'static Type, args: fmt::Arguments) -> Exc {
    let mut text = alloc::string::String::new();
    let _ = fmt::write(&mut text, args);
    new(ty, &text)
}

pub fn type_error(msg: &str) -> Exc {
    new(&TYPE_ERROR, msg)
}

pub fn type_error_fmt(args: fmt::Arguments) -> Exc {
    new_fmt(&TYPE_ERROR, args)
}

pub fn value_error(msg: &str) -> Exc {
    new(&VALUE_ERROR, msg)
}

pub fn not_implemented(msg: &str) -> Exc {
    new(&NOT_IMPLEMENTED_ERROR, msg)
}

/// The preallocated `MemoryError` (allocating one could fail).
pub fn memory_error() -> Exc {
    Exc(vm().root(root::MEMORY_ERROR))
}

pub fn init() -> R<()> {
    // Allocate before anything can run out of memory.
    let e = alloc_obj::<Exception>(&MEMORY_ERROR, 0).map_err(|_| Exc(Obj::NONE))?;
    // SAFETY: freshly allocated; the empty tuple is static.
    unsafe { (*e).args = seq::empty_tuple() };
    vm().set_root(root::MEMORY_ERROR, Obj::from_ptr(e));
    Ok(())
}

/// Records that `exc` passed through `block` at `file`:`line`.
pub fn add_traceback(exc: Obj, file: Qstr, line: usize, block: Qstr) {
    let Some(e) = exception(exc) else { return };
    if exc == vm().root(root::MEMORY_ERROR) {
        return;
    }
    if e.traceback.is_null() {
        match seq::new_list(&[]) {
            Ok(l) => e.traceback = l,
            Err(_) => return,
        }
    }
    let entry = [
        Obj::qstr(file),
        Obj::small(line as i32).unwrap_or(Obj::small_unchecked(0)),
        Obj::qstr(block),
    ];
    for o in entry {
        if seq::list_append(e.traceback, o).is_err() {
            return;
        }
    }
}

/// Prints `exc` with its traceback, as MicroPython does for an uncaught exception.
pub fn print_exception(out: &mut dyn Out, exc: Obj) {
    if let Some(e) = exception(exc) {
        if !e.traceback.is_null() {
            let tb = seq::list_items(e.traceback);
            if !tb.is_empty() {
                out.put_str("Traceback (most recent call last):\n");
                for entry in tb.chunks_exact(3).rev() {
                    let file = entry[0].as_qstr().unwrap_or(Qstr(0));
                    let line = entry[1].as_small().unwrap_or(0);
                    print::fmt(
                        out,
                        format_args!("  File \"{}\", line {line}", file.as_str()),
                    );
                    match entry[2].as_qstr() {
                        Some(Qstr(0)) | None => out.put_str("\n"),
                        Some(block) => print::fmt(out, format_args!(", in {}\n", block.as_str())),
                    }
                }
            }
        }
    }
    out.put_str(exc.type_of().name.as_str());
    out.put_str(": ");
    let _ = print::print(out, exc, Print::Str);
    out.put_str("\n");
}

/// The object `raise x` raises: an instance as is, a class instantiated.
pub fn make_raise_obj(o: Obj) -> Exc {
    if let Some(ty) = crate::types::as_type(o) {
        if ty.is_subtype_of(&BASE_EXCEPTION) {
            return match crate::runtime::call(o, &Args::pos(&[])) {
                Ok(e) => Exc(e),
                Err(e) => e,
            };
        }
    }
    if is_instance(o, &BASE_EXCEPTION) {
        Exc(o)
    } else {
        type_error("exceptions must derive from BaseException")
    }
}

/// Whether exception `exc` matches `pattern` (a type or a tuple of types).
pub fn matches(exc: Obj, pattern: Obj) -> R<bool> {
    if let Some(items) = seq::as_tuple(pattern) {
        for &p in items {
            if matches(exc, p)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    match crate::types::as_type(pattern) {
        Some(t) if t.is_subtype_of(&BASE_EXCEPTION) => Ok(is_instance(exc, t)),
        _ => Err(type_error(
            "catching classes that do not inherit from BaseException is not allowed",
        )),
    }
}
