//! The builtins namespace and the built-in modules (`sys`, `gc`, `micropython`).

use alloc::vec::Vec;

use crate::{
    bigint::Big,
    class, dict, exc,
    func::{Builtin, Fun},
    int, misc,
    obj::{Base, Obj},
    print::{self, Console},
    qstr::{q, Qstr},
    runtime::{self, call, is_true},
    seq,
    state::{alloc_obj, root, vm},
    types::{self, as_type, Args, BinaryOp, Member, Out, Print, Type, UnaryOp},
    R,
};

fn b_print(args: &Args) -> R {
    let sep = args.kw(q::sep).filter(|s| *s != Obj::NONE);
    let end = args.kw(q::end).filter(|s| *s != Obj::NONE);
    let mut out: Vec<u8> = Vec::new();
    for (i, &a) in args.pos.iter().enumerate() {
        if i > 0 {
            match sep {
                Some(s) => print::print(&mut out, s, Print::Str)?,
                None => out.put_str(" "),
            }
        }
        print::print(&mut out, a, Print::Str)?;
    }
    match end {
        Some(e) => print::print(&mut out, e, Print::Str)?,
        None => out.put_str("\n"),
    }
    Console.put(&out);
    Ok(Obj::NONE)
}

fn b_len(o: Obj) -> R {
    runtime::unary_op(UnaryOp::Len, o)
}

fn b_abs(o: Obj) -> R {
    runtime::unary_op(UnaryOp::Abs, o)
}

fn b_hash(o: Obj) -> R {
    runtime::unary_op(UnaryOp::Hash, o)
}

fn b_repr(o: Obj) -> R {
    print::to_str(o, Print::Repr)
}

fn b_callable(o: Obj) -> R {
    Ok(Obj::bool(runtime::is_callable(o)))
}

fn b_id(o: Obj) -> R {
    int::new_int(o.word() as i64)
}

fn b_all(o: Obj) -> R {
    for x in runtime::collect_items(o)? {
        if !is_true(x)? {
            return Ok(Obj::FALSE);
        }
    }
    Ok(Obj::TRUE)
}

fn b_any(o: Obj) -> R {
    for x in runtime::collect_items(o)? {
        if is_true(x)? {
            return Ok(Obj::TRUE);
        }
    }
    Ok(Obj::FALSE)
}

fn b_chr(o: Obj) -> R {
    let v = runtime::to_int(o)?;
    let c = char::from_u32(v as u32)
        .ok_or_else(|| exc::value_error("chr() arg not in range(0x110000)"))?;
    crate::str::new_str(c.encode_utf8(&mut [0; 4]))
}

fn b_ord(o: Obj) -> R {
    if let Some(t) = crate::str::str_text(o) {
        let mut cs = t.chars();
        if let (Some(c), None) = (cs.next(), cs.next()) {
            return Ok(Obj::small_unchecked(c as i32));
        }
        return Err(exc::type_error_fmt(format_args!(
            "ord() expected a character, but string of length {} found",
            t.chars().count()
        )));
    }
    match crate::str::bytes_data(o) {
        Some([b]) => Ok(Obj::small_unchecked(i32::from(*b))),
        _ => Err(exc::type_error("ord() expected a character")),
    }
}

fn b_divmod(a: Obj, b: Obj) -> R {
    runtime::binary_op(BinaryOp::DivMod, a, b)
}

fn b_pow(args: &[Obj]) -> R {
    if let [b, e, m] = args {
        let need = || exc::type_error("pow() with 3 arguments requires integers");
        let (b, e, m) = (
            int::big_of(*b).ok_or_else(need)?,
            int::big_of(*e).ok_or_else(need)?,
            int::big_of(*m).ok_or_else(need)?,
        );
        if m.is_zero() {
            return Err(exc::value_error("pow() 3rd argument cannot be 0"));
        }
        let modulo = |x: &Big| x.divmod(&m).map(|(_, r)| r).unwrap_or_else(Big::zero);
        let (mut r, mut base) = (modulo(&Big::from_i64(1)), modulo(&b));
        let mut e = e;
        while !e.is_zero() {
            if e.mag[0] & 1 == 1 {
                r = modulo(&r.mul(&base));
            }
            base = modulo(&base.mul(&base));
            e = e.shr(1);
        }
        return int::from_big(&r);
    }
    runtime::binary_op(BinaryOp::Power, args[0], args[1])
}

fn radix(o: Obj, prefix: &str, base: u32) -> R {
    let v = int::big_of(o).ok_or_else(|| exc::type_error("an integer is required"))?;
    let digits = v.abs().to_string_radix(base);
    let sign = if v.neg { "-" } else { "" };
    crate::str::new_str(&alloc::format!("{sign}{prefix}{digits}"))
}

fn b_hex(o: Obj) -> R {
    radix(o, "0x", 16)
}

fn b_oct(o: Obj) -> R {
    radix(o, "0o", 8)
}

fn b_bin(o: Obj) -> R {
    radix(o, "0b", 2)
}

fn b_isinstance(o: Obj, t: Obj) -> R {
    class::is_instance_of(o, t).map(Obj::bool)
}

fn b_issubclass(a: Obj, t: Obj) -> R {
    let a = as_type(a).ok_or_else(|| exc::type_error("issubclass() arg 1 must be a class"))?;
    if let Some(items) = seq::as_tuple(t) {
        for &x in items {
            if as_type(x).is_some_and(|x| a.is_subtype_of(x)) {
                return Ok(Obj::TRUE);
            }
        }
        return Ok(Obj::FALSE);
    }
    let t = as_type(t).ok_or_else(|| exc::type_error("issubclass() arg 2 must be a class"))?;
    Ok(Obj::bool(a.is_subtype_of(t)))
}

use crate::str::attr_name;

fn b_getattr(args: &[Obj]) -> R {
    let name = attr_name(args[1])?;
    match runtime::load_attr_maybe(args[0], name)? {
        Some(v) => Ok(v),
        None => match args.get(2) {
            Some(&d) => Ok(d),
            None => runtime::load_attr(args[0], name),
        },
    }
}

fn b_setattr(o: Obj, n: Obj, v: Obj) -> R {
    runtime::store_attr(o, attr_name(n)?, types::Attr::Store(v)).map(|_| Obj::NONE)
}

fn b_delattr(o: Obj, n: Obj) -> R {
    runtime::store_attr(o, attr_name(n)?, types::Attr::Delete).map(|_| Obj::NONE)
}

fn b_hasattr(o: Obj, n: Obj) -> R {
    class::has_attr(o, attr_name(n)?).map(Obj::bool)
}

fn b_iter(o: Obj) -> R {
    runtime::getiter(o)
}

fn b_next(args: &[Obj]) -> R {
    // The iterator's own `next`, so a generator's StopIteration keeps its value.
    let v = match args[0].type_of().find_slot(|t| t.next) {
        Some(next) => match next(args[0]) {
            Err(e) if args.len() > 1 && types::is_instance(e.0, &exc::STOP_ITERATION) => Obj::NULL,
            r => r?,
        },
        None => runtime::iternext(args[0])?,
    };
    if v.is_null() {
        return match args.get(1) {
            Some(&d) => Ok(d),
            None => Err(exc::raise(&exc::STOP_ITERATION, &[])),
        };
    }
    Ok(v)
}

fn b_sorted(args: &Args) -> R {
    let [x] = args.pos else {
        return Err(exc::type_error("sorted expects 1 positional argument"));
    };
    let l = seq::new_list(&runtime::collect_items(*x)?)?;
    let key = args.kw(q::key).unwrap_or(Obj::NONE);
    let reverse = match args.kw(q::reverse) {
        Some(r) => is_true(r)?,
        None => false,
    };
    seq::sort(seq::list_items(l), key, reverse)?;
    Ok(l)
}

fn extreme(args: &Args, op: BinaryOp) -> R {
    let items = match args.pos {
        [] => {
            return Err(exc::type_error(
                "function missing 1 required positional arguments",
            ))
        }
        [one] => runtime::collect_items(*one)?,
        many => many.to_vec(),
    };
    let key = args.kw(q::key).unwrap_or(Obj::NONE);
    let mut best: Option<(Obj, Obj)> = None;
    for x in items {
        let k = if key == Obj::NONE {
            x
        } else {
            call(key, &Args::pos(&[x]))?
        };
        match best {
            Some((_, bk)) if !is_true(runtime::binary_op(op, k, bk)?)? => {}
            _ => best = Some((x, k)),
        }
    }
    match best {
        Some((x, _)) => Ok(x),
        None => args
            .kw(q::default)
            .ok_or_else(|| exc::value_error("arg is an empty sequence")),
    }
}

fn b_min(args: &Args) -> R {
    extreme(args, BinaryOp::Less)
}

fn b_max(args: &Args) -> R {
    extreme(args, BinaryOp::More)
}

fn b_sum(args: &[Obj]) -> R {
    let mut acc = args.get(1).copied().unwrap_or(Obj::small_unchecked(0));
    for x in runtime::collect_items(args[0])? {
        acc = runtime::binary_op(BinaryOp::Add, acc, x)?;
    }
    Ok(acc)
}

fn b_round(args: &[Obj]) -> R {
    let x = args[0];
    let digits = args.get(1).copied().filter(|d| *d != Obj::NONE);
    if let Some(v) = int::int_value(x) {
        let d = match digits {
            Some(d) => runtime::to_int(d)?,
            None => 0,
        };
        if d >= 0 {
            return int::new_int(v);
        }
        // To a multiple of 10^-d, halves to even.
        let m = 10i64.checked_pow(d.unsigned_abs()).unwrap_or(i64::MAX);
        let (q, r) = (v.div_euclid(m), v.rem_euclid(m));
        let up = 2 * r > m || (2 * r == m && q % 2 != 0);
        return int::new_int((q + i64::from(up)) * m);
    }
    let f = crate::float::number_value(x).ok_or_else(|| exc::type_error("can't round"))?;
    match digits {
        // Halves round to even.
        None => crate::float::float_to_int(libm::rintf(f)),
        Some(d) => {
            let m = libm::powf(10.0, runtime::to_int(d)? as f32);
            crate::float::new_float(libm::rintf(f * m) / m)
        }
    }
}

fn b_build_class(args: &Args) -> R {
    let (body, rest) = args
        .pos
        .split_first()
        .ok_or_else(|| exc::type_error("__build_class__ needs a function"))?;
    let name = rest
        .first()
        .and_then(|n| crate::str::qstr_of(*n))
        .ok_or_else(|| exc::type_error("__build_class__ needs a name"))?;
    let bases = seq::new_tuple(&rest[1..])?;
    let d = dict::new_dict(0)?;
    let saved = vm().locals.replace(d);
    let r = call(*body, &Args::pos(&[]));
    vm().locals.set(saved);
    let cell = r?;
    let cls = class::build_class(name, bases, d)?;
    // The body returns the `__class__` cell when methods use `super()`.
    if cell.is_ptr() && cell.is_exact(&crate::func::CELL) {
        crate::func::cell(cell).value = cls;
    }
    Ok(cls)
}

pub static BUILD_CLASS: Builtin = Builtin::new(q::__build_class__, Fun::Kw(b_build_class));

/// Iterators made by builtins: enumerate, zip, map, filter, reversed.
#[repr(C)]
struct Iter {
    base: Base,
    /// The underlying iterator(s): one, or a tuple for zip and map.
    src: Obj,
    /// enumerate's count, map's/filter's function, reversed's sequence.
    extra: Obj,
    index: usize,
}

fn new_iter(ty: &'static Type, src: Obj, extra: Obj, index: usize) -> R {
    let it = alloc_obj::<Iter>(ty, 0)?;
    // SAFETY: freshly allocated.
    unsafe {
        (*it).src = src;
        (*it).extra = extra;
        (*it).index = index;
    }
    Ok(Obj::from_ptr(it))
}

fn it(o: Obj) -> &'static mut Iter {
    // SAFETY: only called on these iterators.
    unsafe { o.as_ref::<Iter>() }
}

fn enumerate_next(o: Obj) -> R {
    let i = it(o);
    let x = runtime::iternext(i.src)?;
    if x.is_null() {
        return Ok(Obj::NULL);
    }
    let n = i.extra;
    i.extra = runtime::binary_op(BinaryOp::Add, n, Obj::small_unchecked(1))?;
    seq::new_tuple(&[n, x])
}

fn zip_next(o: Obj) -> R {
    if seq::tuple_items(it(o).src).is_empty() {
        return Ok(Obj::NULL);
    }
    let mut items = Vec::new();
    for &src in seq::tuple_items(it(o).src) {
        let x = runtime::iternext(src)?;
        if x.is_null() {
            return Ok(Obj::NULL);
        }
        items.push(x);
    }
    seq::new_tuple(&items)
}

fn map_next(o: Obj) -> R {
    let mut items = Vec::new();
    for &src in seq::tuple_items(it(o).src) {
        let x = runtime::iternext(src)?;
        if x.is_null() {
            return Ok(Obj::NULL);
        }
        items.push(x);
    }
    call(it(o).extra, &Args::pos(&items))
}

fn filter_next(o: Obj) -> R {
    loop {
        let x = runtime::iternext(it(o).src)?;
        if x.is_null() {
            return Ok(Obj::NULL);
        }
        let f = it(o).extra;
        let keep = if f == Obj::NONE {
            x
        } else {
            call(f, &Args::pos(&[x]))?
        };
        if is_true(keep)? {
            return Ok(x);
        }
    }
}

fn reversed_next(o: Obj) -> R {
    let i = it(o);
    if i.index == 0 {
        return Ok(Obj::NULL);
    }
    i.index -= 1;
    runtime::subscr(i.src, Obj::small_unchecked(i.index as i32), Obj::SENTINEL)
}

macro_rules! iter_type {
    ($name:ident, $next:ident, $q:ident) => {
        static $name: Type = Type {
            iter: Some(seq::self_iter),
            next: Some($next),
            ..Type::new(q::$q)
        };
    };
}

iter_type!(ENUMERATE, enumerate_next, enumerate);
iter_type!(ZIP, zip_next, zip);
iter_type!(MAP, map_next, map);
iter_type!(FILTER, filter_next, filter);
iter_type!(REVERSED, reversed_next, reversed);

fn b_enumerate(args: &Args) -> R {
    let src = runtime::getiter(
        *args
            .pos
            .first()
            .ok_or_else(|| exc::type_error("enumerate needs an iterable"))?,
    )?;
    let start = args
        .pos
        .get(1)
        .copied()
        .or(args.kw(q::start))
        .unwrap_or(Obj::small_unchecked(0));
    new_iter(&ENUMERATE, src, start, 0)
}

fn iters(objs: &[Obj]) -> R {
    let its = objs
        .iter()
        .map(|&o| runtime::getiter(o))
        .collect::<R<Vec<_>>>()?;
    seq::new_tuple(&its)
}

fn b_zip(args: &[Obj]) -> R {
    new_iter(&ZIP, iters(args)?, Obj::NONE, 0)
}

fn b_map(args: &[Obj]) -> R {
    new_iter(&MAP, iters(&args[1..])?, args[0], 0)
}

fn b_filter(f: Obj, src: Obj) -> R {
    new_iter(&FILTER, runtime::getiter(src)?, f, 0)
}

fn b_reversed(o: Obj) -> R {
    if let Some(m) = runtime::load_attr_maybe(o, q::__reversed__)? {
        return call(m, &Args::pos(&[]));
    }
    let n = runtime::len(o)?;
    new_iter(&REVERSED, o, Obj::NONE, n)
}

fn b_format(args: &[Obj]) -> R {
    let spec = args
        .get(1)
        .and_then(|s| crate::str::str_text(*s))
        .unwrap_or("");
    crate::format::format_builtin(args[0], spec)
}

fn b_globals() -> R {
    Ok(vm().globals.get())
}

fn b_locals() -> R {
    Ok(vm().locals.get())
}

macro_rules! builtins {
    ($($stat:ident = $q:ident: $fun:expr;)*) => {
        $(static $stat: Builtin = Builtin::new(q::$q, $fun);)*
        /// The builtin functions, by name.
        static FUNCTIONS: &[&Builtin] = &[$(&$stat),*];
    };
}

builtins! {
    PRINT = print: Fun::Kw(b_print);
    LEN = len: Fun::F1(b_len);
    ABS = abs: Fun::F1(b_abs);
    HASH = hash: Fun::F1(b_hash);
    REPR = repr: Fun::F1(b_repr);
    CALLABLE = callable: Fun::F1(b_callable);
    ID = id: Fun::F1(b_id);
    ALL = all: Fun::F1(b_all);
    ANY = any: Fun::F1(b_any);
    CHR = chr: Fun::F1(b_chr);
    ORD = ord: Fun::F1(b_ord);
    DIVMOD = divmod: Fun::F2(b_divmod);
    POW = pow: Fun::Var(2, 3, b_pow);
    HEX = hex: Fun::F1(b_hex);
    OCT = oct: Fun::F1(b_oct);
    BIN = bin: Fun::F1(b_bin);
    ISINSTANCE = isinstance: Fun::F2(b_isinstance);
    ISSUBCLASS = issubclass: Fun::F2(b_issubclass);
    GETATTR = getattr: Fun::Var(2, 3, b_getattr);
    SETATTR = setattr: Fun::F3(b_setattr);
    HASATTR = hasattr: Fun::F2(b_hasattr);
    DELATTR = delattr: Fun::F2(b_delattr);
    DIR = dir: Fun::Var(0, 1, b_dir);
    IMPORT = __import__: Fun::F1(b_import);
    ITER = iter: Fun::F1(b_iter);
    NEXT = next: Fun::Var(1, 2, b_next);
    SORTED = sorted: Fun::Kw(b_sorted);
    MIN = min: Fun::Kw(b_min);
    MAX = max: Fun::Kw(b_max);
    SUM = sum: Fun::Var(1, 2, b_sum);
    ROUND = round: Fun::Var(1, 2, b_round);
    ENUMERATE_F = enumerate: Fun::Kw(b_enumerate);
    ZIP_F = zip: Fun::Var(0, 255, b_zip);
    MAP_F = map: Fun::Var(2, 255, b_map);
    FILTER_F = filter: Fun::F2(b_filter);
    REVERSED_F = reversed: Fun::F1(b_reversed);
    FORMAT_F = format: Fun::Var(1, 2, b_format);
    GLOBALS = globals: Fun::F0(b_globals);
    LOCALS = locals: Fun::F0(b_locals);
}

/// Built-in types by name.
static TYPES: &[&Type] = &[
    &types::INT,
    &types::BOOL,
    &types::FLOAT,
    &types::STR,
    &types::BYTES,
    &types::BYTEARRAY,
    &types::TUPLE,
    &types::LIST,
    &types::DICT,
    &types::SET,
    &crate::dict::FROZENSET,
    &types::RANGE,
    &types::SLICE,
    &crate::memview::MEMORYVIEW,
    &types::OBJECT,
    &types::TYPE,
    &class::SUPER,
    &class::PROPERTY,
    &class::STATICMETHOD,
    &class::CLASSMETHOD,
];

/// A builtin by name.
pub fn lookup(name: Qstr) -> Option<Obj> {
    if let Some(b) = FUNCTIONS.iter().find(|b| b.name == name) {
        return Some(Obj::from_ref(*b));
    }
    if name == q::__build_class__ {
        return Some(Obj::from_ref(&BUILD_CLASS));
    }
    if let Some(t) = TYPES.iter().chain(exc::ALL.iter()).find(|t| t.name == name) {
        return Some(t.obj());
    }
    match name {
        q::NotImplemented => Some(misc::not_implemented()),
        q::Ellipsis => Some(misc::ellipsis()),
        q::__name__ => Some(Obj::qstr(q::__main__)),
        _ => None,
    }
}

/// Built-in modules, created on first import.
pub fn import(name: Qstr) -> R {
    let name = if name == q::utime { q::time } else { name };
    let modules = vm().root(root::MODULES);
    if let Some(m) = dict::dict_get(modules, Obj::qstr(name)) {
        return Ok(m);
    }
    let table: &[(Qstr, Member)] = match name {
        q::gc => GC,
        q::micropython => crate::micropython::MODULE,
        q::sys => SYS,
        q::array => crate::array::MODULE,
        q::r#struct => crate::structmod::MODULE,
        q::time => crate::time::MODULE,
        q::machine => crate::machine::MODULE,
        q::stm => &[],
        _ => {
            return Err(exc::new_fmt(
                &exc::IMPORT_ERROR,
                format_args!("no module named '{}'", name.as_str()),
            ))
        }
    };
    let mut members: Vec<(Qstr, Obj)> = table
        .iter()
        .map(|(n, m)| (*n, types::member_obj(m)))
        .collect();
    match name {
        q::sys => members.extend(sys_values(modules)?),
        q::machine => members.extend(crate::machine::values()),
        q::stm => members.extend(crate::stm::values()?),
        _ => {}
    }
    let m = new_namespace(name, &members)?;
    dict::dict_store(modules, Obj::qstr(name), m)?;
    Ok(m)
}

/// `sys`'s values (its functions are in [`SYS`]).
fn sys_values(modules: Obj) -> R<[(Qstr, Obj); 10]> {
    let version = seq::new_tuple(&[
        Obj::small_unchecked(1),
        Obj::small_unchecked(29),
        Obj::small_unchecked(0),
        crate::str::new_str("")?,
    ])?;
    let implementation = crate::attrtuple::new_attrtuple(
        &[q::name, q::version, q::_machine, q::_mpy, q::_build],
        &[
            Obj::qstr(q::micropython),
            version,
            crate::str::new_str(MACHINE)?,
            Obj::small_unchecked(MPY_VERSION),
            crate::str::new_str(BUILD)?,
        ],
    )?;
    let stdout = new_namespace(q::stdout, &[(q::write, Obj::from_ref(&SYS_STDOUT_WRITE))])?;
    Ok([
        (q::implementation, implementation),
        (q::platform, Obj::qstr(q::pyboard)),
        (q::byteorder, Obj::qstr(q::little)),
        (q::maxsize, int::new_int(i64::from(i32::MAX))?),
        (q::argv, seq::new_list(&[])?),
        (
            q::path,
            string_list(&["", ".frozen", "/flash", "/flash/lib"])?,
        ),
        (
            q::version,
            crate::str::new_str("3.4.0; MicroPython v1.29.0")?,
        ),
        (q::version_info, version_tuple(&[3, 4, 0])?),
        (q::stdout, stdout),
        (q::modules, modules),
    ])
}

fn string_list(items: &[&str]) -> R {
    let objs = items
        .iter()
        .map(|s| crate::str::new_str(s))
        .collect::<R<Vec<_>>>()?;
    seq::new_list(&objs)
}

fn version_tuple(parts: &[i32]) -> R {
    let items: Vec<Obj> = parts.iter().map(|&p| Obj::small_unchecked(p)).collect();
    seq::new_tuple(&items)
}

/// A module object named `name` holding `members`.
fn new_namespace(name: Qstr, members: &[(Qstr, Obj)]) -> R {
    let globals = dict::new_dict(0)?;
    dict::dict_store(globals, Obj::qstr(q::__name__), Obj::qstr(name))?;
    for &(n, v) in members {
        dict::dict_store(globals, Obj::qstr(n), v)?;
    }
    misc::new_module(globals)
}

fn b_import(name: Obj) -> R {
    import(attr_name(name)?)
}

/// `dir(o)`: the names in a module, an instance and its class, or a type.
fn b_dir(args: &[Obj]) -> R {
    let o = match args.first() {
        Some(&o) => o,
        None => return dict_keys(vm().locals.get()),
    };
    fn add_dict(names: &mut Vec<Obj>, d: Obj) {
        if let Some(d) = dict::as_dict(d) {
            names.extend(d.map.entries().map(|(k, _)| k));
        }
    }
    let mut names: Vec<Obj> = Vec::new();
    if o.is_exact(&misc::MODULE) {
        // SAFETY: checked type.
        add_dict(&mut names, unsafe { o.as_ref::<misc::Module>() }.globals);
    } else {
        if o.is_ptr() && o.type_of().is_class() {
            // SAFETY: class instances start with the instance layout.
            add_dict(&mut names, unsafe { o.as_ref::<class::Instance>() }.dict);
        }
        let ty = as_type(o).unwrap_or_else(|| o.type_of());
        ty.walk(&mut |t| {
            match t.as_class() {
                Some(c) => add_dict(&mut names, c.dict),
                None => names.extend(t.members.iter().map(|(n, _)| Obj::qstr(*n))),
            }
            None::<()>
        });
    }
    seq::new_list(&names)
}

fn dict_keys(d: Obj) -> R {
    let keys: Vec<Obj> =
        dict::as_dict(d).map_or_else(Vec::new, |d| d.map.entries().map(|(k, _)| k).collect());
    seq::new_list(&keys)
}

/// `from m import *`.
pub fn import_all(module: Obj, into: Obj) -> R<()> {
    // SAFETY: imports give modules.
    let m = unsafe { module.as_ref::<misc::Module>() };
    let d = dict::as_dict(m.globals).ok_or_else(|| exc::type_error("not a module"))?;
    for (k, v) in d.map.entries() {
        if !crate::str::str_text(k).is_some_and(|t| t.starts_with('_')) {
            dict::dict_store(into, k, v)?;
        }
    }
    Ok(())
}

fn gc_collect() -> R {
    crate::state::collect();
    Ok(Obj::NONE)
}

fn gc_mem_free() -> R {
    int::new_int(vm().heap.usage().1 as i64)
}

fn gc_mem_alloc() -> R {
    int::new_int(vm().heap.usage().0 as i64)
}

fn gc_enable() -> R {
    vm().heap.enabled.set(true);
    Ok(Obj::NONE)
}

fn gc_disable() -> R {
    vm().heap.enabled.set(false);
    Ok(Obj::NONE)
}

fn gc_isenabled() -> R {
    Ok(Obj::bool(vm().heap.enabled.get()))
}

fn sys_stdout_write(s: Obj) -> R {
    let bytes = crate::str::str_bytes(s)
        .or_else(|| crate::str::bytes_data(s))
        .ok_or_else(|| exc::type_error("object with buffer protocol required"))?;
    Console.put(bytes);
    Ok(Obj::small_unchecked(bytes.len() as i32))
}

fn sys_print_exception(args: &[Obj]) -> R {
    let mut out = Vec::new();
    exc::print_exception(&mut out, args[0]);
    Console.put(&out);
    Ok(Obj::NONE)
}

fn sys_exit(args: &[Obj]) -> R {
    Err(exc::raise(&exc::SYSTEM_EXIT, args))
}

fn gc_threshold(args: &[Obj]) -> R {
    let heap = &vm().heap;
    match args.first() {
        None => match heap.threshold.get() {
            None => Ok(Obj::small_unchecked(-1)),
            Some(blocks) => int::new_int((blocks * crate::gc::BLOCK) as i64),
        },
        Some(&v) => {
            let bytes = runtime::to_int(v)?;
            heap.threshold
                .set((bytes >= 0).then_some(bytes as usize / crate::gc::BLOCK));
            Ok(Obj::NONE)
        }
    }
}

static GC_COLLECT: Builtin = Builtin::new(q::collect, Fun::F0(gc_collect));
static GC_MEM_FREE: Builtin = Builtin::new(q::mem_free, Fun::F0(gc_mem_free));
static GC_MEM_ALLOC: Builtin = Builtin::new(q::mem_alloc, Fun::F0(gc_mem_alloc));
static GC_ENABLE: Builtin = Builtin::new(q::enable, Fun::F0(gc_enable));
static GC_DISABLE: Builtin = Builtin::new(q::disable, Fun::F0(gc_disable));
static GC_ISENABLED: Builtin = Builtin::new(q::isenabled, Fun::F0(gc_isenabled));
static GC_THRESHOLD: Builtin = Builtin::new(q::threshold, Fun::Var(0, 1, gc_threshold));
static SYS_STDOUT_WRITE: Builtin = Builtin::new(q::write, Fun::F1(sys_stdout_write));
static SYS_PRINT_EXCEPTION: Builtin =
    Builtin::new(q::print_exception, Fun::Var(1, 2, sys_print_exception));
static SYS_EXIT: Builtin = Builtin::new(q::exit, Fun::Var(0, 1, sys_exit));

static GC: &[(Qstr, Member)] = &[
    (q::collect, Member::Fun(&GC_COLLECT)),
    (q::mem_free, Member::Fun(&GC_MEM_FREE)),
    (q::mem_alloc, Member::Fun(&GC_MEM_ALLOC)),
    (q::enable, Member::Fun(&GC_ENABLE)),
    (q::disable, Member::Fun(&GC_DISABLE)),
    (q::isenabled, Member::Fun(&GC_ISENABLED)),
    (q::threshold, Member::Fun(&GC_THRESHOLD)),
];

static SYS: &[(Qstr, Member)] = &[
    (q::print_exception, Member::Fun(&SYS_PRINT_EXCEPTION)),
    (q::exit, Member::Fun(&SYS_EXIT)),
];

/// The board `sys.implementation._machine` names, and its build (`_build`).
const MACHINE: &str = "PYBv1.1 with STM32F405RG";
const BUILD: &str = "PYBV11";

/// `.mpy` version 6, sub-version 3, native architecture armv7emsp (7).
const MPY_VERSION: i32 = 6 | 3 << 8 | 7 << 10;
