//! `cyclops test`: checks every scenario, then runs them in parallel and reports in order.

use std::{
    fmt::Write as _,
    path::{Path, PathBuf},
    process::ExitCode,
    sync::{atomic::AtomicUsize, atomic::Ordering, mpsc},
    time::{Duration as HostDuration, Instant},
};

use anyhow::Context;
use clap::Args;
use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};

use crate::{
    outcome::Failure,
    scenario::{self, format::Duration, Invalid, Report, Scenario, Sources, Verdict},
    status, trace,
};

#[derive(Args)]
pub struct TestArgs {
    /// Scenario files, or directories whose *.yaml and *.yml files are scenarios.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The firmware ELF for scenarios that name none (before a wokwi.toml beside them).
    #[arg(long, value_name = "FILE")]
    firmware: Option<PathBuf>,
    /// The Python script for scenarios that name neither a script nor a firmware.
    #[arg(long, value_name = "FILE")]
    script: Option<PathBuf>,
    /// The budget of emulated time for scenarios that set no `timeout` (default 30s).
    #[arg(long, value_parser = parse_duration)]
    timeout: Option<Duration>,
    /// Write a JUnit XML report to this file.
    #[arg(long, value_name = "FILE")]
    junit: Option<PathBuf>,
    /// Write a VCD trace: to FILE for one scenario, else into the directory FILE, one
    /// `<scenario file stem>.vcd` per scenario.
    #[arg(long, value_name = "FILE")]
    vcd: Option<PathBuf>,
    /// How many scenarios run at once (default: one per core).
    #[arg(long, short)]
    jobs: Option<usize>,
}

fn parse_duration(s: &str) -> Result<Duration, String> {
    s.parse()
}

pub fn main(args: TestArgs) -> ExitCode {
    match test(&args) {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            let (code, err) = failure.split();
            eprintln!("cyclops: {err:#}");
            ExitCode::from(code)
        }
    }
}

/// The scenario files named by `paths`, directories expanded (sorted by name).
pub fn scenario_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("cannot list {}", p.display()))
                .map_err(Failure::Io)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.is_file() && f.extension().is_some_and(|x| x == "yaml" || x == "yml"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(p.clone());
        }
    }
    Ok(files)
}

/// One scenario's result: checked and run, or why it could not be.
enum Done {
    Invalid(Vec<Invalid>),
    Ran(Box<Scenario>, Report, HostDuration),
}

fn test(args: &TestArgs) -> Result<u8, Failure> {
    let sources = Sources {
        firmware: args.firmware.clone(),
        script: args.script.clone(),
        timeout: args.timeout,
    };
    let files = scenario_files(&args.paths)?;
    if files.is_empty() {
        // A CI that runs nothing must not pass.
        return Err(Failure::Input(anyhow::anyhow!(
            "no scenario files (*.yaml, *.yml) in {}",
            args.paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let loaded: Vec<(PathBuf, Result<Scenario, Vec<Invalid>>)> = files
        .into_iter()
        .map(|f| {
            let s = scenario::load(&f, &sources);
            (f, s)
        })
        .collect();
    let invalid: Vec<&Invalid> = loaded
        .iter()
        .filter_map(|(_, s)| s.as_ref().err())
        .flatten()
        .collect();
    if !invalid.is_empty() {
        for i in &invalid {
            eprintln!("{i}");
        }
        let n = loaded.iter().filter(|(_, s)| s.is_err()).count();
        eprintln!("{n} of {} scenarios are invalid; none ran", loaded.len());
        if let Some(path) = &args.junit {
            let done: Vec<(PathBuf, Done)> = loaded
                .into_iter()
                .filter_map(|(p, s)| s.err().map(|e| (p, Done::Invalid(e))))
                .collect();
            write_junit(path, &done)?;
        }
        return Ok(status::BAD_INPUT);
    }
    let scenarios: Vec<Scenario> = loaded.into_iter().filter_map(|(_, s)| s.ok()).collect();
    if args.vcd.as_ref().is_some_and(|_| scenarios.len() > 1) {
        let dir = args.vcd.as_ref().expect("checked");
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create {}", dir.display()))
            .map_err(Failure::Io)?;
    }
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
        .max(1);
    let mut done = Vec::new();
    let mut counts = [0usize; 3];
    let mut failure = None;
    run_parallel(&scenarios, jobs, |i, result| match result {
        Ok((report, host)) => {
            let s = &scenarios[i];
            print!("{}", render(s, &report, host));
            counts[match report.verdict {
                Verdict::Passed => 0,
                Verdict::Failed { .. } => 1,
                Verdict::TimedOut { .. } => 2,
            }] += 1;
            if let Some(v) = &args.vcd {
                let path = if scenarios.len() > 1 {
                    v.join(s.path.file_stem().unwrap_or_default())
                        .with_extension("vcd")
                } else {
                    v.clone()
                };
                if let Err(e) = write_trace(&path, &report) {
                    failure.get_or_insert(e);
                }
            }
            done.push((s.path.clone(), report, host));
        }
        Err(e) => {
            failure.get_or_insert(e);
        }
    });
    if let Some(f) = failure {
        return Err(f);
    }
    println!(
        "{} passed, {} failed, {} timed out",
        counts[0], counts[1], counts[2]
    );
    if let Some(path) = &args.junit {
        let done: Vec<(PathBuf, Done)> = scenarios
            .into_iter()
            .zip(done)
            .map(|(s, (p, r, h))| (p, Done::Ran(Box::new(s), r, h)))
            .collect();
        write_junit(path, &done)?;
    }
    Ok(if counts[1] > 0 {
        status::TEST_FAILED
    } else if counts[2] > 0 {
        status::TEST_TIMEOUT
    } else {
        0
    })
}

/// Runs every scenario on `jobs` threads; hands the results to `each` in scenario order.
fn run_parallel(
    scenarios: &[Scenario],
    jobs: usize,
    mut each: impl FnMut(usize, Result<(Report, HostDuration), Failure>),
) {
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(scenarios.len()) {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(s) = scenarios.get(i) else { break };
                let start = Instant::now();
                let result = scenario::run(s).map(|r| (r, start.elapsed()));
                if tx.send((i, result)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut waiting = std::collections::BTreeMap::new();
        let mut due = 0;
        for (i, result) in rx {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&due) {
                each(due, result);
                due += 1;
            }
        }
    });
}

/// One scenario's per-step output and verdict, as printed.
pub fn render(s: &Scenario, r: &Report, host: HostDuration) -> String {
    let mut out = format!("{} ({})\n", s.name, s.path.display());
    let failed = match &r.verdict {
        Verdict::Passed => None,
        Verdict::Failed { step, message } | Verdict::TimedOut { step, message } => {
            Some((*step, message))
        }
    };
    for (i, step) in r.steps.iter().enumerate() {
        let mark = match failed {
            Some((f, _)) if f == i => "FAIL",
            _ => "ok",
        };
        let _ = writeln!(
            out,
            "  {mark:<4} cycle {:>10}  {} (line {})",
            step.cycle, step.label, step.line
        );
        if let Some((f, message)) = failed {
            if f == i {
                let _ = writeln!(out, "       {message}");
            }
        }
    }
    for step in &s.steps[r.steps.len()..] {
        let _ = writeln!(out, "  skip {:16}  {} (line {})", "", step.label, step.line);
    }
    let verdict = match r.verdict {
        Verdict::Passed => "PASS",
        Verdict::Failed { .. } => "FAIL",
        Verdict::TimedOut { .. } => "TIMEOUT",
    };
    let _ = writeln!(
        out,
        "{verdict} {}: {} of {} steps, {} cycles, {:.2} s host",
        s.name,
        r.steps.iter().filter(|s| s.passed).count(),
        s.steps.len(),
        r.cycles,
        host.as_secs_f64()
    );
    out
}

fn write_trace(path: &Path, report: &Report) -> Result<(), Failure> {
    std::fs::File::create(path)
        .and_then(|f| trace::write_vcd(std::io::BufWriter::new(f), &report.events, &report.time))
        .with_context(|| format!("cannot write {}", path.display()))
        .map_err(Failure::Io)
}

fn write_junit(path: &Path, done: &[(PathBuf, Done)]) -> Result<(), Failure> {
    let mut suite = TestSuite::new("cyclops scenarios");
    for (file, d) in done {
        let classname = file.display().to_string();
        let case = match d {
            Done::Invalid(problems) => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
                status
                    .set_type("invalid")
                    .set_message(problems[0].to_string())
                    .set_description(
                        problems
                            .iter()
                            .map(|p| p.to_string())
                            .collect::<Vec<_>>()
                            .join("\n"),
                    );
                let stem = file.file_stem().unwrap_or_default().to_string_lossy();
                TestCase::new(stem.into_owned(), status)
            }
            Done::Ran(s, r, host) => {
                let status = match &r.verdict {
                    Verdict::Passed => TestCaseStatus::success(),
                    Verdict::Failed { step, message } | Verdict::TimedOut { step, message } => {
                        let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                        let kind = if matches!(r.verdict, Verdict::Failed { .. }) {
                            "failure"
                        } else {
                            "timeout"
                        };
                        let st = &s.steps[*step];
                        status.set_type(kind).set_message(format!(
                            "step {} ({}, line {}): {message}",
                            step + 1,
                            st.label,
                            st.line
                        ));
                        status
                    }
                };
                let mut case = TestCase::new(s.name.clone(), status);
                case.set_time(*host);
                case.set_system_out(render(s, r, *host));
                case
            }
        };
        let mut case = case;
        case.set_classname(classname);
        suite.add_test_case(case);
    }
    let mut report = quick_junit::Report::new("cyclops test");
    report.add_test_suite(suite);
    std::fs::File::create(path)
        .map_err(anyhow::Error::from)
        .and_then(|f| report.serialize(f).map_err(anyhow::Error::from))
        .with_context(|| format!("cannot write {}", path.display()))
        .map_err(Failure::Io)
}
