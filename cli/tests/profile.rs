//! Cycles per Python function (`cyclops::profile`): names, emitters, exact call counts,
//! determinism, and a viper function whose figure is checked against the TRM sum of
//! the instructions it runs, derived from its disassembly.

use std::collections::HashMap;

use cyclops::profile::{self, Emitter, Profiled, Stats};
use cyclops_tests::trm;
use cyclops_vm::mpy::{self, RawCode};
use emulator::Outcome;

const SCRIPT: &str = "\
import micropython

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

@micropython.native
def nat_sum(n):
    s = 0
    for i in range(n):
        s += i
    return s

@micropython.viper
def vip_sum(n: int) -> int:
    s = 0
    for i in range(n):
        s += i
    return s

@micropython.viper
def nop():
    pass

class C:
    def m(self):
        def inner():
            return fib(3)
        return inner()

print(fib(8), nat_sum(100), vip_sum(100), C().m())
for _ in range(3):
    nop()
";

fn run(source: &str, options: &[&str]) -> Profiled {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("prof.py");
    std::fs::write(&path, source).unwrap();
    match profile::run(&path, options, 1 << 32, &mut |_| {}) {
        Ok(p) => p,
        Err(f) => panic!("{:#}", f.split().1),
    }
}

fn by_name(p: &Profiled) -> HashMap<&str, (Emitter, Stats)> {
    p.functions
        .iter()
        .map(|(f, s)| (f.name.as_str(), (f.emitter, *s)))
        .collect()
}

#[test]
fn every_function_is_named_with_its_emitter_and_exact_call_counts() {
    let p = run(SCRIPT, &[]);
    assert_eq!(p.outcome, Outcome::Exited(0));
    assert_eq!(String::from_utf8_lossy(&p.output), "21 4950 4950 2\n");
    let names: Vec<(&str, Emitter, u64)> = p
        .functions
        .iter()
        .map(|(f, s)| (f.name.as_str(), f.emitter, s.calls))
        .collect();
    assert_eq!(
        names,
        [
            ("<module>", Emitter::Bytecode, 1),
            // fib(8) makes 67 calls, fib(3) 5.
            ("fib", Emitter::Bytecode, 72),
            ("nat_sum", Emitter::Native, 1),
            ("vip_sum", Emitter::Viper, 1),
            ("nop", Emitter::Viper, 3),
            ("C", Emitter::Bytecode, 1),
            ("C.m", Emitter::Bytecode, 1),
            ("C.m.<locals>.inner", Emitter::Bytecode, 1),
        ]
    );
    let f = by_name(&p);
    // fib only calls itself: all its time is its own.
    assert_eq!(f["fib"].1.inclusive, f["fib"].1.exclusive);
    // Everything runs inside the module body: its inclusive time is everyone's own time.
    let own: u64 = p.functions.iter().map(|(_, s)| s.exclusive).sum();
    assert_eq!(own, f["<module>"].1.inclusive);
    assert!(f["C.m"].1.inclusive > f["C.m"].1.exclusive);
    // Same input, same figures.
    let again = run(SCRIPT, &[]);
    assert_eq!(p.functions, again.functions);
    assert_eq!(p.cycles, again.cycles);
}

#[test]
fn a_sweep_compiles_every_function_with_the_emitter_asked_for() {
    let source = "def f(n: int) -> int:\n    s = 0\n    for i in range(n):\n        s += i\n    return s\nprint(f(10))\n";
    let mut per_call = Vec::new();
    for emit in ["bytecode", "native", "viper"] {
        let p = run(source, &["-X", &format!("emit={emit}")]);
        assert_eq!(String::from_utf8_lossy(&p.output), "45\n", "{emit}");
        let f = &by_name(&p)["f"];
        assert_eq!((f.0.name(), f.1.calls), (emit, 1));
        per_call.push(f.1.inclusive);
    }
    assert!(
        per_call[0] > per_call[1] && per_call[1] > per_call[2],
        "{per_call:?}"
    );
}

/// The instructions `nop` runs when called with no arguments: it checks the argument
/// count, loads None and returns. Branches are followed with the counts in r1 and r2.
fn nop_path(insns: &[trm::Insn]) -> u64 {
    let mut regs: HashMap<String, i64> = [("r1", 0), ("r2", 0)]
        .map(|(r, v)| (r.to_owned(), v))
        .into();
    let value = |regs: &HashMap<String, i64>, op: &str| match op.strip_prefix('#') {
        Some(imm) => imm.parse().unwrap(),
        None => regs.get(op).copied().unwrap_or(-1),
    };
    let (mut k, mut prev, mut equal, mut total) = (0, None, false, 0);
    loop {
        let i = &insns[k];
        let ops: Vec<&str> = i.operands.split(", ").collect();
        let mut next = k + 1;
        let mut refill = None;
        match i.mnemonic.as_str() {
            "mov" | "movs" => {
                let v = value(&regs, ops[1]);
                regs.insert(ops[0].to_owned(), v);
            }
            "cmp" => equal = value(&regs, ops[0]) == value(&regs, ops[1]),
            "beq" | "bne" | "b" => {
                let taken = match i.mnemonic.as_str() {
                    "beq" => equal,
                    "bne" => !equal,
                    _ => true,
                };
                if taken {
                    next = insns
                        .iter()
                        .position(|t| Some(t.addr) == i.target())
                        .unwrap();
                    refill = Some(trm::refill(&insns[next]));
                }
            }
            "push" | "ldr" => {}
            // The return, to the runtime's 16-bit `str` after its call: P = 1.
            "pop" if i.operands.contains("pc") => return total + trm::cost(prev, i, Some(1)),
            other => panic!("nop's path should not run {other} {}", i.operands),
        }
        total += trm::cost(prev, i, refill);
        prev = if refill.is_some() { None } else { Some(i) };
        k = next;
    }
}

#[test]
fn a_viper_function_costs_per_call_the_trm_sum_of_its_instructions() {
    let source = "import micropython\n@micropython.viper\ndef nop():\n    pass\nfor _ in range(5):\n    nop()\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nop.py");
    std::fs::write(&path, source).unwrap();
    let mpy = cyclops::script::compile(&path, "nop.py").ok().unwrap();
    let file = mpy::parse(&mpy).unwrap();
    let RawCode::Viper(v) = &file.module.children()[0] else {
        panic!("nop is viper code")
    };
    let sum = nop_path(&trm::disassemble(&v.code));
    let p = run(source, &[]);
    let nop = by_name(&p)["nop"].1;
    assert_eq!(
        nop,
        Stats {
            calls: 5,
            inclusive: 5 * sum,
            exclusive: 5 * sum
        }
    );
    assert_eq!(sum, 35, "the hand derivation in the test's comments");
}
