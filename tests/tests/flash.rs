//! Flash wait states behind the ART accelerator (`Config::flash_wait_states`): exact stalls
//! for code and data in flash at FLASH_ACR.LATENCY = 5 with the prefetch buffer and the
//! caches off and on. Each figure is the run's cycles minus those of the same firmware with
//! the option off (zero wait states whatever FLASH_ACR says); the model is in FIDELITY.md.

use cyclops_tests::machine_with;
use emulator::{Config, Outcome};

const LATENCY_5: u32 = 5;
const PRFTEN: u32 = 1 << 8;
const ICEN: u32 = 1 << 9;
const DCEN: u32 = 1 << 10;

fn cycles(body: &str, flash_wait_states: bool) -> u64 {
    let config = Config {
        flash_wait_states,
        ..Config::default()
    };
    let mut m = machine_with(body, config);
    assert!(matches!(
        m.run(100_000).expect("runs"),
        Outcome::Breakpoint { imm: 0, .. }
    ));
    m.cycles()
}

/// The cycles flash wait states add to `body`.
fn stalls(body: &str) -> u64 {
    cycles(body, true) - cycles(body, false)
}

/// A loop over three whole flash lines (0x0800_0210, 0x220, 0x230: 22 NOPs, SUBS, BNE)
/// run `n` times after FLASH_ACR is set to `acr`, then a BKPT in the next line.
fn loop_stalls(acr: u32, n: u8) -> u64 {
    stalls(&format!(
        "
    ldr r0, =0x40023C00
    ldr r1, ={acr:#x}
    movs r2, #{n}
    str r1, [r0]            @ FLASH_ACR: from the next block on
    b 1f
    .balign 16
1:  .rept 22
    nop
    .endr
    subs r2, #1
    bne 1b
    bkpt #0
"
    ))
}

#[test]
fn a_loop_without_prefetch_or_cache_waits_for_every_line_every_time() {
    // 3 lines x 5 per iteration, + 5 for the BKPT's line.
    let per_run: Vec<u64> = (1..=3).map(|n| loop_stalls(LATENCY_5, n)).collect();
    assert_eq!(per_run, [20, 35, 50]);
}

#[test]
fn the_instruction_cache_makes_later_iterations_free() {
    // The cold first iteration misses its 3 lines (15); warm ones hit; BKPT's line: 5.
    let per_run: Vec<u64> = (1..=3).map(|n| loop_stalls(LATENCY_5 | ICEN, n)).collect();
    assert_eq!(per_run, [20, 20, 20]);
}

#[test]
fn prefetch_hides_sequential_lines_but_not_the_branch_back() {
    // Each line runs 8 cycles, more than the 6 a prefetched read takes: only the jump back
    // to the first line waits (5 each iteration); the BKPT's line was prefetched.
    let per_run: Vec<u64> = (1..=3)
        .map(|n| loop_stalls(LATENCY_5 | PRFTEN, n))
        .collect();
    assert_eq!(per_run, [5, 10, 15]);
    let both: Vec<u64> = (1..=3)
        .map(|n| loop_stalls(LATENCY_5 | PRFTEN | ICEN, n))
        .collect();
    assert_eq!(
        both,
        [5, 5, 5],
        "only the first line of the cold iteration waits"
    );
}

#[test]
fn at_zero_latency_the_accelerator_changes_nothing() {
    let per_run: Vec<u64> = (1..=2)
        .map(|n| loop_stalls(PRFTEN | ICEN | DCEN, n))
        .collect();
    assert_eq!(per_run, [0, 0]);
}

/// Literal loads from two flash lines (A, B, A) after FLASH_ACR is set to `acr`.
fn load_stalls(acr: u32) -> u64 {
    stalls(&format!(
        "
    ldr r0, =0x40023C00
    ldr r1, ={acr:#x}
    str r1, [r0]
    b 1f
    .balign 16
1:  ldr r4, 2f              @ line A
    nop
    ldr r5, 3f              @ line B
    nop
    ldr r6, 2f              @ line A again
    bkpt #0
    .balign 16
2:  .word 1
    .balign 16
3:  .word 2
"
    ))
}

#[test]
fn data_loads_from_flash_wait_unless_the_data_cache_holds_the_line() {
    // The code's line: 5. Without the data cache each literal load from another line than
    // the last waits 5; with it, the second load of line A hits.
    assert_eq!(load_stalls(LATENCY_5), 5 + 15);
    assert_eq!(load_stalls(LATENCY_5 | DCEN), 5 + 10);
}
