//! The bench's figures as rows, and their renderings: the table (Markdown, aligned for the
//! terminal), JSON and CSV.

use std::fmt::Write as _;

use anyhow::Result;
use emulator::Outcome;
use serde_json::{json, Value};

use super::{Run, CLOCK_MHZ};
use crate::{
    outcome,
    profile::{Emitter, Stats},
    run::outcome_json,
};

/// One function in one run.
pub struct Row {
    pub function: String,
    /// The run: "as written" or the emitter swept.
    pub run: &'static str,
    /// The code it ran as (in a sweep, bytecode when the emitter rejected it).
    pub emitter: Emitter,
    /// Its figures, or why the swept emitter rejected it.
    pub figures: Result<Stats, String>,
    /// Its cycles per call as bytecode over its cycles per call here (a sweep).
    pub speedup: Option<f64>,
}

impl Row {
    /// Cycles per call, when it was called.
    pub fn per_call(&self) -> Option<f64> {
        match &self.figures {
            Ok(s) if s.calls > 0 => Some(s.inclusive as f64 / s.calls as f64),
            _ => None,
        }
    }

    /// Cycles per call when the calls divide the cycles exactly.
    pub fn exact_per_call(&self) -> Option<u64> {
        match &self.figures {
            Ok(s) if s.calls > 0 && s.inclusive.is_multiple_of(s.calls) => {
                Some(s.inclusive / s.calls)
            }
            _ => None,
        }
    }
}

/// One run's ending and output.
pub struct Ending {
    pub run: &'static str,
    pub outcome: Outcome,
    /// Cycles of the whole run (the runtime's start-up included).
    pub cycles: u64,
    /// Cycles of the module body with all it called: the Python program itself.
    pub program: u64,
    pub output: String,
}

/// What `cyclops bench` found.
pub struct Report {
    pub script: String,
    pub sweep: bool,
    pub rows: Vec<Row>,
    pub endings: Vec<Ending>,
}

impl Report {
    /// Rows by function (in the script's order), then by run; module and class bodies are
    /// left out.
    pub fn new(script: &str, runs: &[Run]) -> Report {
        let sweep = runs.iter().any(|r| r.emitter.is_some());
        let mut rows = Vec::new();
        let first = &runs[0].profiled.functions;
        for (i, (f, _)) in first.iter().enumerate() {
            if f.class_body || f.name == "<module>" {
                continue;
            }
            let mut bytecode = None;
            for run in runs {
                let Some((g, stats)) = run.profiled.functions.get(i) else {
                    continue;
                };
                let rejected = run.rejected.iter().find(|r| r.function == f.name);
                let figures = match rejected {
                    Some(r) => Err(match r.line {
                        Some(l) => format!("{} (line {l})", r.reason),
                        None => r.reason.clone(),
                    }),
                    None => Ok(*stats),
                };
                let mut row = Row {
                    function: f.name.clone(),
                    run: run.label(),
                    emitter: g.emitter,
                    figures,
                    speedup: None,
                };
                if run.emitter == Some(Emitter::Bytecode) {
                    bytecode = row.per_call();
                }
                if let (Some(b), Some(c)) = (bytecode, row.per_call()) {
                    row.speedup = sweep.then_some(b / c);
                }
                rows.push(row);
            }
        }
        let endings = runs
            .iter()
            .map(|r| Ending {
                run: r.label(),
                outcome: r.profiled.outcome.clone(),
                cycles: r.profiled.cycles,
                program: r
                    .profiled
                    .functions
                    .iter()
                    .find(|(f, _)| f.name == "<module>")
                    .map_or(0, |(_, s)| s.inclusive),
                output: String::from_utf8_lossy(&r.profiled.output).into_owned(),
            })
            .collect();
        Report {
            script: script.to_owned(),
            sweep,
            rows,
            endings,
        }
    }

    /// Runs grouped by identical output, in run order.
    pub fn output_groups(&self) -> Vec<(Vec<&'static str>, &str)> {
        let mut groups: Vec<(Vec<&'static str>, &str)> = Vec::new();
        for e in &self.endings {
            match groups.iter_mut().find(|(_, o)| *o == e.output) {
                Some(g) => g.0.push(e.run),
                None => groups.push((vec![e.run], &e.output)),
            }
        }
        groups
    }

    /// The report for a person: how each run ended, the table, the rejections and the
    /// program's output.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mode = if self.sweep {
            "swept over emitters"
        } else {
            "as written"
        };
        let _ = writeln!(out, "{} ({mode}):", self.script);
        for e in &self.endings {
            let _ = writeln!(
                out,
                "  {}: {}; the program took {} cycles ({} µs at {CLOCK_MHZ} MHz) of the run's {}",
                e.run,
                outcome::describe(&e.outcome).replace("firmware exited", "exited"),
                e.program,
                micros(e.program as f64),
                e.cycles
            );
        }
        out.push('\n');
        out.push_str(&self.table());
        let rejected: Vec<&Row> = self.rows.iter().filter(|r| r.figures.is_err()).collect();
        if !rejected.is_empty() {
            out.push('\n');
            for r in rejected {
                if let Err(why) = &r.figures {
                    let _ = writeln!(
                        out,
                        "{} rejects {} (it ran as bytecode): {why}",
                        r.run, r.function
                    );
                }
            }
        }
        let groups = self.output_groups();
        if groups.len() > 1 {
            let _ = writeln!(
                out,
                "\nwarning: the output differs between emitters ({}); viper's integers \
                 wrap at 32 bits, and machine code has no lines in tracebacks",
                groups
                    .iter()
                    .map(|(runs, _)| runs.join(" = "))
                    .collect::<Vec<_>>()
                    .join(" ≠ ")
            );
        }
        for (runs, output) in groups {
            let whose = if !self.sweep {
                String::new()
            } else if runs.len() == self.endings.len() {
                " (the same for every emitter)".into()
            } else {
                format!(" of {}", runs.join(", "))
            };
            if output.is_empty() {
                let _ = writeln!(out, "\noutput{whose}: none");
            } else {
                let _ = writeln!(out, "\noutput{whose}:");
                out.push_str(&tail(output, 20));
            }
        }
        out
    }

    /// The table, as Markdown padded to line up in a terminal.
    pub fn table(&self) -> String {
        let mut head = vec!["function", "emitter", "calls", "cycles/call", "µs/call"];
        if self.sweep {
            head.push("vs bytecode");
        }
        head.extend(["inclusive cycles", "exclusive cycles"]);
        let cells: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| {
                let mut c = vec![r.function.clone(), r.emitter.name().to_owned()];
                match &r.figures {
                    Ok(s) => {
                        c.push(s.calls.to_string());
                        c.push(r.per_call().map_or("-".into(), |p| cycles(r, p)));
                        c.push(r.per_call().map_or("-".into(), micros));
                        if self.sweep {
                            c.push(r.speedup.map_or("-".into(), |x| format!("{x:.2}x")));
                        }
                        c.push(s.inclusive.to_string());
                        c.push(s.exclusive.to_string());
                    }
                    Err(_) => {
                        c[1] = format!("{}: rejected", r.run);
                        c.resize(head.len(), "-".into());
                    }
                }
                c
            })
            .collect();
        let width: Vec<usize> = (0..head.len())
            .map(|k| {
                cells
                    .iter()
                    .map(|c| c[k].chars().count())
                    .chain([head[k].chars().count(), 3])
                    .max()
                    .unwrap_or(3)
            })
            .collect();
        // Names and emitters to the left, figures to the right.
        let line = |c: &[String]| {
            let mut s = String::from("|");
            for (k, cell) in c.iter().enumerate() {
                let pad = width[k] - cell.chars().count();
                if k < 2 {
                    let _ = write!(s, " {cell}{} |", " ".repeat(pad));
                } else {
                    let _ = write!(s, " {}{cell} |", " ".repeat(pad));
                }
            }
            s + "\n"
        };
        let head: Vec<String> = head.iter().map(|h| h.to_string()).collect();
        let mut out = line(&head);
        out.push('|');
        for (k, w) in width.iter().enumerate() {
            let dashes = "-".repeat(w + 1);
            out.push_str(&if k < 2 {
                format!("{dashes}-|")
            } else {
                format!("{dashes}:|")
            });
        }
        out.push('\n');
        for c in &cells {
            out.push_str(&line(c));
        }
        out
    }

    /// One JSON object (no host time in it: the same script gives the same bytes).
    pub fn json(&self) -> Result<Vec<u8>> {
        let functions: Vec<Value> = self
            .rows
            .iter()
            .filter_map(|r| {
                let s = r.figures.as_ref().ok()?;
                let mut v = json!({
                    "name": r.function,
                    "emitter": r.emitter.name(),
                    "calls": s.calls,
                    "cycles_per_call": r.per_call().map(|p| number(r, p)),
                    "us_per_call": r.per_call().map(|p| round3(p / CLOCK_MHZ as f64)),
                    "cycles_inclusive": s.inclusive,
                    "cycles_exclusive": s.exclusive,
                });
                if self.sweep {
                    v["run"] = json!(r.run);
                    v["speedup_vs_bytecode"] = json!(r.speedup.map(round3));
                }
                Some(v)
            })
            .collect();
        let rejected: Vec<Value> = self
            .rows
            .iter()
            .filter_map(|r| {
                let why = r.figures.as_ref().err()?;
                Some(json!({"name": r.function, "emitter": r.run, "reason": why}))
            })
            .collect();
        let runs: Vec<Value> = self
            .endings
            .iter()
            .map(|e| {
                json!({
                    "run": e.run,
                    "outcome": outcome_json(&e.outcome),
                    "cycles": e.cycles,
                    "program_cycles": e.program,
                    "output": e.output,
                })
            })
            .collect();
        let v = json!({
            "script": self.script,
            "mode": if self.sweep { "sweep" } else { "as written" },
            "board": "stm32f405",
            "clock_mhz": CLOCK_MHZ,
            "functions": functions,
            "rejected": rejected,
            "runs": runs,
            "outputs_differ": self.output_groups().len() > 1,
        });
        let mut bytes = serde_json::to_vec_pretty(&v)?;
        bytes.push(b'\n');
        Ok(bytes)
    }

    /// One CSV row per function and run.
    pub fn csv(&self) -> Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record([
            "function",
            "run",
            "emitter",
            "calls",
            "cycles_per_call",
            "us_per_call",
            "cycles_inclusive",
            "cycles_exclusive",
            "speedup_vs_bytecode",
            "rejected",
        ])?;
        for r in &self.rows {
            let opt = |v: Option<String>| v.unwrap_or_default();
            let per_call = r.per_call();
            let figures = match &r.figures {
                Ok(s) => [
                    s.calls.to_string(),
                    opt(per_call.map(|p| number(r, p).to_string())),
                    opt(per_call.map(|p| round3(p / CLOCK_MHZ as f64).to_string())),
                    s.inclusive.to_string(),
                    s.exclusive.to_string(),
                    opt(r.speedup.map(|x| round3(x).to_string())),
                    String::new(),
                ],
                Err(_) => Default::default(),
            };
            let mut record = vec![
                r.function.clone(),
                r.run.to_owned(),
                r.emitter.name().to_owned(),
            ];
            record.extend(figures);
            if let Err(why) = &r.figures {
                record[9] = why.clone();
            }
            w.write_record(&record)?;
        }
        Ok(w.into_inner().map_err(|e| e.into_error())?)
    }
}

/// Cycles per call for the table: an integer when exact, else to two decimals.
fn cycles(r: &Row, per_call: f64) -> String {
    r.exact_per_call()
        .map_or_else(|| format!("{per_call:.2}"), |c| c.to_string())
}

/// Cycles per call for JSON and CSV: an integer when exact, else to three decimals.
fn number(r: &Row, per_call: f64) -> Value {
    r.exact_per_call()
        .map_or_else(|| json!(round3(per_call)), |c| json!(c))
}

/// Microseconds at the board's clock, to the nanosecond.
fn micros(cycles: f64) -> String {
    format!("{:.3}", cycles / CLOCK_MHZ as f64)
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The last `n` lines of `text` (and how many came before).
fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    if lines.len() > n {
        let _ = writeln!(out, "[{} lines before these]", lines.len() - n);
    }
    for l in &lines[lines.len().saturating_sub(n)..] {
        out.push_str(l);
        out.push('\n');
    }
    out
}
