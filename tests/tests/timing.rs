//! The timing conformance suite: every case in `tests/timing/*.s` (see its README) must
//! cost exactly the cycles derived beside it from the timing table.

use std::path::PathBuf;

use cyclops_tests::machine;
use emulator::Outcome;

struct Case {
    file: String,
    name: String,
    cycles: u64,
    body: String,
}

fn cases() -> Vec<Case> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("timing");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/timing")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "s"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        for chunk in text.split("@ case: ").skip(1) {
            let (name, rest) = chunk.split_once('\n').unwrap_or((chunk, ""));
            let (header, body) = rest.split_once('\n').unwrap_or((rest, ""));
            let cycles = header
                .strip_prefix("@ cycles: ")
                .and_then(|h| h.split_whitespace().next())
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| {
                    panic!("{file}: case `{name}` needs `@ cycles: N = derivation`")
                });
            cases.push(Case {
                file: file.clone(),
                name: name.trim().to_string(),
                cycles,
                body: body.to_string(),
            });
        }
    }
    cases
}

/// Cycles from reset to the breakpoint after `body`, or what happened instead.
fn run(body: &str) -> Result<u64, String> {
    let mut m = machine(&format!(
        "
        ldr r0, =0xE000ED88    @ CPACR: the FPU on
        ldr r1, =0xF << 20
        str r1, [r0]
        dsb
        isb
        ldr r0, =0x20000100
        movs r1, #64
    0:  subs r1, #1
        str r0, [r0, r1, lsl #2]
        bne 0b
        mov r1, r0
        mov r2, r0
        mov r3, r0
        mov r4, r0
        mov r5, r0
        movs r6, #4
        mov r7, r0
        mov r8, r0
        mov r9, r0
        mov r10, r0
        mov r11, r0
        mov r12, r0
        b 1f
        .align 2
    1:
{body}
        bkpt #0
        .ltorg
    "
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
