//! `cyclops bench`: exact cycles per Python function, as written or per emitter.
//!
//! The figures come from [`crate::profile`] (the emulator watches the runtime's calls
//! without adding a cycle). Only functions are compared: the module body and class bodies
//! run once, and their cost is the program's, given as its total. Nothing here reads the
//! host clock except the elapsed time printed on stderr, so the same script gives the
//! same table, JSON, CSV and SVG byte for byte.

mod chart;
mod report;
mod sweep;

use std::{
    path::{Path, PathBuf},
    process::ExitCode,
    time::Instant,
};

use anyhow::{anyhow, Context};
use clap::Args;
use emulator::Outcome;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::{
    outcome::{self, Failure},
    profile::{self, Emitter, Profiled},
};

pub use report::{Report, Row};
pub use sweep::Rejection;

/// The clock the per-call times are given at: the pyboard's STM32F405 at full speed (the
/// runtime firmware itself runs on the 16 MHz HSI, which changes no cycle count).
pub const CLOCK_MHZ: u64 = 168;

#[derive(Args)]
pub struct BenchArgs {
    /// The Python script (`.py`).
    script: PathBuf,
    /// Compile the script once per emitter (bytecode, native, viper): every `def` gets
    /// that emitter's decorator, and a function the emitter rejects shows why.
    #[arg(long)]
    sweep: bool,
    /// Stop each run after this many core cycles (exit status 124).
    #[arg(long, default_value_t = 10_000_000_000)]
    max_cycles: u64,
    /// Write the figures as one JSON object to this file.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Write the figures as CSV to this file.
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Write a bar chart of the cycles per call to this file (SVG).
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
}

pub fn main(args: BenchArgs) -> ExitCode {
    match bench(&args) {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            let (code, err) = failure.split();
            eprintln!("cyclops: {err:#}");
            ExitCode::from(code)
        }
    }
}

/// One run of the script: as written (`emitter` None) or with every function given
/// `emitter`'s decorator.
pub struct Run {
    pub emitter: Option<Emitter>,
    pub profiled: Profiled,
    /// Functions the emitter rejected (they ran as bytecode), with mpy-cross's reason.
    pub rejected: Vec<Rejection>,
}

impl Run {
    /// "as written" or the emitter's name.
    pub fn label(&self) -> &'static str {
        self.emitter.map_or("as written", Emitter::name)
    }
}

/// The emitters `--sweep` compiles for, in the order they are shown.
pub const SWEPT: [Emitter; 3] = [Emitter::Bytecode, Emitter::Native, Emitter::Viper];

fn bench(args: &BenchArgs) -> Result<u8, Failure> {
    let script = &args.script;
    if !script.is_file() {
        return Err(Failure::Io(anyhow!(
            "cannot read {}: no such file",
            script.display()
        )));
    }
    if script.extension().is_none_or(|e| e != "py") {
        return Err(Failure::Input(anyhow!(
            "{}: cyclops bench takes a Python source file (.py)",
            script.display()
        )));
    }
    let start = Instant::now();
    let progress = spinner();
    let runs = measure(script, args.sweep, args.max_cycles, &progress)?;
    progress.finish_and_clear();
    eprintln!(
        "cyclops: {} run{} in {:.2} s host time",
        runs.len(),
        if runs.len() == 1 { "" } else { "s" },
        start.elapsed().as_secs_f64()
    );
    let report = Report::new(&script.display().to_string(), &runs);
    print!("{}", report.text());
    for (path, bytes) in [
        (&args.json, args.json.as_ref().map(|_| report.json())),
        (&args.csv, args.csv.as_ref().map(|_| report.csv())),
        (&args.svg, args.svg.as_ref().map(|_| chart::svg(&report))),
    ] {
        if let (Some(path), Some(bytes)) = (path, bytes) {
            write(path, &bytes.map_err(Failure::Internal)?)?;
        }
    }
    for run in &runs {
        if run.profiled.outcome == Outcome::CycleLimit {
            let which = run
                .emitter
                .map_or(String::new(), |e| format!("{} ", e.name()));
            eprintln!(
                "cyclops: the {which}run reached --max-cycles ({}): the figures cover what \
                 ran by then; raise --max-cycles to run it to the end",
                args.max_cycles
            );
        }
    }
    // The first run that did not end well gives the status, as `cyclops run` would.
    Ok(runs
        .iter()
        .map(|r| outcome::exit_status(&r.profiled.outcome))
        .find(|&s| s != 0)
        .unwrap_or(0))
}

/// Runs the script as written, or once per emitter with `sweep`.
pub fn measure(
    script: &Path,
    sweep: bool,
    max_cycles: u64,
    progress: &ProgressBar,
) -> Result<Vec<Run>, Failure> {
    let show = |label: &str| {
        let label = label.to_owned();
        progress.set_message(format!("{label}: compiling"));
        move |cycles: u64| progress.set_message(format!("{label}: {cycles} cycles"))
    };
    if !sweep {
        let profiled = profile::run(script, &[], max_cycles, &mut show("as written"))?;
        return Ok(vec![Run {
            emitter: None,
            profiled,
            rejected: Vec::new(),
        }]);
    }
    let source = std::fs::read_to_string(script)
        .with_context(|| format!("cannot read {}", script.display()))
        .map_err(Failure::Io)?;
    // The script as written must compile: its own errors are not an emitter's.
    crate::script::compile_with(script, &sweep::file_name(script), &[])?;
    let mut runs = Vec::new();
    for emitter in SWEPT {
        let compiled = sweep::compile(script, &source, emitter)?;
        let profiled = compiled.run(max_cycles, &mut show(emitter.name()))?;
        runs.push(Run {
            emitter: Some(emitter),
            profiled,
            rejected: compiled.rejected,
        });
    }
    Ok(runs)
}

/// A spinner on stderr (hidden when stderr is not a terminal).
fn spinner() -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(ProgressStyle::with_template("{spinner} {msg} ({elapsed})").expect("template"));
    bar.set_message("compiling");
    bar.enable_steady_tick(std::time::Duration::from_millis(100));
    bar
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes)
        .with_context(|| format!("cannot write {}", path.display()))
        .map_err(Failure::Io)
}
