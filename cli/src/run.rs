//! `cyclops run`: run firmware to an outcome, streaming its console.

use std::{
    io::{Read, Write},
    path::PathBuf,
    process::ExitCode,
    sync::mpsc,
    time::Instant,
};

use anyhow::{Context, Result};
use clap::Args;
use emulator::{pin_name, Event, Machine, Outcome};
use serde_json::{json, Value};

use crate::{
    outcome::{self, Failure},
    trace,
};

#[derive(Args)]
pub struct RunArgs {
    /// The firmware (an ELF file for a Cortex-M4), or a Python script (`.py`, compiled
    /// with mpy-cross, or `.mpy`) to run on the Python runtime firmware.
    firmware: PathBuf,
    /// The board to run it on.
    #[arg(long, default_value = "stm32f405")]
    board: String,
    /// Stop after this many core cycles (exit status 124).
    #[arg(long, default_value_t = 10_000_000_000)]
    max_cycles: u64,
    /// Bytes for USART1's receiver: a file, or `-` for standard input.
    #[arg(long)]
    uart_input: Option<PathBuf>,
    /// Bytes for semihosting console reads (SYS_READ, SYS_READC): a file, or `-`.
    #[arg(long)]
    semihosting_input: Option<PathBuf>,
    /// Print one JSON object on stdout instead of the console and the summary.
    #[arg(long)]
    json: bool,
    /// Write pin levels and UART bytes to this file as a VCD trace.
    #[arg(long, value_name = "FILE")]
    vcd: Option<PathBuf>,
    /// Give flash reads the wait states the firmware sets in FLASH_ACR.LATENCY, behind the
    /// ART accelerator's prefetch and caches as FLASH_ACR enables them (default: zero wait
    /// states whatever FLASH_ACR says).
    #[arg(long)]
    flash_wait_states: bool,
}

/// Cycles run between looks at the console and the host input.
pub const SLICE: u64 = 2_000_000;

pub fn main(args: RunArgs) -> ExitCode {
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            let (code, err) = failure.split();
            eprintln!("cyclops: {err:#}");
            ExitCode::from(code)
        }
    }
}

/// Who reads what arrives on standard input.
#[derive(Clone, Copy)]
enum Reader {
    Uart,
    Semihosting,
}

impl Reader {
    fn feed(self, machine: &mut Machine, bytes: &[u8]) {
        match self {
            Reader::Uart => machine.uart_input(1, bytes),
            Reader::Semihosting => machine.semihosting_input(bytes),
        }
    }
}

fn stdin_reader() -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 256];
        let mut stdin = std::io::stdin();
        while let Ok(n) = stdin.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    rx
}

fn run(args: &RunArgs) -> Result<u8, Failure> {
    let mut machine = outcome::load(&args.firmware, &args.board, args.flash_wait_states)?;
    let mut stdin = None;
    let inputs = [
        (&args.uart_input, Reader::Uart),
        (&args.semihosting_input, Reader::Semihosting),
    ];
    for (path, reader) in inputs {
        match path.as_deref() {
            Some(p) if p.as_os_str() == "-" => {
                if stdin.is_some() {
                    let msg =
                        "only one of --uart-input and --semihosting-input can read standard input";
                    return Err(Failure::Input(anyhow::anyhow!(msg)));
                }
                if let Reader::Semihosting = reader {
                    machine.semihosting_input_open(true);
                }
                stdin = Some((stdin_reader(), reader));
            }
            Some(p) => {
                let bytes = std::fs::read(p)
                    .with_context(|| format!("cannot read {}", p.display()))
                    .map_err(Failure::Io)?;
                reader.feed(&mut machine, &bytes);
            }
            None => {}
        }
    }

    let start = Instant::now();
    let mut report = Report::default();
    report.time.note(&machine);
    let outcome = loop {
        if let Some((rx, reader)) = &stdin {
            while let Ok(bytes) = rx.try_recv() {
                reader.feed(&mut machine, &bytes);
            }
        }
        let left = args.max_cycles.saturating_sub(machine.cycles());
        let outcome = machine.run(left.min(SLICE))?;
        report
            .take(machine.drain_events(), !args.json)
            .map_err(Failure::Io)?;
        report.time.note(&machine);
        if outcome == Outcome::WaitingForInput {
            // Only a semihosting read from standard input waits: block until it has more.
            match stdin.as_ref().map(|(rx, _)| rx.recv()) {
                Some(Ok(bytes)) => machine.semihosting_input(&bytes),
                _ => machine.semihosting_input_open(false),
            }
            continue;
        }
        if outcome != Outcome::CycleLimit || machine.cycles() >= args.max_cycles {
            break outcome;
        }
    };
    let host = start.elapsed();
    if let Some(path) = &args.vcd {
        std::fs::File::create(path)
            .and_then(|f| {
                trace::write_vcd(std::io::BufWriter::new(f), &report.events, &report.time)
            })
            .with_context(|| format!("cannot write {}", path.display()))
            .map_err(Failure::Io)?;
    }
    let code = outcome::exit_status(&outcome);
    if args.json {
        let v = report.json(&machine, &outcome);
        println!("{v}");
    } else {
        let cycles = machine.cycles();
        let instructions = machine.instructions();
        let secs = host.as_secs_f64();
        eprintln!("cyclops: {}", outcome::describe(&outcome));
        if outcome == Outcome::CycleLimit {
            let pc = machine.pc();
            let at = machine
                .image()
                .symbolize(pc)
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            eprintln!("cyclops: the core was at pc {pc:#010x}{at}");
        }
        eprintln!(
            "cyclops: {cycles} cycles, {instructions} instructions, {:.6} s emulated (core clock now {} MHz), {:.3} s host, {:.1} MIPS",
            report.time.ps(cycles) as f64 * 1e-12,
            machine.core_clock_hz() / 1_000_000,
            secs,
            instructions as f64 / secs.max(1e-9) / 1e6
        );
    }
    Ok(code)
}

/// What the run produced, gathered for the JSON report.
#[derive(Default)]
struct Report {
    uart: std::collections::BTreeMap<u8, Vec<u8>>,
    pins: Vec<Value>,
    semihosting: [Vec<u8>; 2],
    itm: Vec<Value>,
    /// Pin and UART events, for the VCD trace.
    events: Vec<Event>,
    time: trace::Timebase,
}

impl Report {
    /// Records events; with `stream`, console output goes to stdout/stderr at once.
    fn take(&mut self, events: Vec<Event>, stream: bool) -> Result<()> {
        let mut out = std::io::stdout().lock();
        for e in events {
            if matches!(e, Event::Pin { .. } | Event::Uart { .. }) {
                self.events.push(e.clone());
            }
            match e {
                Event::Uart { uart, byte, .. } => {
                    if stream && uart == 1 {
                        out.write_all(&[byte])?;
                    }
                    self.uart.entry(uart).or_default().push(byte);
                }
                Event::Semihosting {
                    stream: s, bytes, ..
                } => {
                    if stream {
                        if s == 2 {
                            std::io::stderr().write_all(&bytes)?;
                        } else {
                            out.write_all(&bytes)?;
                        }
                    }
                    self.semihosting[usize::from(s == 2)].extend(bytes);
                }
                Event::Pin {
                    cycle,
                    port,
                    pin,
                    level,
                } => {
                    self.pins.push(json!({"cycle": cycle, "pin": pin_name(port, pin), "level": u8::from(level)}));
                }
                Event::Itm {
                    cycle,
                    port,
                    value,
                    size,
                } => {
                    self.itm
                        .push(json!({"cycle": cycle, "port": port, "value": value, "size": size}));
                }
                Event::Unimplemented {
                    cycle,
                    pc,
                    addr,
                    write,
                } => {
                    if stream {
                        let what = if write { "write to" } else { "read of" };
                        eprintln!("cyclops: warning: {what} unimplemented register {addr:#010x} at pc {pc:#010x}, cycle {cycle} (reads 0, writes ignored)");
                    }
                }
                Event::Reset { cycle } => {
                    if stream {
                        eprintln!("cyclops: system reset requested at cycle {cycle}");
                    }
                }
                Event::Clock { .. } => self.time.event(&e),
                // Only `cyclops bench` watches calls.
                Event::Call { .. } | Event::Return { .. } => {}
            }
        }
        out.flush()?;
        Ok(())
    }

    fn json(&self, machine: &Machine, outcome: &Outcome) -> Value {
        let uart: serde_json::Map<String, Value> = self
            .uart
            .iter()
            .map(|(i, bytes)| {
                (
                    trace::uart_name(*i),
                    Value::String(String::from_utf8_lossy(bytes).into_owned()),
                )
            })
            .collect();
        json!({
            "outcome": outcome_json(outcome),
            "cycles": machine.cycles(),
            "instructions": machine.instructions(),
            // Integrated over the core clocks the firmware ran at.
            "emulated_seconds": self.time.ps(machine.cycles()) as f64 * 1e-12,
            "uart": uart,
            "semihosting": {
                "stdout": String::from_utf8_lossy(&self.semihosting[0]),
                "stderr": String::from_utf8_lossy(&self.semihosting[1]),
            },
            "pin_transitions": self.pins,
            "itm": self.itm,
        })
    }
}

/// An outcome as JSON (also `cyclops bench`'s).
pub fn outcome_json(outcome: &Outcome) -> Value {
    match outcome {
        Outcome::Exited(code) => json!({"kind": "exited", "code": code}),
        Outcome::CycleLimit => json!({"kind": "cycle_limit"}),
        Outcome::Halted => json!({"kind": "halted"}),
        Outcome::Breakpoint { pc, imm } => json!({"kind": "breakpoint", "pc": pc, "imm": imm}),
        Outcome::WaitingForInput => json!({"kind": "waiting_for_input"}),
        Outcome::Fault(r) | Outcome::Lockup(r) => json!({
            "kind": if matches!(outcome, Outcome::Fault(_)) { "fault" } else { "lockup" },
            "cause": r.cause,
            "pc": r.pc,
            "symbol": r.symbol,
            "cycle": r.cycle,
            "cfsr": r.cfsr_names(),
            "hfsr": r.hfsr_names(),
            "bfar": r.bfar,
            "mmfar": r.mmfar,
            "registers": r.regs,
        }),
    }
}
