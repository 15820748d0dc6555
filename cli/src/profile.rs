//! Exact cycles per Python function. The runtime firmware runs every bytecode frame and
//! every entry into machine code through one call instruction each (see
//! `runtime/vm/src/probe.rs`); the emulator watches those calls without adding a cycle
//! ([`emulator::CallProbe`]), so a function's figures are exactly what its own code (and
//! what it calls) cost. Functions are named from the `.mpy`: raw code `i` in the module's
//! tree, depth first, is what the probes report as `i`.

use std::{collections::BTreeMap, path::Path};

use anyhow::{anyhow, Result};
use cyclops_vm::mpy::{self, RawCode};
use emulator::{board::STM32F405, elf::Image, CallProbe, Event, Machine, Outcome};

use crate::{outcome::Failure, script};

/// The code a function runs as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Emitter {
    Bytecode,
    Native,
    Viper,
    Asm,
}

impl Emitter {
    pub fn name(self) -> &'static str {
        match self {
            Emitter::Bytecode => "bytecode",
            Emitter::Native => "native",
            Emitter::Viper => "viper",
            Emitter::Asm => "asm_thumb",
        }
    }

    fn of(raw: &RawCode) -> Emitter {
        match raw {
            RawCode::Bytecode(_) => Emitter::Bytecode,
            RawCode::Native(_) => Emitter::Native,
            RawCode::Viper(_) => Emitter::Viper,
            RawCode::Asm(_) => Emitter::Asm,
        }
    }
}

/// A function (or class or module body) of the script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Function {
    /// Qualified as Python does: `Class.method`, `outer.<locals>.inner`; `<module>`.
    pub name: String,
    pub emitter: Emitter,
    /// A class body (run once, when the class is made).
    pub class_body: bool,
}

/// The script's functions, indexed as the probes report them. `run` is the `.mpy` that
/// runs; `names` the same source compiled to bytecode, whose preludes name every
/// bytecode function (viper functions have no prelude: they are named by what their
/// parent stores them as).
pub fn functions(run: &[u8], names: &[u8]) -> Result<Vec<Function>> {
    let run = mpy::parse(run).map_err(|e| anyhow!("the compiled script: {e}"))?;
    let named = mpy::parse(names).map_err(|e| anyhow!("the compiled script: {e}"))?;
    let mut out = Vec::new();
    let module = Node {
        own: "<module>".into(),
        parent: None,
        class_body: false,
    };
    walk(&run.module, Some(&named.module), &named, module, &mut out);
    Ok(out)
}

struct Node<'a> {
    own: String,
    /// The enclosing function's qualified name, and whether it is a class body.
    parent: Option<(&'a str, bool)>,
    class_body: bool,
}

/// Depth first, the order the runtime numbers raw codes in; `named` is the same place in
/// the bytecode compile (the trees have the same shape).
fn walk(
    raw: &RawCode,
    named: Option<&RawCode>,
    file: &mpy::Mpy,
    node: Node,
    out: &mut Vec<Function>,
) {
    let name = match node.parent {
        None | Some(("<module>", _)) => node.own,
        Some((p, true)) => format!("{p}.{}", node.own),
        Some((p, false)) => format!("{p}.<locals>.{}", node.own),
    };
    out.push(Function {
        name: name.clone(),
        emitter: Emitter::of(raw),
        class_body: node.class_body,
    });
    let made = named.map(|n| made_children(n, file)).unwrap_or_default();
    for (i, child) in raw.children().iter().enumerate() {
        let named_child = named.and_then(|n| n.children().get(i));
        let (stored_as, class_body) = made.get(&i).cloned().unwrap_or_default();
        let own = named_child
            .and_then(RawCode::prelude)
            .and_then(|p| file.qstr(p.name))
            .map(str::to_owned)
            .or(stored_as)
            .unwrap_or_else(|| format!("<{} #{i}>", Emitter::of(child).name()));
        let node = Node {
            own,
            parent: Some((&name, node.class_body)),
            class_body,
        };
        walk(child, named_child, file, node, out);
    }
}

/// For each child a bytecode body makes: the name it stores it under (`def f` stores
/// `f`), and whether it is a class body (made right after `LOAD_BUILD_CLASS`).
fn made_children(raw: &RawCode, file: &mpy::Mpy) -> BTreeMap<usize, (Option<String>, bool)> {
    let mut made = BTreeMap::new();
    let RawCode::Bytecode(bc) = raw else {
        return made;
    };
    let ops: Vec<Op> = Ops::new(&bc.code).collect();
    for (k, op) in ops.iter().enumerate() {
        // MAKE_FUNCTION(_DEFARGS), MAKE_CLOSURE(_DEFARGS) with the child's index.
        if !matches!(op.code, 0x20 | 0x21 | 0x32 | 0x33) {
            continue;
        }
        let class = k > 0 && ops[k - 1].code == 0x54;
        // A class is stored after `__build_class__(f, name)` is called.
        let store = ops[k + 1..]
            .iter()
            .find(|o| !class || matches!(o.code, 0x16 | 0x17))
            .filter(|o| matches!(o.code, 0x16 | 0x17));
        let name = store
            .and_then(|o| file.qstr(o.arg as u32))
            .map(str::to_owned);
        made.insert(op.arg, (name, class));
    }
    made
}

struct Op {
    code: u8,
    /// A qstr-table index or an unsigned number (0 for other operands).
    arg: usize,
}

/// Bytecode opcodes with their operands (`py/bc0.h`: the operand kind is in the high
/// nibble; MAKE_CLOSURE and UNWIND_JUMP carry one more byte).
struct Ops<'a> {
    code: &'a [u8],
    ip: usize,
}

impl<'a> Ops<'a> {
    fn new(code: &'a [u8]) -> Self {
        Ops { code, ip: 0 }
    }

    fn uint(&mut self) -> usize {
        let mut v = 0usize;
        while let Some(&b) = self.code.get(self.ip) {
            self.ip += 1;
            v = v << 7 | usize::from(b & 0x7f);
            if b & 0x80 == 0 {
                break;
            }
        }
        v
    }
}

impl Iterator for Ops<'_> {
    type Item = Op;

    fn next(&mut self) -> Option<Op> {
        let code = *self.code.get(self.ip)?;
        self.ip += 1;
        let mut op = Op { code, arg: 0 };
        match (0x3a4 >> (2 * (code >> 4))) & 3 {
            1 | 2 if code < 0x70 => op.arg = self.uint(),
            3 if code < 0x70 => {
                let b = self.code.get(self.ip).copied().unwrap_or(0);
                self.ip += 1 + usize::from(b & 0x80 != 0);
            }
            _ => {}
        }
        if code & 0x9e == 0 && code < 0x70 {
            self.ip += 1;
        }
        Some(op)
    }
}

/// Cycles of one function over a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub calls: u64,
    /// With what it calls (a recursive call counts once, at the outermost).
    pub inclusive: u64,
    /// Without what it calls.
    pub exclusive: u64,
}

/// Turns the probes' call and return events into per-function figures.
#[derive(Default)]
pub struct Tally {
    /// Open calls: function, start cycle, cycles of the calls it made.
    stack: Vec<(u32, u64, u64)>,
    stats: BTreeMap<u32, Stats>,
    /// The fewest and most cycles one call took (inclusive), by function.
    ranges: BTreeMap<u32, (u64, u64)>,
}

impl Tally {
    pub fn event(&mut self, e: &Event) {
        match *e {
            Event::Call { cycle, id } => self.stack.push((id, cycle, 0)),
            Event::Return { cycle } => {
                let Some((id, start, inner)) = self.stack.pop() else {
                    return;
                };
                let total = cycle.saturating_sub(start);
                let outermost = !self.stack.iter().any(|&(f, ..)| f == id);
                let range = self.ranges.entry(id).or_insert((total, total));
                *range = (range.0.min(total), range.1.max(total));
                let s = self.stats.entry(id).or_default();
                s.calls += 1;
                s.exclusive += total.saturating_sub(inner);
                if outermost {
                    s.inclusive += total;
                }
                if let Some(caller) = self.stack.last_mut() {
                    caller.2 += total;
                }
            }
            _ => {}
        }
    }

    /// Figures by function index (only functions that were called).
    pub fn stats(&self) -> &BTreeMap<u32, Stats> {
        &self.stats
    }

    /// The fewest and the most cycles one call of function `id` took, with what it calls.
    pub fn call_range(&self, id: u32) -> Option<(u64, u64)> {
        self.ranges.get(&id).copied()
    }
}

/// Has `machine` (running the runtime firmware) report every Python call.
pub fn watch_calls(machine: &mut Machine) -> Result<(), Failure> {
    let probes = call_probes(machine.image()).map_err(Failure::Internal)?;
    machine
        .probe_calls(&probes)
        .map_err(|e| Failure::Internal(e.into()))
}

/// The probes for a build of the runtime firmware, from its symbols.
fn call_probes(image: &Image) -> Result<Vec<CallProbe>> {
    let sym = |name: &str| {
        image
            .symbols
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.addr)
            .ok_or_else(|| anyhow!("the runtime firmware has no symbol {name}"))
    };
    Ok(vec![
        // r0: code state → function (word 0) → proto (word 3) → index (word 0).
        CallProbe {
            call: sym("cyclops_bytecode_call_site")?,
            resumes: vec![sym("cyclops_bytecode_returned")?],
            id_reg: 0,
            id_path: vec![0, 12, 0],
        },
        // r4: the trampoline's frame, whose word 6 is the index.
        CallProbe {
            call: sym("cyclops_native_call_site")?,
            resumes: vec![
                sym("cyclops_native_returned")?,
                sym("cyclops_native_raised")?,
            ],
            id_reg: 4,
            id_path: vec![24],
        },
    ])
}

/// A script (`.py` compiled with `options`, or a `.mpy` as it is) and its functions. A
/// `.mpy` names only what its own preludes name.
pub fn compile(path: &Path, options: &[&str]) -> Result<(Vec<u8>, Vec<Function>), Failure> {
    if path.extension().is_some_and(|e| e == "mpy") {
        let mpy = script::load_mpy(path)?;
        let functions = functions(&mpy, &mpy).map_err(Failure::Input)?;
        return Ok((mpy, functions));
    }
    let name = path
        .file_name()
        .map_or("script.py".into(), |n| n.to_string_lossy());
    let mpy = script::compile_with(path, &name, options)?;
    let names = script::compile_with(path, &name, &["-X", "emit=bytecode"])?;
    let functions = functions(&mpy, &names).map_err(Failure::Internal)?;
    Ok((mpy, functions))
}

/// A script's run with its functions' figures.
pub struct Profiled {
    /// Every function of the script (by index) with its figures (zero when not called).
    pub functions: Vec<(Function, Stats)>,
    pub outcome: Outcome,
    /// What it printed on USART1.
    pub output: Vec<u8>,
    pub cycles: u64,
}

/// Runs `source` compiled with `options` (such as `-X emit=viper`; none for the script
/// as written) on the runtime firmware, watching every Python call, for at most
/// `max_cycles`. `progress` gets the cycles run so far now and then.
pub fn run(
    source: &Path,
    options: &[&str],
    max_cycles: u64,
    progress: &mut dyn FnMut(u64),
) -> Result<Profiled, Failure> {
    let (mpy, functions) = compile(source, options)?;
    let board = &STM32F405;
    let mut m = script::machine(&mpy, board, false)?;
    watch_calls(&mut m)?;
    let mut tally = Tally::default();
    let mut output = Vec::new();
    // Run in slices to report progress and keep the event buffer small.
    const SLICE: u64 = 50_000_000;
    let outcome = loop {
        let budget = (m.cycles() + SLICE).min(max_cycles);
        let outcome = m.run(budget).map_err(|e| Failure::Internal(e.into()))?;
        for e in m.drain_events() {
            match e {
                Event::Uart { uart: 1, byte, .. } => output.push(byte),
                e => tally.event(&e),
            }
        }
        progress(m.cycles());
        if outcome != Outcome::CycleLimit || m.cycles() >= max_cycles {
            break outcome;
        }
    };
    let functions = functions
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let s = tally.stats().get(&(i as u32)).copied().unwrap_or_default();
            (f, s)
        })
        .collect();
    Ok(Profiled {
        functions,
        outcome,
        output,
        cycles: m.cycles(),
    })
}
