//! Where the emulator watches Python calls (`cyclops bench`). Every bytecode frame runs
//! through the call at `cyclops_bytecode_call_site`, and every entry into machine code
//! (a native or viper function, a native generator's resume) through the call at
//! `cyclops_native_call_site` (in `native/nlr.rs`). The emulator hooks those two
//! instructions and where their callers resume, and reads which function is called: for
//! bytecode r0 is the code state, whose word 0 is the function, whose word 3 is its
//! [`crate::func::Proto`], whose word 0 is the raw code's index in the module's tree; for
//! machine code r4 is the trampoline's frame, whose word 6 is that index. Hooks add no
//! instruction, so watched and unwatched runs take the same cycles.

use core::mem::MaybeUninit;

use crate::{
    vm::{self, CodeState, Outcome},
    Exc, R,
};

#[cfg(target_arch = "arm")]
core::arch::global_asm!(
    ".syntax unified",
    ".thumb",
    // void cyclops_bytecode_call(CodeState *cs, obj throw, R<Outcome> *out)
    ".section .text.cyclops_bytecode_call,\"ax\",%progbits",
    ".global cyclops_bytecode_call",
    ".type cyclops_bytecode_call,%function",
    ".thumb_func",
    "cyclops_bytecode_call:",
    "push {{r4, lr}}",
    ".global cyclops_bytecode_call_site",
    ".type cyclops_bytecode_call_site,%function",
    ".thumb_func",
    "cyclops_bytecode_call_site:",
    "bl cyclops_execute",
    ".global cyclops_bytecode_returned",
    ".type cyclops_bytecode_returned,%function",
    ".thumb_func",
    "cyclops_bytecode_returned:",
    "pop {{r4, pc}}",
);

#[cfg(target_arch = "arm")]
extern "C" {
    /// `out` is an `R<Outcome>` the stub only passes on.
    fn cyclops_bytecode_call(cs: *mut CodeState, throw: usize, out: *mut ());
}

/// Runs a bytecode frame (see [`vm::execute`]) through the watched call.
pub fn execute(cs: &mut CodeState, throw: Option<Exc>) -> R<Outcome> {
    let mut out = MaybeUninit::<R<Outcome>>::uninit();
    let throw = throw.map_or(0, |e| e.0.word());
    #[cfg(target_arch = "arm")]
    // SAFETY: the stub calls `cyclops_execute` with the same arguments.
    unsafe {
        cyclops_bytecode_call(cs, throw, out.as_mut_ptr().cast())
    };
    #[cfg(not(target_arch = "arm"))]
    cyclops_execute(cs, throw, out.as_mut_ptr());
    // SAFETY: `cyclops_execute` wrote it.
    unsafe { out.assume_init() }
}

#[no_mangle]
extern "C" fn cyclops_execute(cs: *mut CodeState, throw: usize, out: *mut R<Outcome>) {
    let throw = (throw != 0).then(|| Exc(crate::obj::Obj::from_word(throw)));
    // SAFETY: `execute` passes its live arguments.
    unsafe { out.write(vm::execute(&mut *cs, throw)) }
}
