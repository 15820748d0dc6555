//! Non-local returns the way MicroPython's native code uses them. Native code calls
//! `nlr_push` (fun-table entry 32) with a buffer in its own frame, writes its handler's
//! address over the saved r4 (word 3), and expects a raise to come back from that
//! `nlr_push` a second time, returning 1, with the exception in word 1.
//!
//! Rust never returns twice: it enters machine code only through [`call`], an assembly
//! trampoline that owns a buffer of its own and turns a jump to it into an `Err`. The
//! trampoline also saves s16-s31, which Rust code skipped by a jump may have changed and
//! native code never touches. A fun-table entry that fails raises with [`raise`] after
//! its Rust callees have returned, so no destructor is skipped.

use crate::{Exc, R};

/// MicroPython's `nlr_buf_t` on Thumb with its 16 register slots: 19 words, of which
/// native code reads `ret_val` and overwrites `regs[1]` (r4).
#[cfg(target_arch = "arm")]
#[repr(C)]
pub struct NlrBuf {
    prev: *mut NlrBuf,
    ret_val: usize,
    /// lr, r4-r11, sp, then room for d8-d10 that our Rust code never needs here.
    regs: [usize; 17],
}

#[cfg(target_arch = "arm")]
mod arm {
    use core::{arch::global_asm, ptr};

    use super::NlrBuf;

    /// The innermost active buffer. The assembly below reads and writes it too.
    #[no_mangle]
    static mut CYCLOPS_NLR_TOP: *mut NlrBuf = ptr::null_mut();

    global_asm!(
        ".syntax unified",
        ".fpu fpv4-sp-d16",
        ".thumb",
        // u32 cyclops_nlr_push(NlrBuf *buf): saves the callee-saved state; 0 now, 1
        // when a raise jumps back here.
        ".section .text.cyclops_nlr_push,\"ax\",%progbits",
        ".global cyclops_nlr_push",
        ".type cyclops_nlr_push,%function",
        ".thumb_func",
        "cyclops_nlr_push:",
        "str lr, [r0, #8]",
        "str r4, [r0, #12]",
        "str r5, [r0, #16]",
        "str r6, [r0, #20]",
        "str r7, [r0, #24]",
        "str r8, [r0, #28]",
        "str r9, [r0, #32]",
        "str r10, [r0, #36]",
        "str r11, [r0, #40]",
        "mov r1, sp",
        "str r1, [r0, #44]",
        "movw r1, :lower16:CYCLOPS_NLR_TOP",
        "movt r1, :upper16:CYCLOPS_NLR_TOP",
        "ldr r2, [r1]",
        "str r2, [r0]",
        "str r0, [r1]",
        "movs r0, #0",
        "bx lr",
        // void cyclops_nlr_pop(void)
        ".section .text.cyclops_nlr_pop,\"ax\",%progbits",
        ".global cyclops_nlr_pop",
        ".type cyclops_nlr_pop,%function",
        ".thumb_func",
        "cyclops_nlr_pop:",
        "movw r1, :lower16:CYCLOPS_NLR_TOP",
        "movt r1, :upper16:CYCLOPS_NLR_TOP",
        "ldr r2, [r1]",
        "ldr r2, [r2]",
        "str r2, [r1]",
        "bx lr",
        // noreturn cyclops_nlr_jump(obj exc): pops the innermost buffer and resumes
        // its nlr_push with 1.
        ".section .text.cyclops_nlr_jump,\"ax\",%progbits",
        ".global cyclops_nlr_jump",
        ".type cyclops_nlr_jump,%function",
        ".thumb_func",
        "cyclops_nlr_jump:",
        "movw r1, :lower16:CYCLOPS_NLR_TOP",
        "movt r1, :upper16:CYCLOPS_NLR_TOP",
        "ldr r2, [r1]",
        "ldr r3, [r2]",
        "str r3, [r1]",
        "str r0, [r2, #4]",
        "ldr lr, [r2, #8]",
        "ldr r4, [r2, #12]",
        "ldr r5, [r2, #16]",
        "ldr r6, [r2, #20]",
        "ldr r7, [r2, #24]",
        "ldr r8, [r2, #28]",
        "ldr r9, [r2, #32]",
        "ldr r10, [r2, #36]",
        "ldr r11, [r2, #40]",
        "ldr r1, [r2, #44]",
        "mov sp, r1",
        "movs r0, #1",
        "bx lr",
        // u32 cyclops_native_call(usize frame[7]): calls frame[0] (a Thumb address)
        // with frame[1..5] in r0-r3; frame[5] receives the result (returns 0) or the
        // exception raised (returns 1); frame[6] names the code for the emulator's
        // call probes (`probe.rs`).
        ".section .text.cyclops_native_call,\"ax\",%progbits",
        ".global cyclops_native_call",
        ".type cyclops_native_call,%function",
        ".thumb_func",
        "cyclops_native_call:",
        "push {{r3-r11, lr}}",
        "vpush {{s16-s31}}",
        // 19-word buffer, rounded up to keep sp 8-byte aligned.
        "sub sp, sp, #80",
        "mov r4, r0",
        "mov r0, sp",
        "bl cyclops_nlr_push",
        "cbnz r0, 1f",
        "ldr r0, [r4, #4]",
        "ldr r1, [r4, #8]",
        "ldr r2, [r4, #12]",
        "ldr r3, [r4, #16]",
        "ldr r12, [r4, #0]",
        ".global cyclops_native_call_site",
        ".type cyclops_native_call_site,%function",
        ".thumb_func",
        "cyclops_native_call_site:",
        "blx r12",
        ".global cyclops_native_returned",
        ".type cyclops_native_returned,%function",
        ".thumb_func",
        "cyclops_native_returned:",
        "str r0, [r4, #20]",
        "bl cyclops_nlr_pop",
        "movs r0, #0",
        "b 2f",
        ".global cyclops_native_raised",
        ".type cyclops_native_raised,%function",
        ".thumb_func",
        "cyclops_native_raised:",
        "1:",
        "ldr r0, [sp, #4]",
        "str r0, [r4, #20]",
        "movs r0, #1",
        "2:",
        "add sp, sp, #80",
        "vpop {{s16-s31}}",
        "pop {{r3-r11, pc}}",
    );

    extern "C" {
        pub fn cyclops_nlr_push(buf: *mut NlrBuf) -> u32;
        pub fn cyclops_nlr_pop();
        pub fn cyclops_nlr_jump(exc: usize) -> !;
        pub fn cyclops_native_call(frame: *mut usize) -> u32;
    }
}

/// Fun-table entries 32 and 33.
#[cfg(target_arch = "arm")]
pub use arm::{cyclops_nlr_pop as pop, cyclops_nlr_push as push};

/// Calls the machine code at `entry` with `args` in r0-r3, catching what it raises.
/// `id` is the code's index in its module (for the emulator's call probes).
#[cfg(target_arch = "arm")]
pub fn call(entry: usize, args: [usize; 4], id: u32) -> R<usize> {
    let mut frame = [
        entry | 1,
        args[0],
        args[1],
        args[2],
        args[3],
        0,
        id as usize,
    ];
    // SAFETY: `entry` is linked machine code that follows the native ABI; the
    // trampoline catches every raise inside it.
    let raised = unsafe { arm::cyclops_native_call(frame.as_mut_ptr()) };
    if raised == 0 {
        Ok(frame[5])
    } else {
        Err(Exc(crate::obj::Obj::from_word(frame[5])))
    }
}

/// Raises `e` into the innermost native frame (or [`call`]'s trampoline).
#[cfg(target_arch = "arm")]
pub fn raise(e: Exc) -> ! {
    // SAFETY: only fun-table entries raise, and they run below a `call`.
    unsafe { arm::cyclops_nlr_jump(e.0.word()) }
}

#[cfg(not(target_arch = "arm"))]
pub struct NlrBuf;

/// Off the Cortex-M, machine code for it cannot run: calling it is an error, so the
/// entries below are never reached.
#[cfg(not(target_arch = "arm"))]
pub fn call(_: usize, _: [usize; 4], _: u32) -> R<usize> {
    Err(crate::exc::not_implemented(
        "native code runs only on the Cortex-M4",
    ))
}

#[cfg(not(target_arch = "arm"))]
pub fn raise(_: Exc) -> ! {
    unreachable!("native code runs only on the Cortex-M4")
}

#[cfg(not(target_arch = "arm"))]
pub extern "C" fn push(_: *mut NlrBuf) -> u32 {
    unreachable!("native code runs only on the Cortex-M4")
}

#[cfg(not(target_arch = "arm"))]
pub extern "C" fn pop() {
    unreachable!("native code runs only on the Cortex-M4")
}
