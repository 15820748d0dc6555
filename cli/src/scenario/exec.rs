//! Running a checked scenario on a machine, step by step, on one logical timeline.
//!
//! `now` is the cycle at which the last step completed: the end of a `run-for`, or the
//! cycle of the very event a wait was waiting for. Marks record `now`, so cycles between
//! marks are exact. Waits run the machine in quanta of `QUANTUM` cycles, so the machine
//! itself may be up to a quantum past `now`: inputs (`write-serial`, `set-pin`) take effect
//! at the machine's cycle and move `now` up to it; `expect-pin` reads the level the pin had
//! at `now`.

use std::collections::HashMap;

use emulator::{Config, Event, Machine, Outcome};

use super::check::{
    edge, show, symbol_is, Action, Bounds, PinCondition, Scenario, SerialMatch, Step,
};
use super::format::{Duration, Edge};
use crate::{outcome, trace::Timebase};

/// How far a wait lets the machine run before it looks at what happened.
const QUANTUM: u64 = 1_000;
/// How far a plain run goes before the events are collected.
const SLICE: u64 = 2_000_000;

/// How a scenario ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    /// A step failed: expected, actual, cycle.
    Failed {
        step: usize,
        message: String,
    },
    /// The scenario's budget of emulated time ran out during a step.
    TimedOut {
        step: usize,
        message: String,
    },
}

/// What one step did, for the per-step output.
#[derive(Debug, Clone)]
pub struct StepReport {
    pub label: String,
    pub line: u64,
    /// `now` when the step completed (or failed).
    pub cycle: u64,
    pub passed: bool,
}

/// Everything a run of a scenario produced.
pub struct Report {
    pub verdict: Verdict,
    pub steps: Vec<StepReport>,
    pub cycles: u64,
    /// Pin and UART events, for the VCD trace.
    pub events: Vec<Event>,
    pub time: Timebase,
    pub serial: Vec<u8>,
}

/// Runs a scenario to its verdict. An error is Cyclops' own failure, not the scenario's.
pub fn run(s: &Scenario) -> Result<Report, crate::outcome::Failure> {
    let machine = match &s.script {
        Some(mpy) => crate::script::machine_with(&s.elf, mpy, s.board, s.flash_wait_states)?,
        None => outcome::machine_with(
            &s.elf,
            &s.firmware,
            Config {
                board: s.board,
                timing: true,
                flash_wait_states: s.flash_wait_states,
            },
        )?,
    };
    let mut machine = machine;
    if s.watches_calls {
        crate::profile::watch_calls(&mut machine)?;
    }
    let mut r = Runner {
        calls: crate::profile::Tally::default(),
        deadline: match s.timeout {
            Duration::Cycles(c) => Target::Cycle(c),
            Duration::Picoseconds(ps) => Target::Ps(ps),
        },
        machine,
        events: Vec::new(),
        serial: Vec::new(),
        serial_cycles: Vec::new(),
        cursor: 0,
        now: 0,
        stopped: None,
        marks: HashMap::new(),
        time: Timebase::default(),
    };
    r.time.note(&r.machine);
    let mut steps = Vec::new();
    let mut verdict = Verdict::Passed;
    for (i, step) in s.steps.iter().enumerate() {
        let result = r.step(step)?;
        steps.push(StepReport {
            label: step.label.clone(),
            line: step.line,
            cycle: r.now,
            passed: result.is_ok(),
        });
        match result {
            Ok(()) => {}
            Err(Stop::Failed(message)) => {
                verdict = Verdict::Failed { step: i, message };
                break;
            }
            Err(Stop::Timeout) => {
                let message = format!(
                    "the scenario's timeout of {} ran out at cycle {}",
                    s.timeout,
                    r.machine.cycles()
                );
                verdict = Verdict::TimedOut { step: i, message };
                break;
            }
        }
    }
    Ok(Report {
        verdict,
        steps,
        cycles: r.machine.cycles(),
        events: r.events,
        time: r.time,
        serial: r.serial,
    })
}

enum Stop {
    Failed(String),
    Timeout,
}

/// How a stretch of running ended.
enum Progress {
    /// The machine reached the cycle asked for (this one).
    Reached(u64),
    /// What the caller looked for happened, at this cycle.
    Found(u64),
    /// The firmware stopped for good (its outcome is in `stopped`).
    Stopped,
}

struct Runner {
    machine: Machine,
    events: Vec<Event>,
    /// USART1's output and the cycle each byte's frame started.
    serial: Vec<u8>,
    serial_cycles: Vec<u64>,
    /// Where the next `wait-serial` starts looking.
    cursor: usize,
    now: u64,
    /// The firmware's final outcome and the cycle it came at.
    stopped: Option<(Outcome, u64)>,
    marks: HashMap<String, u64>,
    deadline: Target,
    time: Timebase,
    /// Python calls, when a step measures them.
    calls: crate::profile::Tally,
}

/// A point on the timeline: a cycle, or an emulated time that becomes a cycle at the core
/// clock in force (so a span measured in time stretches when the firmware speeds the clock).
#[derive(Debug, Clone, Copy)]
enum Target {
    Cycle(u64),
    Ps(u128),
}

type StepResult = Result<Result<(), Stop>, outcome::Failure>;

fn fail<T>(message: String) -> Result<Result<T, Stop>, outcome::Failure> {
    Ok(Err(Stop::Failed(message)))
}

impl Runner {
    /// The point `d` after `now`.
    fn after(&self, d: Duration) -> Target {
        match d {
            Duration::Cycles(c) => Target::Cycle(self.now.saturating_add(c)),
            Duration::Picoseconds(ps) => Target::Ps(self.time.ps(self.now) + ps),
        }
    }

    fn cycle_of(&self, t: Target) -> u64 {
        match t {
            Target::Cycle(c) => c,
            Target::Ps(ps) => self.time.cycle_at(ps),
        }
    }

    /// Runs until `until` (forever if `None`; capped by the scenario deadline), until `found`
    /// reports a cycle for the events collected since its argument index, or until the
    /// firmware stops.
    fn advance(
        &mut self,
        until: Option<Target>,
        quantum: u64,
        mut found: impl FnMut(&Self, usize) -> Option<u64>,
    ) -> Result<Result<Progress, Stop>, outcome::Failure> {
        loop {
            if self.stopped.is_some() {
                return Ok(Ok(Progress::Stopped));
            }
            let until = until.map_or(u64::MAX, |t| self.cycle_of(t));
            let deadline = self.cycle_of(self.deadline);
            let target = until.min(deadline);
            let at = self.machine.cycles();
            if at >= target {
                return Ok(if until <= deadline {
                    Ok(Progress::Reached(until))
                } else {
                    Err(Stop::Timeout)
                });
            }
            let outcome = self.machine.run((target - at).min(quantum))?;
            let first = self.events.len();
            for e in self.machine.drain_events() {
                self.time.event(&e);
                if let Event::Uart {
                    uart: 1,
                    byte,
                    cycle,
                    ..
                } = e
                {
                    self.serial.push(byte);
                    self.serial_cycles.push(cycle);
                }
                if matches!(e, Event::Pin { .. } | Event::Uart { .. }) {
                    self.events.push(e);
                } else {
                    self.calls.event(&e);
                }
            }
            self.time.note(&self.machine);
            if let Some(cycle) = found(self, first) {
                return Ok(Ok(Progress::Found(cycle)));
            }
            if outcome != Outcome::CycleLimit {
                self.stopped = Some((outcome, self.machine.cycles()));
            }
        }
    }

    /// Why nothing more can happen, for a failure message.
    fn stopped_why(&self) -> String {
        match &self.stopped {
            Some((o, cycle)) => format!("{} at cycle {cycle}", first_line(&outcome::describe(o))),
            None => String::new(),
        }
    }

    /// Where the first `text` after the cursor ends in the serial output, if it is there.
    fn find_serial(&self, text: &[u8]) -> Option<usize> {
        let i = self.serial[self.cursor..]
            .windows(text.len())
            .position(|w| w == text)?;
        Some(self.cursor + i + text.len())
    }

    /// The level `pin` had at `now`: its current level, unless it changed after `now`.
    fn level_at_now(&mut self, port: u8, pin: u8) -> bool {
        let later = self.events.iter().find(|e| {
            matches!(e, Event::Pin { port: p, pin: n, cycle, .. } if *p == port && *n == pin && *cycle > self.now)
        });
        match later {
            Some(Event::Pin { level, .. }) => !level,
            _ => self.machine.pin_levels(port) & (1 << pin) != 0,
        }
    }

    fn step(&mut self, step: &Step) -> StepResult {
        match &step.action {
            Action::RunFor(d) => {
                let until = self.after(*d);
                match self.advance(Some(until), SLICE, |_, _| None)? {
                    Ok(Progress::Reached(cycle)) => {
                        self.now = cycle;
                        Ok(Ok(()))
                    }
                    Ok(_) => fail(format!(
                        "expected the firmware to run for {d}, but {}",
                        self.stopped_why()
                    )),
                    Err(stop) => Ok(Err(stop)),
                }
            }
            Action::WaitSerial { text, timeout } => {
                let until = timeout.map(|t| self.after(t));
                let find = |r: &Self, _| r.find_serial(text).map(|end| r.serial_cycles[end - 1]);
                let progress = match find(self, 0) {
                    Some(c) => Ok(Progress::Found(c)),
                    None => self.advance(until, QUANTUM, find)?,
                };
                match progress {
                    Ok(Progress::Found(cycle)) => {
                        self.cursor = self.find_serial(text).unwrap_or(self.cursor);
                        self.now = self.now.max(cycle);
                        Ok(Ok(()))
                    }
                    Ok(Progress::Reached(until)) => fail(format!(
                        "expected serial output {} by cycle {until}; got {} since the last match",
                        show(text),
                        show(&self.serial[self.cursor..])
                    )),
                    Ok(Progress::Stopped) => fail(format!(
                        "expected serial output {}, but {}; got {} since the last match",
                        show(text),
                        self.stopped_why(),
                        show(&self.serial[self.cursor..])
                    )),
                    Err(stop) => Ok(Err(stop)),
                }
            }
            Action::WriteSerial(bytes) => {
                self.machine.uart_input(1, bytes);
                self.now = self.now.max(self.machine.cycles());
                Ok(Ok(()))
            }
            Action::ExpectSerial(m) => {
                let ok = match m {
                    SerialMatch::Equals(e) => self.serial == *e,
                    SerialMatch::Regex(r) => r.is_match(&self.serial),
                };
                if ok {
                    return Ok(Ok(()));
                }
                let expected = match m {
                    SerialMatch::Equals(e) => show(e),
                    SerialMatch::Regex(r) => format!("a match for /{r}/"),
                };
                fail(format!(
                    "expected serial output {expected}, got {} at cycle {}",
                    show(&self.serial),
                    self.now
                ))
            }
            Action::ExpectPin { pin, high } => {
                let level = self.level_at_now(pin.port, pin.pin);
                if level == *high {
                    Ok(Ok(()))
                } else {
                    fail(format!(
                        "expected {pin} = {}, got {} at cycle {}",
                        u8::from(*high),
                        u8::from(level),
                        self.now
                    ))
                }
            }
            Action::SetPin { pin, level } => {
                self.machine.drive_pin(pin.port, pin.pin, *level);
                self.events.extend(
                    self.machine
                        .drain_events()
                        .into_iter()
                        .filter(|e| matches!(e, Event::Pin { .. })),
                );
                self.now = self.now.max(self.machine.cycles());
                Ok(Ok(()))
            }
            Action::WaitPin {
                pin,
                until: cond,
                timeout,
            } => {
                let until = timeout.map(|t| self.after(t));
                let (port, n) = (pin.port, pin.pin);
                if let PinCondition::Level(l) = cond {
                    if self.level_at_now(port, n) == *l {
                        return Ok(Ok(()));
                    }
                }
                let now = self.now;
                let find = |r: &Self, first: usize| {
                    r.events[first..].iter().find_map(|e| match *e {
                        Event::Pin {
                            cycle,
                            port: p,
                            pin: q,
                            level,
                        } if p == port && q == n && cycle > now => {
                            let hit = match cond {
                                PinCondition::Level(l) => level == *l,
                                PinCondition::Edge(Edge::Rising) => level,
                                PinCondition::Edge(Edge::Falling) => !level,
                                PinCondition::Edge(Edge::Any) => true,
                            };
                            hit.then_some(cycle)
                        }
                        _ => None,
                    })
                };
                let progress = match find(self, 0) {
                    Some(c) => Ok(Progress::Found(c)),
                    None => self.advance(until, QUANTUM, find)?,
                };
                let level = self.level_at_now(port, n);
                match progress {
                    Ok(Progress::Found(cycle)) => {
                        self.now = cycle;
                        Ok(Ok(()))
                    }
                    Ok(Progress::Reached(until)) => fail(format!(
                        "expected {}, but {pin} stayed {} until cycle {until}",
                        wanted(cond),
                        u8::from(level)
                    )),
                    Ok(Progress::Stopped) => fail(format!(
                        "expected {}, but {} with {pin} = {}",
                        wanted(cond),
                        self.stopped_why(),
                        u8::from(level)
                    )),
                    Err(stop) => Ok(Err(stop)),
                }
            }
            Action::ExpectToggles {
                pin,
                min,
                max,
                within,
            } => {
                let from = self.now;
                let end = self.after(*within);
                if let Err(stop) = self.advance(Some(end), SLICE, |_, _| None)? {
                    return Ok(Err(stop));
                }
                let until = self.cycle_of(end);
                let count = self
                    .events
                    .iter()
                    .filter(|e| matches!(**e, Event::Pin { cycle, port, pin: n, .. } if port == pin.port && n == pin.pin && cycle > from && cycle <= until))
                    .count() as u64;
                self.now = match &self.stopped {
                    Some((_, c)) => (*c).min(until),
                    None => until,
                };
                if (*min..=*max).contains(&count) {
                    Ok(Ok(()))
                } else {
                    fail(format!(
                        "expected {} toggles of {pin} in cycles {from}..{until}, got {count}",
                        Bounds(*min, *max)
                    ))
                }
            }
            Action::Mark(m) => {
                self.marks.insert(m.clone(), self.now);
                Ok(Ok(()))
            }
            Action::ExpectCycles { from, to, min, max } => {
                let start = self.marks[from];
                let end = to.as_ref().map_or(self.now, |t| self.marks[t]);
                let spent = end.saturating_sub(start);
                if (*min..=*max).contains(&spent) {
                    Ok(Ok(()))
                } else {
                    fail(format!(
                        "expected {} cycles from `{from}` (cycle {start}) to {} (cycle {end}), got {spent}",
                        Bounds(*min, *max),
                        to.as_ref().map_or("now".into(), |t| format!("`{t}`"))
                    ))
                }
            }
            Action::ExpectCallCycles {
                function,
                index,
                min,
                max,
            } => {
                let calls = self.calls.stats().get(index).map_or(0, |s| s.calls);
                match self.calls.call_range(*index) {
                    None => fail(format!(
                        "expected {} cycles per call of `{function}`, but it was not called by cycle {}",
                        Bounds(*min, *max),
                        self.now
                    )),
                    Some((low, high)) if *min <= low && high <= *max => Ok(Ok(())),
                    Some((low, high)) => fail(format!(
                        "expected {} cycles per call of `{function}`, got {} over {calls} calls",
                        Bounds(*min, *max),
                        Bounds(low, high)
                    )),
                }
            }
            Action::ExpectExit { code, within } => match self.run_to_stop(*within)? {
                Err(stop) => Ok(Err(stop)),
                Ok(None) => fail(format!(
                    "expected exit code {code}, but the firmware was still running at cycle {}",
                    self.machine.cycles()
                )),
                Ok(Some((Outcome::Exited(c), _))) if c == *code => Ok(Ok(())),
                Ok(Some(_)) => fail(format!(
                    "expected exit code {code}, but {}",
                    self.stopped_why()
                )),
            },
            Action::ExpectFault {
                cause,
                symbol,
                within,
            } => match self.run_to_stop(*within)? {
                Err(stop) => Ok(Err(stop)),
                Ok(None) => fail(format!(
                    "expected a fault, but the firmware was still running at cycle {}",
                    self.machine.cycles()
                )),
                Ok(Some((Outcome::Fault(r) | Outcome::Lockup(r), _))) => {
                    let cause_ok = cause
                        .as_ref()
                        .is_none_or(|c| c.is_match(r.cause.as_bytes()));
                    let symbol_ok = symbol
                        .as_deref()
                        .is_none_or(|s| r.symbol.as_deref().is_some_and(|r| symbol_is(r, s)));
                    if cause_ok && symbol_ok {
                        Ok(Ok(()))
                    } else {
                        let mut expected = Vec::new();
                        if let Some(c) = cause {
                            expected.push(format!("a cause matching /{c}/"));
                        }
                        if let Some(s) = symbol {
                            expected.push(format!("in `{s}`"));
                        }
                        fail(format!(
                            "expected a fault {}, got: {} in `{}` at cycle {}",
                            expected.join(" "),
                            r.cause,
                            r.symbol.as_deref().unwrap_or("?"),
                            r.cycle
                        ))
                    }
                }
                Ok(Some(_)) => fail(format!("expected a fault, but {}", self.stopped_why())),
            },
            Action::ExpectHang { within, symbol } => match self.run_to_stop(Some(*within))? {
                Err(stop) => Ok(Err(stop)),
                Ok(Some(_)) => fail(format!(
                    "expected the firmware to still run after {within}, but {}",
                    self.stopped_why()
                )),
                Ok(None) => {
                    let pc = self.machine.pc();
                    let at = self.machine.image().symbolize(pc);
                    match symbol {
                        Some(s) if !at.as_deref().is_some_and(|a| symbol_is(a, s)) => {
                            fail(format!(
                                "expected the core in `{s}` at cycle {}, got pc {pc:#010x} ({})",
                                self.machine.cycles(),
                                at.as_deref().unwrap_or("no symbol")
                            ))
                        }
                        _ => Ok(Ok(())),
                    }
                }
            },
        }
    }

    /// Runs until the firmware stops (within `within` of now, if given); its final outcome.
    fn run_to_stop(
        &mut self,
        within: Option<Duration>,
    ) -> Result<Result<Option<(Outcome, u64)>, Stop>, outcome::Failure> {
        let until = within.map(|w| self.after(w));
        match self.advance(until, SLICE, |_, _| None)? {
            Err(stop) => Ok(Err(stop)),
            Ok(Progress::Reached(cycle)) => {
                self.now = cycle;
                Ok(Ok(None))
            }
            Ok(_) => {
                let stopped = self.stopped.clone();
                if let Some((_, c)) = &stopped {
                    self.now = self.now.max(*c);
                }
                Ok(Ok(stopped))
            }
        }
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

fn wanted(cond: &PinCondition) -> String {
    match cond {
        PinCondition::Level(l) => format!("level {}", u8::from(*l)),
        PinCondition::Edge(e) => edge(*e).to_string(),
    }
}
