//! `time` (also imported as `utime`): MicroPython's ticks functions and sleeps, on the
//! board's counters. Ticks wrap at 2^30, as MicroPython's `extmod/modtime.c` has them.

use crate::{
    board::board,
    exc,
    float::float_value,
    func::{Builtin, Fun},
    obj::Obj,
    qstr::{q, Qstr},
    runtime::to_int,
    types::Member,
    R,
};

const PERIOD: u32 = 1 << 30;
const MASK: u32 = PERIOD - 1;

fn ticks(v: u32) -> R {
    Ok(Obj::small_unchecked((v & MASK) as i32))
}

fn ticks_ms() -> R {
    ticks((board().millis)())
}

fn ticks_us() -> R {
    ticks((board().micros)())
}

fn ticks_cpu() -> R {
    ticks((board().cycles)())
}

/// Ticks arguments come from the ticks functions: small ints.
fn ticks_diff(end: Obj, start: Obj) -> R {
    let (end, start) = (to_int(end)? as u32, to_int(start)? as u32);
    let half = PERIOD / 2;
    let diff = (end.wrapping_sub(start).wrapping_add(half) & MASK) as i32 - half as i32;
    Ok(Obj::small_unchecked(diff))
}

fn ticks_add(t: Obj, delta: Obj) -> R {
    let (t, delta) = (to_int(t)?, to_int(delta)?);
    let half = (PERIOD / 2) as i32;
    if !(-half..half).contains(&delta) {
        return Err(exc::new(&exc::OVERFLOW_ERROR, "ticks interval overflow"));
    }
    ticks(t.wrapping_add(delta) as u32)
}

/// Sleeps `us` microseconds, in pieces the board's `sleep_us` takes, after running what
/// `micropython.schedule` queued (MicroPython's delays poll for it).
fn sleep_for(mut us: u64) -> R<()> {
    crate::micropython::run_scheduled()?;
    const PIECE: u64 = 1 << 30;
    while us > 0 {
        let piece = us.min(PIECE);
        (board().sleep_us)(piece as u32);
        us -= piece;
    }
    Ok(())
}

/// Seconds, int or float; a float is cut to whole milliseconds, as on MicroPython.
fn sleep(s: Obj) -> R {
    let ms = match float_value(s) {
        Some(f) => (1000.0 * f) as i64,
        None => i64::from(to_int(s)?) * 1000,
    };
    sleep_ms_for(ms)
}

fn sleep_ms_for(ms: i64) -> R {
    if ms > 0 {
        sleep_for(ms as u64 * 1000)?;
    }
    Ok(Obj::NONE)
}

fn sleep_ms(ms: Obj) -> R {
    sleep_ms_for(to_int(ms)?.into())
}

fn sleep_us(us: Obj) -> R {
    let us = to_int(us)?;
    if us > 0 {
        sleep_for(us as u64)?;
    }
    Ok(Obj::NONE)
}

static TICKS_MS: Builtin = Builtin::new(q::ticks_ms, Fun::F0(ticks_ms));
static TICKS_US: Builtin = Builtin::new(q::ticks_us, Fun::F0(ticks_us));
static TICKS_CPU: Builtin = Builtin::new(q::ticks_cpu, Fun::F0(ticks_cpu));
static TICKS_DIFF: Builtin = Builtin::new(q::ticks_diff, Fun::F2(ticks_diff));
static TICKS_ADD: Builtin = Builtin::new(q::ticks_add, Fun::F2(ticks_add));
static SLEEP: Builtin = Builtin::new(q::sleep, Fun::F1(sleep));
static SLEEP_MS: Builtin = Builtin::new(q::sleep_ms, Fun::F1(sleep_ms));
static SLEEP_US: Builtin = Builtin::new(q::sleep_us, Fun::F1(sleep_us));

pub static MODULE: &[(Qstr, Member)] = &[
    (q::ticks_ms, Member::Fun(&TICKS_MS)),
    (q::ticks_us, Member::Fun(&TICKS_US)),
    (q::ticks_cpu, Member::Fun(&TICKS_CPU)),
    (q::ticks_diff, Member::Fun(&TICKS_DIFF)),
    (q::ticks_add, Member::Fun(&TICKS_ADD)),
    (q::sleep, Member::Fun(&SLEEP)),
    (q::sleep_ms, Member::Fun(&SLEEP_MS)),
    (q::sleep_us, Member::Fun(&SLEEP_US)),
];
