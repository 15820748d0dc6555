//! Flash wait states behind the ART accelerator (`Config::flash_wait_states`): exact stalls
//! for code and data in flash at FLASH_ACR.LATENCY = 5 with the prefetch buffer and the
//! caches off and on. Each figure is the run's cycles minus those of the same firmware with
//! the option off (zero wait states whatever FLASH_ACR says); the model is in FIDELITY.md.

use cyclops_tests::{machine_with, step_through};
use emulator::{Config, Machine, Outcome};

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

/// `code` at the start of a flash line (C), run after `setup` and after FLASH_ACR is set to
/// `acr`. The image ends on a line boundary, so its literal pool (read only before the
/// FLASH_ACR write, at zero wait states) has a line of its own.
fn program(acr: u32, setup: &str, code: &str) -> String {
    format!(
        "
{setup}
    ldr r7, =0x40023C00
    ldr r6, ={acr:#x}
    str r6, [r7]            @ FLASH_ACR
    b 1f
    .balign 16
1:
{code}
    .balign 16
"
    )
}

/// The cycles flash wait states add to `code` (see [`program`]).
fn stalls_after(acr: u32, setup: &str, code: &str) -> u64 {
    stalls(&program(acr, setup, code))
}

/// Runs `code` (see [`program`]) to its BKPT with or without flash wait states.
fn run_after(acr: u32, setup: &str, code: &str, flash_wait_states: bool) -> Machine {
    let config = Config {
        flash_wait_states,
        ..Config::default()
    };
    let mut m = machine_with(&program(acr, setup, code), config);
    assert!(matches!(
        m.run(100_000).expect("runs"),
        Outcome::Breakpoint { imm: 0, .. }
    ));
    m
}

/// A flash table of two lines: T holds words 1-4, U word 5.
const TABLE: &str = "
    .balign 16
table:
    .word 1, 2, 3, 4        @ line T
    .word 5                 @ line U
";

/// Four word loads from [`TABLE`] through r0, then the same PC-relative.
const THROUGH_A_REGISTER: &str = "
    ldr r1, [r0]            @ line T
    ldr r2, [r0, #12]       @ line T
    ldr r3, [r0, #16]       @ line U
    ldr r4, [r0]            @ line T
    bkpt #0
";
const PC_RELATIVE: &str = "
    ldr r1, table           @ line T
    ldr r2, table + 12      @ line T
    ldr r3, table + 16      @ line U
    ldr r4, table           @ line T
    bkpt #0
";

const TABLE_IN_R0: &str = "    adr r0, table";

#[test]
fn loads_through_a_register_wait_for_the_data_side_as_they_run() {
    // The code's line C: 5. Then T misses (5); T again is the line the data side read
    // last (0); U misses (5); T once more: 5 without the data cache, a hit with it.
    let code = format!("{THROUGH_A_REGISTER}{TABLE}");
    assert_eq!(stalls_after(LATENCY_5, TABLE_IN_R0, &code), 5 + 5 + 5 + 5);
    assert_eq!(
        stalls_after(LATENCY_5 | DCEN, TABLE_IN_R0, &code),
        5 + 5 + 5
    );
    let m = run_after(LATENCY_5 | DCEN, TABLE_IN_R0, &code, true);
    assert_eq!([1, 2, 3, 4].map(|r| m.register(r)), [1, 4, 5, 1]);
}

#[test]
fn a_literal_load_costs_what_a_register_load_of_the_same_line_does() {
    for acr in [LATENCY_5, LATENCY_5 | DCEN] {
        assert_eq!(
            stalls_after(acr, TABLE_IN_R0, &format!("{PC_RELATIVE}{TABLE}")),
            stalls_after(acr, TABLE_IN_R0, &format!("{THROUGH_A_REGISTER}{TABLE}")),
            "ACR {acr:#x}"
        );
    }
}

#[test]
fn the_instructions_after_a_flash_load_wait_for_it() {
    // CYCCNT read before and after a load from a line the data side does not hold: the
    // interval is 5 cycles longer with wait states. The NOP first: the stall belongs to
    // the load, not to the start of its block.
    let setup = "
    ldr r0, =0xE000EDFC
    ldr r1, =0x01000000
    str r1, [r0]            @ DEMCR.TRCENA
    ldr r0, =0xE0001000
    movs r1, #1
    str r1, [r0]            @ DWT_CTRL.CYCCNTENA
    adds r0, #4             @ CYCCNT
    adr r1, table";
    let code = format!(
        "
    nop
    ldr r2, [r0]
    ldr r3, [r1]            @ line T: 5
    ldr r4, [r0]
    bkpt #0
{TABLE}"
    );
    let interval = |flash_wait_states| {
        let m = run_after(LATENCY_5, setup, &code, flash_wait_states);
        m.register(4) - m.register(2)
    };
    assert_eq!(interval(true), interval(false) + 5);
}

#[test]
fn a_word_straddling_two_lines_reads_both() {
    // The code's line C: 5; an unaligned word at T + 14 needs lines T and U: 5 + 5.
    let code = format!("    ldr r1, [r0]\n    bkpt #0\n{TABLE}");
    assert_eq!(
        stalls_after(LATENCY_5, "    adr r0, table\n    adds r0, #14", &code),
        5 + 5 + 5
    );
}

#[test]
fn the_alias_at_0_reads_the_same_lines() {
    // The code's line C: 5; T through the base: 5; T through the alias is the line the
    // data side read last: 0; U through the alias: 5.
    let code = format!(
        "
    ldr r2, [r0]            @ line T
    ldr r3, [r1]            @ line T
    ldr r4, [r1, #16]       @ line U
    bkpt #0
{TABLE}"
    );
    let setup = "    adr r0, table\n    sub.w r1, r0, #0x08000000";
    assert_eq!(stalls_after(LATENCY_5, setup, &code), 5 + 5 + 5);
    let m = run_after(LATENCY_5, setup, &code, true);
    assert_eq!([2, 3, 4].map(|r| m.register(r)), [1, 1, 5]);
}

#[test]
fn tbb_reads_its_table_through_the_data_side() {
    // tbb sits in line C (5) with its table right after it: the instruction side holds C,
    // but the data side reads its byte from C again (5). The branch goes to line D (5).
    let code = "
    tbb [pc, r2]
2:  .byte (3f - 2b) / 2, (4f - 2b) / 2
3:  bkpt #1                 @ entry 0: not taken
    .balign 16
4:  bkpt #0                 @ entry 1, line D
";
    assert_eq!(stalls_after(LATENCY_5, "    movs r2, #1", code), 5 + 5 + 5);
}

#[test]
fn ldm_from_flash_pays_for_each_line_it_reads() {
    // The code's line C: 5. Four words from T + 8: T + 8 misses (5), T + 12 is the line
    // read last (0), U + 0 misses (5), U + 4 is the line read last (0).
    let code = "
    ldm r0, {r1-r4}
    bkpt #0
    .balign 16
table:
    .word 0, 0, 1, 2        @ line T
    .word 3, 4              @ line U
";
    for acr in [LATENCY_5, LATENCY_5 | DCEN] {
        assert_eq!(
            stalls_after(acr, "    adr r0, table + 8", code),
            5 + 5 + 5,
            "ACR {acr:#x}"
        );
    }
}

#[test]
fn a_load_whose_it_condition_fails_reads_nothing() {
    // Z is set: ldrne does not execute, so it reads no line; ldreq misses U (5); the code's
    // line C: 5. Were ldrne charged, T would miss too (5 more).
    let code = format!(
        "
    cmp r0, r0
    ite ne
    ldrne r1, [r0]          @ line T
    ldreq r3, [r0, #16]     @ line U
    bkpt #0
{TABLE}"
    );
    assert_eq!(stalls_after(LATENCY_5, TABLE_IN_R0, &code), 5 + 5);
}

#[test]
fn a_flash_load_in_an_it_block_leaves_no_it_state_behind() {
    // The hook sees the IT state of ldreq; left set, it would predicate the next block's
    // instructions as if they were ldreq (EQ) and ldrne (NE, false: skipped).
    let code = format!(
        "
    cmp r0, r0
    ite eq
    ldreq r1, [r0]          @ line T: 5
    ldrne r3, [r0, #16]
    b 2f
2:  movs r4, #1
    movs r5, #2
    bkpt #0
{TABLE}"
    );
    let m = run_after(LATENCY_5, TABLE_IN_R0, &code, true);
    assert_eq!([1, 4, 5].map(|r| m.register(r)), [1, 1, 2]);
    // The code's line C: 5; line T: 5.
    assert_eq!(stalls_after(LATENCY_5, TABLE_IN_R0, &code), 5 + 5);
}

#[test]
fn data_loads_at_zero_latency_cost_nothing() {
    // The accelerator on but LATENCY 0: every kind of flash load above costs exactly what
    // it does without the option.
    let code = format!(
        "
    ldm r0, {{r1-r4}}
    tbb [pc, r2]
2:  .byte 0, (3f - 2b) / 2
3:
{THROUGH_A_REGISTER}{TABLE}"
    );
    let setup = "    adr r0, table\n    movs r2, #1";
    assert_eq!(stalls_after(PRFTEN | ICEN | DCEN, setup, &code), 0);
}

#[test]
fn a_block_cut_at_a_store_keeps_what_its_loads_read() {
    // The store pends IRQ 0, taken before the next instruction: the block stops there and
    // its fetches are replayed, but its load of T has happened. Line C: 5; T: 5; the
    // handler's line H: 5; C again on return: 5; T again: the line read last, 0.
    let setup = "
    ldr r3, =0xE000E100     @ NVIC_ISER0
    movs r1, #1
    str r1, [r3]            @ IRQ 0 enabled
    adr r0, table";
    let code = format!(
        "
    ldr r2, [r0]            @ line T
    movw r3, #0xE200
    movt r3, #0xE000        @ NVIC_ISPR0, an address this block forms itself
    str r1, [r3]            @ IRQ 0 pends
    ldr r4, [r0]            @ line T
    bkpt #0
    .thumb_func
IRQ0_Handler:               @ line H
    bx lr
{TABLE}"
    );
    assert_eq!(stalls_after(LATENCY_5, setup, &code), 5 + 5 + 5 + 5);
}

#[test]
fn an_interrupt_among_flash_loads_is_taken_where_stepping_takes_it() {
    // Stepping runs each instruction as a block of its own. A run must cut its block at the
    // same instruction although each load's wait (T and U alternate: every one misses) is
    // only known as it runs.
    let setup = "
    ldr r3, =0xE000E010
    movs r1, #100
    str r1, [r3, #4]        @ SysTick RVR = 100
    movs r1, #7
    str r1, [r3]            @ enabled with its interrupt
    adr r0, table";
    let code = format!(
        "
start:
    .rept 30
    adds r2, #1
    ldr r3, [r0]            @ line T
    ldr r4, [r0, #16]       @ line U
    .endr
    bkpt #0
    .thumb_func
SysTick_Handler:
    ldr r1, [sp, #24]       @ the stacked return address
    ldr r3, =start
    subs r1, r1, r3
    ldr r3, =0x20000100
    str r1, [r3]
    movs r1, #0
    ldr r3, =0xE000E010
    str r1, [r3]            @ one tick only
    bx lr
    .ltorg
{TABLE}"
    );
    let config = Config {
        flash_wait_states: true,
        ..Config::default()
    };
    let body = program(LATENCY_5, setup, &code);
    let mut ran = machine_with(&body, config);
    assert!(matches!(
        ran.run(100_000).expect("runs"),
        Outcome::Breakpoint { imm: 0, .. }
    ));
    let mut stepped = machine_with(&body, config);
    let outcome = step_through(&mut stepped, |_| {});
    assert!(matches!(outcome, Outcome::Breakpoint { imm: 0, .. }));
    let taken_at = |m: &mut Machine| {
        let b = m.read_memory(0x2000_0100, 4);
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    };
    let at = taken_at(&mut ran);
    // 30 groups of 6 bytes.
    assert!(
        at > 0 && at < 30 * 6,
        "taken inside the loads, not after: {at}"
    );
    assert_eq!(at, taken_at(&mut stepped));
    assert_eq!(
        (ran.cycles(), ran.instructions()),
        (stepped.cycles(), stepped.instructions())
    );
}
