//! The emulator thread: runs the machine in slices, paced to the board clock or flat out,
//! obeys commands from the UI and reports what happened over a bounded channel.

use std::{
    path::Path,
    sync::Arc,
    thread::JoinHandle,
    time::{Duration, Instant},
};

use anyhow::{anyhow, Result};
use crossbeam_channel::{Receiver, RecvTimeoutError, Sender, TryRecvError};
use emulator::{
    board::{Board, PeripheralKind},
    Event, Machine, Outcome,
};

use super::app::EmitterRow;
use crate::{
    outcome::{self, Failure},
    profile::{self, Function, Tally},
    run::SLICE,
    script,
    trace::Timebase,
};

/// How fast the emulator runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speed {
    /// Paced by the host clock to the board's clock.
    RealTime,
    /// As fast as the host can.
    Fast,
}

/// What the emulator is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunState {
    Running,
    Paused,
    /// The core sleeps and only input (a UART line) can wake it.
    Asleep,
    /// The firmware stopped for good (exited, faulted, ...): the outcome in words.
    Stopped(String),
}

/// What the UI asks of the emulator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Pause,
    Resume,
    /// One instruction, when paused.
    Step,
    /// Rebuild the machine from the image; reports after it carry this generation.
    Reset {
        generation: u32,
    },
    Speed(Speed),
    /// Bytes for USART1's receiver.
    Uart(Vec<u8>),
    Quit,
}

/// What the emulator did since its last report, and where it is now.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Counts resets: the UI drops reports from before its last reset.
    pub generation: u32,
    pub events: Vec<Event>,
    pub cycles: u64,
    pub instructions: u64,
    pub pc: u32,
    pub symbol: Option<String>,
    pub state: RunState,
    pub speed: Speed,
    /// Guest instructions per host microsecond over the last measuring window.
    pub mips: Option<f64>,
    /// The pin levels of every GPIO port, A first.
    pub levels: Vec<u16>,
    /// Emulated seconds so far, over the core clocks the firmware ran at.
    pub seconds: f64,
    /// The core clock now.
    pub clock_hz: u64,
    /// The script's functions called so far, with their cycles per call.
    pub functions: Vec<EmitterRow>,
}

impl Report {
    /// Folds a newer report into this one.
    pub fn merge(&mut self, newer: Report) {
        if newer.generation != self.generation {
            *self = newer;
            return;
        }
        let mut events = std::mem::take(&mut self.events);
        events.extend(newer.events);
        *self = Report { events, ..newer };
    }
}

/// Reports sent at most this often while running (state changes go at once).
const REPORT_EVERY: Duration = Duration::from_millis(10);
/// The window over which host MIPS are measured.
const MIPS_WINDOW: Duration = Duration::from_millis(500);

/// What the emulator runs, kept to build the machine again on a reset.
#[derive(Clone)]
pub enum Program {
    /// A firmware ELF.
    Firmware(Arc<[u8]>),
    /// A compiled script (`.mpy`) on the Python runtime firmware, with its functions.
    Script {
        mpy: Arc<[u8]>,
        functions: Arc<[Function]>,
    },
}

impl Program {
    /// A machine running the program; `name` names it in errors. A script's calls are
    /// watched (at no cost in cycles) for the emitter panel.
    fn machine(&self, name: &str, board: &'static Board) -> Result<Machine, Failure> {
        match self {
            Program::Firmware(elf) => outcome::machine(elf, Path::new(name), board),
            Program::Script { mpy, .. } => {
                let mut m = script::machine(mpy, board, false)?;
                profile::watch_calls(&mut m)?;
                Ok(m)
            }
        }
    }

    /// The rows of the emitter panel: every function called so far (not the module or
    /// class bodies), with its cycles per call.
    fn rows(&self, calls: &Tally) -> Vec<EmitterRow> {
        let Program::Script { functions, .. } = self else {
            return Vec::new();
        };
        calls
            .stats()
            .iter()
            .filter_map(|(&i, s)| {
                let f = functions
                    .get(i as usize)
                    .filter(|f| i > 0 && !f.class_body)?;
                Some(EmitterRow {
                    function: f.name.clone(),
                    emitter: f.emitter.name().into(),
                    calls: s.calls,
                    cycles_per_call: s.inclusive / s.calls.max(1),
                })
            })
            .collect()
    }
}

/// The channels of a running emulator thread.
pub struct Handle {
    pub reports: Receiver<Report>,
    pub commands: Sender<Command>,
    pub thread: JoinHandle<Result<()>>,
}

/// Starts the emulator thread on `program` (checked first, so a bad image fails here).
pub fn spawn(
    program: Program,
    source: String,
    board: &'static Board,
    speed: Speed,
    state: RunState,
) -> Result<Handle, Failure> {
    // The machine is not `Send`: load once here for the errors, then again in the thread.
    program.machine(&source, board)?;
    let (report_tx, reports) = crossbeam_channel::bounded(4);
    let (commands, command_rx) = crossbeam_channel::bounded(64);
    let thread = std::thread::Builder::new()
        .name("emulator".into())
        .spawn(move || {
            let machine = program
                .machine(&source, board)
                .map_err(|_| anyhow!("{source} reloads"))?;
            let mut worker = Worker {
                program,
                source,
                board,
                machine,
                generation: 0,
                state,
                speed,
                pace: Pace::new(0),
                mips: Meter::new(0),
                events: Vec::new(),
                calls: Tally::default(),
                time: Timebase::default(),
                last_report: Instant::now(),
                reports: report_tx,
                commands: command_rx,
            };
            worker.run()
        })
        .map_err(|e| Failure::Internal(e.into()))?;
    Ok(Handle {
        reports,
        commands,
        thread,
    })
}

/// Where real-time pacing started: the machine should be at `cycles` plus the host time
/// since `at`, in board clock cycles.
struct Pace {
    at: Instant,
    cycles: u64,
}

impl Pace {
    fn new(cycles: u64) -> Pace {
        Pace {
            at: Instant::now(),
            cycles,
        }
    }

    /// The host time at which the machine is due to reach `cycles`.
    fn due(&self, cycles: u64, clock_hz: u64) -> Instant {
        let ahead = cycles.saturating_sub(self.cycles) as f64 / clock_hz as f64;
        self.at + Duration::from_secs_f64(ahead)
    }

    /// Where the machine should be now.
    fn target(&self, clock_hz: u64) -> u64 {
        self.cycles + (self.at.elapsed().as_secs_f64() * clock_hz as f64) as u64
    }
}

/// Host MIPS over a sliding window.
struct Meter {
    at: Instant,
    instructions: u64,
    last: Option<f64>,
}

impl Meter {
    fn new(instructions: u64) -> Meter {
        Meter {
            at: Instant::now(),
            instructions,
            last: None,
        }
    }

    fn sample(&mut self, instructions: u64) -> Option<f64> {
        let secs = self.at.elapsed();
        if secs >= MIPS_WINDOW {
            let done = instructions.saturating_sub(self.instructions) as f64;
            self.last = Some(done / secs.as_secs_f64() / 1e6);
            *self = Meter {
                last: self.last,
                ..Meter::new(instructions)
            };
        }
        self.last
    }
}

struct Worker {
    program: Program,
    source: String,
    board: &'static Board,
    machine: Machine,
    generation: u32,
    state: RunState,
    speed: Speed,
    pace: Pace,
    mips: Meter,
    events: Vec<Event>,
    /// The script's calls, for the emitter panel.
    calls: Tally,
    time: Timebase,
    last_report: Instant,
    reports: Sender<Report>,
    commands: Receiver<Command>,
}

/// The UI has gone: stop.
#[derive(Debug)]
struct Gone;

impl std::fmt::Display for Gone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the UI has gone")
    }
}

impl std::error::Error for Gone {}

impl Worker {
    fn run(&mut self) -> Result<()> {
        match self.serve() {
            Err(e) if e.is::<Gone>() => Ok(()),
            other => other,
        }
    }

    fn serve(&mut self) -> Result<()> {
        self.report()?;
        loop {
            if let Some(command) = self.next_command()? {
                if command == Command::Quit {
                    return Ok(());
                }
                self.obey(command)?;
                continue;
            }
            if self.state == RunState::Running {
                self.slice()?;
            }
        }
    }

    /// The next command: waits while there is nothing to run, or until the machine is due
    /// to run again in real time.
    fn next_command(&self) -> Result<Option<Command>, Gone> {
        let due = match (&self.state, self.speed) {
            (RunState::Running, Speed::Fast) => None,
            (RunState::Running, Speed::RealTime) => {
                // Wake when a millisecond of board time is due, not for every few cycles.
                let quantum = self.board.clock_hz / 1000;
                let due = self
                    .pace
                    .due(self.machine.cycles() + quantum, self.board.clock_hz);
                (due > Instant::now()).then_some(due)
            }
            _ => return Ok(Some(self.commands.recv().map_err(|_| Gone)?)),
        };
        match due {
            Some(due) => match self.commands.recv_deadline(due) {
                Ok(c) => Ok(Some(c)),
                Err(RecvTimeoutError::Timeout) => Ok(None),
                Err(RecvTimeoutError::Disconnected) => Err(Gone),
            },
            None => match self.commands.try_recv() {
                Ok(c) => Ok(Some(c)),
                Err(TryRecvError::Empty) => Ok(None),
                Err(TryRecvError::Disconnected) => Err(Gone),
            },
        }
    }

    fn obey(&mut self, command: Command) -> Result<()> {
        match command {
            Command::Pause if self.state == RunState::Running => self.state = RunState::Paused,
            Command::Resume if self.state == RunState::Paused => self.start(),
            Command::Step if self.state == RunState::Paused => {
                let outcome = self.machine.step()?;
                self.drain();
                self.settle(outcome, RunState::Paused);
            }
            Command::Reset { generation } => {
                self.machine = self
                    .program
                    .machine(&self.source, self.board)
                    .map_err(|_| anyhow!("{} reloads", self.source))?;
                self.generation = generation;
                self.events.clear();
                self.calls = Tally::default();
                self.time = Timebase::default();
                self.mips = Meter::new(0);
                if self.state != RunState::Paused {
                    self.start();
                }
            }
            Command::Speed(speed) => {
                self.speed = speed;
                self.pace = Pace::new(self.machine.cycles());
            }
            Command::Uart(bytes) => {
                self.machine.uart_input(1, &bytes);
                if self.state == RunState::Asleep {
                    self.start();
                }
            }
            _ => return Ok(()),
        }
        self.report()
    }

    fn start(&mut self) {
        self.state = RunState::Running;
        self.pace = Pace::new(self.machine.cycles());
        self.mips = Meter::new(self.machine.instructions());
    }

    /// Runs one slice: as much as real time allows, or [`SLICE`] cycles flat out.
    fn slice(&mut self) -> Result<()> {
        let budget = match self.speed {
            Speed::Fast => SLICE,
            Speed::RealTime => {
                let target = self.pace.target(self.board.clock_hz);
                target.saturating_sub(self.machine.cycles()).min(SLICE)
            }
        };
        let outcome = self.machine.run(budget.max(1))?;
        self.drain();
        self.settle(outcome, RunState::Running);
        if self.state != RunState::Running || self.last_report.elapsed() >= REPORT_EVERY {
            self.report()?;
        }
        Ok(())
    }

    /// Takes the machine's events: calls go to the tally, the rest to the next report.
    fn drain(&mut self) {
        for e in self.machine.drain_events() {
            self.time.event(&e);
            match e {
                Event::Call { .. } | Event::Return { .. } => self.calls.event(&e),
                e => self.events.push(e),
            }
        }
        self.time.note(&self.machine);
    }

    /// The state after an outcome; `budget_used` is where a used-up budget leaves it.
    fn settle(&mut self, outcome: Outcome, budget_used: RunState) {
        self.state = match outcome {
            Outcome::CycleLimit => budget_used,
            Outcome::Halted => RunState::Asleep,
            other => RunState::Stopped(outcome::describe(&other)),
        };
    }

    fn report(&mut self) -> Result<()> {
        let m = &mut self.machine;
        let ports = self
            .board
            .peripherals
            .iter()
            .filter_map(|p| match p.kind {
                PeripheralKind::Gpio { port } => Some(port),
                _ => None,
            })
            .max()
            .map_or(0, |p| p + 1);
        let report = Report {
            generation: self.generation,
            events: std::mem::take(&mut self.events),
            cycles: m.cycles(),
            instructions: m.instructions(),
            pc: m.pc(),
            symbol: m.image().symbolize(m.pc()),
            state: self.state.clone(),
            speed: self.speed,
            mips: match self.state {
                RunState::Running => self.mips.sample(m.instructions()),
                _ => None,
            },
            levels: (0..ports).map(|p| m.pin_levels(p)).collect(),
            seconds: self.time.ps(m.cycles()) as f64 / 1e12,
            clock_hz: m.core_clock_hz(),
            functions: self.program.rows(&self.calls),
        };
        self.last_report = Instant::now();
        // Blocks only when the UI has fallen four reports behind.
        Ok(self.reports.send(report).map_err(|_| Gone)?)
    }
}
