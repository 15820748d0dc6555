//! The timing conformance suite: every case in `tests/timing/*.s` (see its README) must
//! cost exactly the cycles derived beside it from the timing table, alone and inside the
//! one firmware image that measures them all with DWT->CYCCNT.

use cyclops_tests::{
    machine,
    suite::{self, cases, SETUP, START},
};
use emulator::{Event, Outcome};

/// Cycles from reset to the breakpoint after `body`, or what happened instead.
fn run(body: &str) -> Result<u64, String> {
    let mut m = machine(&format!(
        "{START}
        bl setup
        mov r12, r0
        b .Lbody
        .align 2
    .Lbody:
{body}
        bkpt #0
        .ltorg
{SETUP}"
    ));
    match m.run(100_000).expect("runs") {
        Outcome::Breakpoint { imm: 0, .. } => Ok(m.cycles()),
        other => Err(format!("{other:?}")),
    }
}

#[test]
fn every_case_costs_its_derived_cycles() {
    let cases = cases();
    assert!(cases.len() >= 120, "{} cases", cases.len());
    let base = run("").expect("the empty case runs");
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| match run(&c.body) {
            Ok(total) if total - base == c.cycles => None,
            Ok(total) => Some(format!(
                "{}: {}: expected {} cycles, got {}",
                c.file,
                c.name,
                c.cycles,
                total - base
            )),
            Err(e) => Some(format!(
                "{}: {}: did not reach its end: {e}",
                c.file, c.name
            )),
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The suite image prints `overhead N`, then `name measured expected` per case, then
/// `differ M`, and exits with M.
#[test]
fn the_suite_image_measures_every_case_with_cyccnt() {
    let cases = cases();
    let mut m = machine(&suite::image_source(&cases));
    let outcome = m.run(50_000_000).expect("runs");
    let uart: Vec<u8> = m
        .drain_events()
        .into_iter()
        .filter_map(|e| match e {
            Event::Uart { uart: 1, byte, .. } => Some(byte),
            _ => None,
        })
        .collect();
    let text = String::from_utf8(uart).expect("ASCII");
    let mut lines = text.lines();
    let overhead = lines.next().expect("an overhead line");
    assert!(overhead.starts_with("overhead "), "{overhead}");
    let mut failures = Vec::new();
    for case in &cases {
        let line = lines
            .next()
            .unwrap_or_else(|| panic!("no line for {}", case.name));
        let fields: Vec<&str> = line.split(' ').collect();
        let want = format!("{}", case.cycles);
        if fields != [case.name.as_str(), fields[1], want.as_str()] {
            panic!("`{line}` is not `{} <measured> {want}`", case.name);
        }
        if fields[1] != want {
            failures.push(format!("{}: {}: measured {}", case.file, line, fields[1]));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    assert_eq!(lines.collect::<Vec<_>>(), ["differ 0"]);
    assert_eq!(outcome, Outcome::Exited(0));
}

/// Unicorn ends a translated block at every 1 KiB page: the instructions either side of the
/// boundary still pipeline (or stall) as neighbours.
#[test]
fn neighbours_across_a_page_boundary_pipeline() {
    let base = run("").expect("the empty case runs");
    // `first` sits in the last halfword of a page, `second` at the start of the next.
    let straddle = |first: &str, second: &str| {
        let body =
            format!("    b 1f\n    .balign 1024\n    .skip 1022\n1:  {first}\n    {second}\n");
        run(&body).expect("runs") - base
    };
    // B (1 + P 1) + LDR 2 + LDR 1 (after a load)
    assert_eq!(straddle("ldr r0, [r1]", "ldr r2, [r3]"), 5);
    // B (1 + P 1) + ADDS 1 + LDR (2 + 1: its base came from the ALU)
    assert_eq!(straddle("adds r1, #0", "ldr r0, [r1]"), 6);
    // B (1 + P 1) + STR 1 + LDR (2 + 1: after a store)
    assert_eq!(straddle("str r0, [r1]", "ldr r2, [r3]"), 6);
}
