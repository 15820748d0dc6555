//! Generators: a function whose frame outlives the call, resumed by `next`/`send`.

use crate::{
    exc::{self, GENERATOR_EXIT, STOP_ITERATION},
    func::{Builtin, Fun, FunBc},
    obj::{Base, Obj},
    qstr::q,
    seq,
    state::alloc_obj,
    types::{is_instance, Args, Member, Type},
    vm::{self, CodeState, Outcome},
    Exc, R,
};

#[repr(C)]
pub struct Generator {
    pub base: Base,
    /// A bytecode generator's frame; a native one's `state` is its native code state.
    pub cs: CodeState,
    pub native: bool,
    pub started: bool,
    pub finished: bool,
    pub running: bool,
}

fn new_generator(cs: CodeState, native: bool) -> R {
    let g = alloc_obj::<Generator>(&GENERATOR, 0)?;
    // SAFETY: freshly allocated; the state array stays reachable through it.
    unsafe {
        core::ptr::write(&mut (*g).cs, cs);
        (*g).native = native;
    }
    Ok(Obj::from_ptr(g))
}

fn gen_fun_call(fun: Obj, args: &Args) -> R {
    new_generator(vm::setup(fun, args)?, false)
}

/// A generator over native code, whose code state (see `native.rs`) is at `cs`.
pub fn new_native(fun: Obj, cs: *mut usize) -> R {
    let frame = CodeState {
        fun,
        ip: 0,
        sp: 0,
        n_exc: 0,
        state: cs.cast(),
    };
    new_generator(frame, true)
}

pub static GEN_FUNCTION: Type = Type {
    call: Some(gen_fun_call),
    ..crate::func::FUNCTION_TYPE_TEMPLATE
};

/// What resuming a generator (or any iterator, for `yield from`) gave.
pub enum Resumed {
    Yield(Obj),
    Return(Obj),
}

fn generator(o: Obj) -> &'static mut Generator {
    // SAFETY: only called on generators.
    unsafe { o.as_ref::<Generator>() }
}

/// Resumes generator `g` with `send` (or throws `throw` into it).
pub fn resume(g: Obj, send: Obj, throw: Option<Exc>) -> R<Resumed> {
    let gen = generator(g);
    if gen.finished {
        return match throw {
            Some(e) => Err(e),
            None => Ok(Resumed::Return(Obj::NONE)),
        };
    }
    if gen.running {
        return Err(exc::value_error("generator already executing"));
    }
    if !gen.started {
        if send != Obj::NONE && throw.is_none() {
            return Err(exc::type_error(
                "can't send non-None value to a just-started generator",
            ));
        }
    } else if throw.is_none() {
        if gen.native {
            // SAFETY: a started native generator's sp is the slot it yielded from.
            unsafe { *crate::native::generator_sp(gen.cs.state.cast()) = send };
        } else {
            gen.cs.push_value(send);
        }
    }
    gen.started = true;
    gen.running = true;
    // SAFETY: the generator's function is a bytecode function.
    let fun = unsafe { gen.cs.fun.as_ref::<FunBc>() };
    let globals = crate::state::vm().globals.replace(fun.context().globals);
    let r = if gen.native {
        crate::native::resume_generator(gen.cs.state.cast(), throw)
    } else {
        crate::probe::execute(&mut gen.cs, throw)
    };
    crate::state::vm().globals.set(globals);
    gen.running = false;
    match r {
        Ok(Outcome::Yield(v)) => Ok(Resumed::Yield(v)),
        Ok(Outcome::Return(v)) => {
            gen.finished = true;
            Ok(Resumed::Return(v))
        }
        Err(e) => {
            gen.finished = true;
            Err(e)
        }
    }
}

/// Resumes any iterator for `yield from`: generators directly, others via `next`.
pub fn resume_any(it: Obj, send: Obj, throw: Option<Exc>) -> R<Resumed> {
    if it.is_exact(&GENERATOR) {
        return resume(it, send, throw);
    }
    if let Some(e) = throw {
        return Err(e);
    }
    let v = crate::runtime::iternext(it)?;
    Ok(if v.is_null() {
        Resumed::Return(Obj::NONE)
    } else {
        Resumed::Yield(v)
    })
}

fn stop_iteration(v: Obj) -> Exc {
    let args: &[Obj] = if v == Obj::NONE { &[] } else { &[v] };
    exc::raise(&STOP_ITERATION, args)
}

fn gen_next(g: Obj) -> R {
    match resume(g, Obj::NONE, None)? {
        Resumed::Yield(v) => Ok(v),
        Resumed::Return(v) if v == Obj::NONE => Ok(Obj::NULL),
        // `next()` shows the return value in the StopIteration (a loop just ends).
        Resumed::Return(v) => Err(stop_iteration(v)),
    }
}

fn gen_send(g: Obj, v: Obj) -> R {
    match resume(g, v, None)? {
        Resumed::Yield(v) => Ok(v),
        Resumed::Return(v) => Err(stop_iteration(v)),
    }
}

fn gen_throw(args: &[Obj]) -> R {
    let e = exc::make_raise_obj(args[1]);
    match resume(args[0], Obj::NONE, Some(e))? {
        Resumed::Yield(v) => Ok(v),
        Resumed::Return(v) => Err(stop_iteration(v)),
    }
}

fn gen_close(g: Obj) -> R {
    let gen = generator(g);
    if !gen.started || gen.finished {
        gen.finished = true;
        return Ok(Obj::NONE);
    }
    let e = exc::new_exception(&GENERATOR_EXIT, &[])?;
    match resume(g, Obj::NONE, Some(Exc(e))) {
        Ok(Resumed::Yield(_)) => Err(exc::new(
            &exc::RUNTIME_ERROR,
            "generator ignored GeneratorExit",
        )),
        Ok(Resumed::Return(_)) => Ok(Obj::NONE),
        Err(e) if is_instance(e.0, &GENERATOR_EXIT) || is_instance(e.0, &STOP_ITERATION) => {
            Ok(Obj::NONE)
        }
        Err(e) => Err(e),
    }
}

fn gen_print(out: &mut dyn crate::types::Out, g: Obj, _: crate::types::Print) -> R<()> {
    // SAFETY: the generator's function is a bytecode function.
    let fun = unsafe { generator(g).cs.fun.as_ref::<FunBc>() };
    crate::print::fmt(
        out,
        format_args!(
            "<generator object '{}' at {:x}>",
            fun.name().as_str(),
            g.word()
        ),
    );
    Ok(())
}

static GEN_SEND: Builtin = Builtin::new(q::send, Fun::F2(gen_send));
static GEN_THROW: Builtin = Builtin::new(q::throw, Fun::Var(2, 4, gen_throw));
static GEN_CLOSE: Builtin = Builtin::new(q::close, Fun::F1(gen_close));

pub static GENERATOR: Type = Type {
    iter: Some(seq::self_iter),
    next: Some(gen_next),
    print: Some(gen_print),
    members: &[
        (q::send, Member::Fun(&GEN_SEND)),
        (q::throw, Member::Fun(&GEN_THROW)),
        (q::close, Member::Fun(&GEN_CLOSE)),
    ],
    ..Type::new(q::generator)
};
