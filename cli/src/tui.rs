//! `cyclops tui`: the firmware running live in the terminal. The emulator runs on its own
//! thread ([`worker`]); this thread owns the terminal, turns keys and the emulator's reports
//! into [`app::Event`]s for the pure [`app::App`], and redraws at most 30 times a second.

pub mod app;
pub mod ui;
pub mod worker;

use std::{
    io::IsTerminal,
    path::{Path, PathBuf},
    process::ExitCode,
    time::{Duration, Instant},
};

use anyhow::{anyhow, Context, Result};
use clap::Args;
use crossbeam_channel::{select, Receiver, Sender};
use emulator::board::Board;
use ratatui::{backend::Backend, crossterm::event, Terminal};

use crate::{outcome::Failure, script};
use app::{App, Event};
use worker::{Command, Program, Report, RunState, Speed};

#[derive(Args)]
pub struct TuiArgs {
    /// A firmware ELF, or a Python script (`.py`, `.mpy`) for the runtime firmware;
    /// without it, the built-in demo (examples/demo.py: LEDs and the seed's toggles).
    program: Option<PathBuf>,
    /// The board to run it on.
    #[arg(long, default_value = "stm32f405")]
    board: String,
    /// Start as fast as possible instead of in real time (`+`/`-` switch while running).
    #[arg(long)]
    fast: bool,
    /// Start paused at the reset vector (space runs, `s` steps).
    #[arg(long)]
    paused: bool,
}

/// What runs with no argument: the runtime firmware on `examples/demo.py`, compiled
/// here (mpy-cross comes with the setup the README's main command runs).
const DEMO: &str = include_str!("../../examples/demo.py");

fn demo() -> Result<(String, Program), Failure> {
    let dir = tempfile::tempdir()
        .context("cannot make a temporary directory")
        .map_err(Failure::Io)?;
    let path = dir.path().join("demo.py");
    std::fs::write(&path, DEMO)
        .with_context(|| format!("cannot write {}", path.display()))
        .map_err(Failure::Io)?;
    script_program("examples/demo.py (built in)".into(), &path)
}

/// A script on the runtime firmware, with its functions named for the emitter panel.
fn script_program(name: String, path: &Path) -> Result<(String, Program), Failure> {
    let (mpy, functions) = crate::profile::compile(path, &[])?;
    Ok((
        name,
        Program::Script {
            mpy: mpy.into(),
            functions: functions.into(),
        },
    ))
}

/// The shortest time between two redraws.
pub const FRAME: Duration = Duration::from_nanos(1_000_000_000 / 30);

pub fn main(args: TuiArgs) -> ExitCode {
    match tui(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let (code, err) = failure.split();
            eprintln!("cyclops: {err:#}");
            ExitCode::from(code)
        }
    }
}

/// The name and the program to run (a script is compiled here, once).
fn program(path: Option<&Path>) -> Result<(String, Program), Failure> {
    let Some(path) = path else {
        return demo();
    };
    let name = path.display().to_string();
    if script::is_script(path) {
        return script_program(name, path);
    }
    let elf = std::fs::read(path)
        .with_context(|| format!("cannot read {}", path.display()))
        .map_err(Failure::Io)?;
    Ok((name, Program::Firmware(elf.into())))
}

fn tui(args: &TuiArgs) -> Result<(), Failure> {
    let board = Board::by_name(&args.board).map_err(|e| Failure::Input(e.into()))?;
    let (source, elf) = program(args.program.as_deref())?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Failure::NoTerminal(anyhow!(
            "`cyclops tui` needs a terminal, and standard input or output is not one \
             (`cyclops run` runs firmware without a terminal)"
        )));
    }
    let speed = if args.fast {
        Speed::Fast
    } else {
        Speed::RealTime
    };
    let state = if args.paused {
        RunState::Paused
    } else {
        RunState::Running
    };
    let emulator = worker::spawn(elf, source.clone(), board, speed, state.clone())?;
    let mut app = App::new(board, source, speed);
    app.state = state;
    // Restores the terminal on panic too.
    let mut terminal = ratatui::init();
    let keys = key_reader();
    let shown = drive(
        &mut terminal,
        &mut app,
        &emulator.reports,
        &emulator.commands,
        &keys,
        |_| false,
    );
    ratatui::restore();
    drop(emulator.commands);
    drop(emulator.reports);
    let worked = match emulator.thread.join() {
        Ok(result) => result,
        Err(_) => Err(anyhow!("the emulator thread panicked")),
    };
    worked.and(shown).map_err(Failure::Internal)
}

/// Reads keys on a thread of its own (crossterm's reads block).
fn key_reader() -> Receiver<Event> {
    let (tx, rx) = crossbeam_channel::bounded(64);
    std::thread::spawn(move || {
        while let Ok(e) = event::read() {
            let sent = match e {
                event::Event::Key(k) => tx.send(Event::Key(k)),
                _ => Ok(()),
            };
            if sent.is_err() {
                break;
            }
        }
    });
    rx
}

/// The UI loop: applies every report and key queued, redraws at most once a [`FRAME`], and
/// sends the app's commands to the emulator; returns when the app quits or `done` says so.
pub fn drive<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    reports: &Receiver<Report>,
    commands: &Sender<Command>,
    keys: &Receiver<Event>,
    done: impl Fn(&App) -> bool,
) -> Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let never = crossbeam_channel::never();
    let mut keys = keys;
    let mut drawn: Option<Instant> = None;
    let mut dirty = true;
    loop {
        if dirty && drawn.is_none_or(|t| t.elapsed() >= FRAME) {
            terminal.draw(|f| f.render_widget(&*app, f.area()))?;
            drawn = Some(Instant::now());
            dirty = false;
        }
        let wait = match drawn {
            Some(t) if dirty => FRAME.saturating_sub(t.elapsed()),
            _ => Duration::from_secs(1),
        };
        let first = select! {
            recv(reports) -> r => Event::Report(r.context("the emulator thread stopped")?),
            recv(keys) -> k => match k {
                Ok(k) => k,
                Err(_) => {
                    // No more keys (standard input closed): stop listening for them.
                    keys = &never;
                    continue;
                }
            },
            default(wait) => continue,
        };
        let queued: Vec<Event> = reports
            .try_iter()
            .map(Event::Report)
            .chain(keys.try_iter())
            .collect();
        for e in std::iter::once(first).chain(queued) {
            if let Some(command) = app.handle_event(e) {
                // A stopped emulator shows up as a closed report channel.
                let _ = commands.send(command);
            }
        }
        dirty = true;
        if app.quit || done(app) {
            return Ok(());
        }
    }
}
