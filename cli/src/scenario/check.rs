//! Validation: turns a parsed file into steps ready to run, or into every problem found,
//! each with its file, line and column.

use std::{
    collections::HashSet,
    fmt,
    path::{Path, PathBuf},
};

use emulator::{board::Board, board::PeripheralKind, elf::Image};
use regex::bytes::Regex;
use serde_saphyr::Spanned;

use super::{
    diagram::Diagram,
    format::{self, Duration, Edge, Level},
};

/// Where a scenario's firmware or script comes from when the file does not say.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub firmware: Option<PathBuf>,
    pub script: Option<PathBuf>,
    /// The scenario budget for files that set none.
    pub timeout: Option<Duration>,
}

/// The budget of a scenario that sets none, and has none from the command line.
const DEFAULT_TIMEOUT: Duration = Duration::Picoseconds(30 * 1_000_000_000_000);

/// A problem with a scenario, at a place in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub path: PathBuf,
    pub line: u64,
    pub column: u64,
    pub message: String,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match self.line {
            // Not a place in the file: the file as a whole.
            0 => write!(f, "{path}: {}", self.message),
            line => write!(f, "{path}:{line}:{}: {}", self.column, self.message),
        }
    }
}

/// A GPIO pin of the MCU.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pin {
    pub port: u8,
    pub pin: u8,
}

impl fmt::Display for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&emulator::pin_name(self.port, self.pin))
    }
}

/// What a step does, resolved.
#[derive(Debug)]
pub enum Action {
    /// `delay` and `run-for`.
    RunFor(Duration),
    WaitSerial {
        text: Vec<u8>,
        timeout: Option<Duration>,
    },
    WriteSerial(Vec<u8>),
    ExpectSerial(SerialMatch),
    ExpectPin {
        pin: Pin,
        high: bool,
    },
    SetPin {
        pin: Pin,
        level: Option<bool>,
    },
    WaitPin {
        pin: Pin,
        until: PinCondition,
        timeout: Option<Duration>,
    },
    ExpectToggles {
        pin: Pin,
        min: u64,
        max: u64,
        within: Duration,
    },
    Mark(String),
    ExpectCycles {
        from: String,
        to: Option<String>,
        min: u64,
        max: u64,
    },
    /// Every call of a Python function so far, with what it calls, took min..=max cycles.
    ExpectCallCycles {
        function: String,
        /// Its index in the script's tree, as the call probes report it.
        index: u32,
        min: u64,
        max: u64,
    },
    ExpectExit {
        code: i32,
        within: Option<Duration>,
    },
    ExpectFault {
        cause: Option<Regex>,
        symbol: Option<String>,
        within: Option<Duration>,
    },
    ExpectHang {
        within: Duration,
        symbol: Option<String>,
    },
}

#[derive(Debug)]
pub enum SerialMatch {
    Equals(Vec<u8>),
    Regex(Regex),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinCondition {
    Level(bool),
    Edge(Edge),
}

/// A step ready to run.
#[derive(Debug)]
pub struct Step {
    pub line: u64,
    /// The step's `name`, or its command in words.
    pub label: String,
    pub action: Action,
}

/// A scenario ready to run.
#[derive(Debug)]
pub struct Scenario {
    pub path: PathBuf,
    pub name: String,
    pub board: &'static Board,
    /// The firmware ELF (for a script: the Python runtime firmware).
    pub firmware: PathBuf,
    pub elf: Vec<u8>,
    /// The compiled script (`.mpy`) for the runtime firmware's script slot.
    pub script: Option<Vec<u8>>,
    /// Whether a step measures Python calls (the run then watches them).
    pub watches_calls: bool,
    /// Whether flash reads take FLASH_ACR's wait states.
    pub flash_wait_states: bool,
    pub timeout: Duration,
    pub steps: Vec<Step>,
}

/// Reads and checks the scenario at `path`.
pub fn load(path: &Path, sources: &Sources) -> Result<Scenario, Vec<Invalid>> {
    let at = |line: u64, column: u64, message: String| Invalid {
        path: path.to_path_buf(),
        line,
        column,
        message,
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| vec![at(0, 0, format!("cannot read the scenario: {e}"))])?;
    let file: format::File = serde_saphyr::from_str(&text).map_err(|e| {
        let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
        vec![at(line, column, yaml_message(&e))]
    })?;
    let mut c = Checker {
        path,
        problems: Vec::new(),
        board: &emulator::board::STM32F405,
        marks: HashSet::new(),
        functions: Vec::new(),
        diagram: None,
    };
    let scenario = c.scenario(file, sources);
    match scenario {
        Some(s) if c.problems.is_empty() => Ok(s),
        _ => Err(c.problems),
    }
}

/// The parser's message without its source snippet (we print file:line:column ourselves).
fn yaml_message(e: &serde_saphyr::Error) -> String {
    let full = e.without_snippet().to_string();
    // Drop a trailing " at line X column Y" that repeats the location.
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    }
}

struct Checker<'a> {
    path: &'a Path,
    problems: Vec<Invalid>,
    board: &'static Board,
    marks: HashSet<String>,
    /// The script's functions, for `expect-cycles` of a function.
    functions: Vec<crate::profile::Function>,
    /// The `diagram.json` beside the scenario, read when a step first needs it.
    diagram: Option<Option<Diagram>>,
}

impl Checker<'_> {
    fn problem<T>(&mut self, at: &Spanned<T>, message: String) {
        self.problem_at(at.referenced.line(), at.referenced.column(), message);
    }

    fn problem_at(&mut self, line: u64, column: u64, message: String) {
        self.problems.push(Invalid {
            path: self.path.to_path_buf(),
            line,
            column,
            message,
        });
    }

    fn scenario(&mut self, file: format::File, sources: &Sources) -> Option<Scenario> {
        if file.version.value != 1 {
            let v = file.version.value;
            self.problem(
                &file.version,
                format!("version {v} is not supported: scenarios are version 1"),
            );
        }
        if let Some(b) = &file.board {
            match Board::by_name(&b.value) {
                Ok(board) => self.board = board,
                Err(_) => self.problem(
                    b,
                    format!(
                        "unknown board `{}`: known boards are {}",
                        b.value,
                        Board::names().join(", ")
                    ),
                ),
            }
        }
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let script = file
            .script
            .as_ref()
            .map(|s| {
                (
                    dir.join(&s.value),
                    s.referenced.line(),
                    s.referenced.column(),
                )
            })
            .or_else(|| {
                // --script is for files that name no program of their own.
                let own_firmware = file.firmware.is_some();
                sources
                    .script
                    .clone()
                    .filter(|_| !own_firmware)
                    .map(|p| (p, 1, 1))
            });
        // A script is compiled now, so that mpy-cross's complaints are validation errors.
        let mpy = script.map(|(path, line, column)| {
            let compiled = if path.is_file() {
                crate::profile::compile(&path, &[]).map_err(|f| format!("{:#}", f.split().1))
            } else {
                Err(format!("script {} does not exist", path.display()))
            };
            compiled
                .map(|(mpy, functions)| {
                    self.functions = functions;
                    mpy
                })
                .map_err(|why| self.problem_at(line, column, why))
                .ok()
        });
        let firmware = match &file.firmware {
            Some(f) => Some((
                dir.join(&f.value),
                f.referenced.line(),
                f.referenced.column(),
            )),
            None => sources.firmware.clone().map(|p| (p, 1, 1)).or_else(|| {
                // A script runs on the built-in runtime; Wokwi's firmware is for the rest.
                mpy.is_none().then(|| self.wokwi_toml(dir)).flatten()
            }),
        };
        let loaded = match firmware {
            Some((p, line, column)) => self.firmware(&p, line, column).map(|elf| (p, elf)),
            None if mpy.is_some() => Some((
                PathBuf::from("firmware-images/python.elf (built in)"),
                crate::script::RUNTIME_ELF.to_vec(),
            )),
            None => {
                self.problem_at(1, 1, "the scenario names no firmware: add `firmware: FILE.elf` or `script: FILE.py`, put a wokwi.toml beside it, or pass --firmware".into());
                None
            }
        };
        let steps: Vec<Step> = file
            .steps
            .into_iter()
            .filter_map(|s| self.step(s))
            .collect();
        let (firmware, elf) = loaded?;
        let watches_calls = steps
            .iter()
            .any(|s| matches!(s.action, Action::ExpectCallCycles { .. }));
        Some(Scenario {
            watches_calls,
            path: self.path.to_path_buf(),
            name: file.name,
            board: self.board,
            firmware,
            elf,
            script: match mpy {
                Some(compiled) => Some(compiled?),
                None => None,
            },
            flash_wait_states: file.flash_wait_states,
            timeout: file.timeout.or(sources.timeout).unwrap_or(DEFAULT_TIMEOUT),
            steps,
        })
    }

    /// The `elf` (else `firmware`) key of a wokwi.toml in `dir`, as Wokwi projects have.
    fn wokwi_toml(&mut self, dir: &Path) -> Option<(PathBuf, u64, u64)> {
        let path = dir.join("wokwi.toml");
        let text = std::fs::read_to_string(&path).ok()?;
        let problem = |message: String| Invalid {
            path: path.clone(),
            line: 1,
            column: 1,
            message,
        };
        let value: toml::Table = match toml::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                let (line, column) = e.span().map_or((1, 1), |s| line_column(&text, s.start));
                self.problems.push(Invalid {
                    line,
                    column,
                    ..problem(e.message().to_string())
                });
                return None;
            }
        };
        let wokwi = value.get("wokwi").and_then(|w| w.as_table());
        let file = ["elf", "firmware"]
            .iter()
            .find_map(|k| wokwi.and_then(|w| w.get(*k)).and_then(|v| v.as_str()));
        match file {
            Some(f) => Some((dir.join(f), 1, 1)),
            None => {
                self.problems.push(problem(
                    "a wokwi.toml for Cyclops needs `elf` or `firmware` under [wokwi]".into(),
                ));
                None
            }
        }
    }

    fn firmware(&mut self, path: &Path, line: u64, column: u64) -> Option<Vec<u8>> {
        let problem = match std::fs::read(path) {
            Ok(bytes) => match Image::from_elf(&bytes, self.board) {
                Ok(_) => return Some(bytes),
                Err(e) => format!("firmware {}: {e}", path.display()),
            },
            Err(e) => format!("cannot read firmware {}: {e}", path.display()),
        };
        self.problem_at(line, column, problem);
        None
    }

    /// A pin from Wokwi's `part-id` + `name`/`pin`, or our `pin` alone. A part other than the
    /// board is followed through the wires of `diagram.json` to the board pin behind it.
    fn pin(
        &mut self,
        step: (u64, u64),
        part: Option<&Spanned<String>>,
        names: [Option<&Spanned<String>>; 2],
    ) -> Option<Pin> {
        let Some(name) = names.into_iter().flatten().next() else {
            self.problem_at(step.0, step.1, "the step names no pin (`pin: PA14`)".into());
            return None;
        };
        match part {
            Some(part) if !self.is_board(&part.value) => self.wired_pin(part, name),
            _ => self.resolve_pin(name),
        }
    }

    fn is_board(&self, part: &str) -> bool {
        ["board", "mcu", self.board.name].contains(&part)
    }

    /// The board pin that pin `name` of `part` is wired to in `diagram.json`.
    fn wired_pin(&mut self, part: &Spanned<String>, name: &Spanned<String>) -> Option<Pin> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let diagram = match self.diagram.take() {
            Some(d) => d,
            None => match Diagram::load(dir) {
                Ok(d) => d,
                Err(why) => {
                    self.problem(part, why);
                    None
                }
            },
        };
        let pins = diagram
            .as_ref()
            .map(|d| d.board_pins(&part.value, &name.value));
        self.diagram = Some(diagram);
        let (id, pin) = (&part.value, &name.value);
        let Some(pins) = pins else {
            self.problem(part, format!("part-id `{id}` is not the board (`board`, `mcu` or `{}`), and no diagram.json beside the scenario says what it is wired to", self.board.name));
            return None;
        };
        let mut pins = pins.into_iter();
        match (pins.next(), pins.next()) {
            (Some(only), None) => {
                self.resolve_pin(&Spanned::new(only, name.referenced, name.defined))
            }
            (None, _) => {
                self.problem(
                    name,
                    format!("`{id}:{pin}` is wired to no pin of the board in diagram.json"),
                );
                None
            }
            (Some(a), Some(b)) => {
                self.problem(name, format!("`{id}:{pin}` is wired to several pins of the board in diagram.json ({a}, {b})"));
                None
            }
        }
    }

    fn resolve_pin(&mut self, name: &Spanned<String>) -> Option<Pin> {
        let board = self.board;
        let text = board
            .pin_labels
            .iter()
            .find(|(_, label)| *label == name.value)
            .map_or(name.value.as_str(), |(pin, _)| *pin);
        let b = text.as_bytes();
        let parsed = (b.len() >= 3 && b[0] == b'P' && b[1].is_ascii_uppercase())
            .then(|| text[2..].parse::<u8>().ok())
            .flatten()
            .filter(|&n| n < 16 && !text[2..].starts_with('+'))
            .map(|pin| Pin {
                port: b[1] - b'A',
                pin,
            })
            .filter(|p| {
                board
                    .peripherals
                    .iter()
                    .any(|d| d.kind == PeripheralKind::Gpio { port: p.port })
            });
        if parsed.is_none() {
            let labels: Vec<&str> = board.pin_labels.iter().map(|(_, l)| *l).collect();
            self.problem(
                name,
                format!(
                    "`{}` is not a pin of the {}: write a port and a number like PA14, or one of {}",
                    name.value,
                    board.name,
                    labels.join(", ")
                ),
            );
        }
        parsed
    }

    fn regex(&mut self, r: &Spanned<String>) -> Option<Regex> {
        match Regex::new(&r.value) {
            Ok(re) => Some(re),
            Err(e) => {
                self.problem(r, format!("bad regular expression: {e}"));
                None
            }
        }
    }

    /// `expect-cycles` between two marks.
    fn cycles_between(
        &mut self,
        at: (u64, u64),
        e: &format::ExpectCycles,
        bounds: Option<(u64, u64)>,
    ) -> Option<Action> {
        let Some(from) = &e.from else {
            self.problem_at(
                at.0,
                at.1,
                "expect-cycles needs `from` (a mark), or `function`".into(),
            );
            return None;
        };
        let from = self.known_mark(from);
        let to = match &e.to {
            Some(t) => Some(self.known_mark(t)?),
            None => None,
        };
        let Some((min, max)) = bounds else {
            self.problem_at(
                at.0,
                at.1,
                "expect-cycles takes `equal`, or `min` and/or `max`".into(),
            );
            return None;
        };
        Some(Action::ExpectCycles {
            from: from?,
            to,
            min,
            max,
        })
    }

    /// The index of the script's function named `f` (qualified: `Class.method`).
    fn function_index(&mut self, f: &Spanned<String>) -> Option<u32> {
        let found = self.functions.iter().position(|g| g.name == f.value);
        if found.is_none() {
            let known: Vec<&str> = self
                .functions
                .iter()
                .skip(1)
                .filter(|g| !g.class_body)
                .map(|g| g.name.as_str())
                .collect();
            let message = if self.functions.is_empty() {
                format!(
                    "expect-cycles of the Python function `{}` needs a `script` (a .py)",
                    f.value
                )
            } else {
                format!(
                    "the script has no function `{}` (it has: {})",
                    f.value,
                    known.join(", ")
                )
            };
            self.problem(f, message);
        }
        found.map(|i| i as u32)
    }

    fn known_mark(&mut self, m: &Spanned<String>) -> Option<String> {
        if self.marks.contains(&m.value) {
            Some(m.value.clone())
        } else {
            self.problem(m, format!("no `mark: {}` comes before this step", m.value));
            None
        }
    }

    fn step(&mut self, step: Spanned<format::Step>) -> Option<Step> {
        use format::Command as C;
        let at = (step.referenced.line(), step.referenced.column());
        let format::Step { name, command } = step.value;
        let action = match command {
            C::Delay(d) | C::RunFor(d) => Action::RunFor(d),
            C::WaitSerial(w) if w.text.is_empty() => {
                self.problem_at(at.0, at.1, "wait-serial needs some text to wait for".into());
                return None;
            }
            C::WaitSerial(w) => Action::WaitSerial {
                text: w.text.into_bytes(),
                timeout: w.timeout,
            },
            C::WriteSerial(b) => Action::WriteSerial(b.0),
            C::ExpectSerial(format::ExpectSerial::Equals(e)) => {
                Action::ExpectSerial(SerialMatch::Equals(e.into_bytes()))
            }
            C::ExpectSerial(format::ExpectSerial::Regex(r)) => {
                Action::ExpectSerial(SerialMatch::Regex(self.regex(&r)?))
            }
            C::ExpectPin(p) => {
                let pin = self.pin(at, p.part_id.as_ref(), [p.name.as_ref(), p.pin.as_ref()]);
                let high = match p.value {
                    Level::Float => {
                        self.problem_at(at.0, at.1, "expect-pin takes a value of 0 or 1".into());
                        return None;
                    }
                    l => l == Level::High,
                };
                Action::ExpectPin { pin: pin?, high }
            }
            C::SetPin(p) => {
                let pin = self.pin(at, p.part_id.as_ref(), [p.name.as_ref(), p.pin.as_ref()])?;
                Action::SetPin {
                    pin,
                    level: level(p.value),
                }
            }
            C::SetControl(c) => {
                if !self.is_board(&c.part_id.value) {
                    self.problem(&c.part_id, format!("set-control drives MCU pins only: part-id `board`, `mcu` or `{}` with a pin as `control`", self.board.name));
                    return None;
                }
                let pin = self.pin(at, Some(&c.part_id), [Some(&c.control), None])?;
                Action::SetPin {
                    pin,
                    level: level(c.value),
                }
            }
            C::WaitPin(w) => {
                let pin = self.pin(at, w.part_id.as_ref(), [w.name.as_ref(), w.pin.as_ref()]);
                let until = match (w.value, w.edge) {
                    (Some(Level::Float), None) => None,
                    (Some(v), None) => Some(PinCondition::Level(v == Level::High)),
                    (None, Some(e)) => Some(PinCondition::Edge(e)),
                    _ => None,
                };
                let Some(until) = until else {
                    self.problem_at(
                        at.0,
                        at.1,
                        "wait-pin takes either `value` (0 or 1) or `edge` (rising, falling, any)"
                            .into(),
                    );
                    return None;
                };
                Action::WaitPin {
                    pin: pin?,
                    until,
                    timeout: w.timeout,
                }
            }
            C::ExpectToggles(t) => {
                let pin = self.resolve_pin(&t.pin);
                let Some((min, max)) = bounds(t.count, t.min, t.max) else {
                    self.problem_at(
                        at.0,
                        at.1,
                        "expect-toggles takes `count`, or `min` and/or `max`".into(),
                    );
                    return None;
                };
                Action::ExpectToggles {
                    pin: pin?,
                    min,
                    max,
                    within: t.within,
                }
            }
            C::Mark(m) => {
                if !self.marks.insert(m.value.clone()) {
                    self.problem(&m, format!("mark `{}` is set twice", m.value));
                }
                Action::Mark(m.value)
            }
            C::ExpectCycles(e) => {
                let bounds = bounds(e.equal, e.min, e.max);
                if let Some(f) = &e.function {
                    let index = self.function_index(f);
                    let Some((min, max)) = bounds else {
                        self.problem(
                            f,
                            "expect-cycles takes `equal`, or `min` and/or `max`".into(),
                        );
                        return None;
                    };
                    if let Some(other) = e.from.as_ref().or(e.to.as_ref()) {
                        self.problem(
                            other,
                            "expect-cycles takes marks or a `function`, not both".into(),
                        );
                    }
                    Action::ExpectCallCycles {
                        function: f.value.clone(),
                        index: index?,
                        min,
                        max,
                    }
                } else {
                    self.cycles_between(at, &e, bounds)?
                }
            }
            C::ExpectExit(e) => Action::ExpectExit {
                code: e.code,
                within: e.within,
            },
            C::ExpectFault(f) => Action::ExpectFault {
                cause: match &f.cause {
                    Some(c) => Some(self.regex(c)?),
                    None => None,
                },
                symbol: f.symbol,
                within: f.within,
            },
            C::ExpectHang(h) => Action::ExpectHang {
                within: h.within,
                symbol: h.symbol,
            },
        };
        Some(Step {
            line: at.0,
            label: name.unwrap_or_else(|| action.to_string()),
            action,
        })
    }
}

fn level(l: Level) -> Option<bool> {
    match l {
        Level::Low => Some(false),
        Level::High => Some(true),
        Level::Float => None,
    }
}

/// The 1-based line and column of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line as u64, column as u64)
}

/// Bytes for a person: printable ASCII as is, the rest escaped.
pub fn show(bytes: &[u8]) -> String {
    format!("\"{}\"", bytes.escape_ascii())
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let within = |w: &Option<Duration>| w.map(|d| format!(" within {d}")).unwrap_or_default();
        match self {
            Action::RunFor(d) => write!(f, "run for {d}"),
            Action::WaitSerial { text, timeout } => {
                write!(f, "wait for serial {}{}", show(text), within(timeout))
            }
            Action::WriteSerial(b) => write!(f, "write serial {}", show(b)),
            Action::ExpectSerial(SerialMatch::Equals(b)) => {
                write!(f, "expect serial output {}", show(b))
            }
            Action::ExpectSerial(SerialMatch::Regex(r)) => {
                write!(
                    f,
                    "expect serial output to match /{}/",
                    r.as_str().escape_debug()
                )
            }
            Action::ExpectPin { pin, high } => write!(f, "expect {pin} = {}", u8::from(*high)),
            Action::SetPin { pin, level } => match level {
                Some(l) => write!(f, "drive {pin} to {}", u8::from(*l)),
                None => write!(f, "release {pin}"),
            },
            Action::WaitPin {
                pin,
                until,
                timeout,
            } => {
                match until {
                    PinCondition::Level(l) => write!(f, "wait for {pin} = {}", u8::from(*l))?,
                    PinCondition::Edge(e) => write!(f, "wait for {} on {pin}", edge(*e))?,
                }
                f.write_str(&within(timeout))
            }
            Action::ExpectToggles {
                pin,
                min,
                max,
                within,
            } => write!(
                f,
                "expect {pin} to toggle {} times within {within}",
                Bounds(*min, *max)
            ),
            Action::Mark(m) => write!(f, "mark `{m}`"),
            Action::ExpectCycles { from, to, min, max } => write!(
                f,
                "expect {} cycles from `{from}` to {}",
                Bounds(*min, *max),
                to.as_ref().map_or("now".into(), |t| format!("`{t}`"))
            ),
            Action::ExpectCallCycles {
                function, min, max, ..
            } => write!(
                f,
                "expect {} cycles per call of `{function}`",
                Bounds(*min, *max)
            ),
            Action::ExpectExit { code, within: w } => {
                write!(f, "expect exit code {code}{}", within(w))
            }
            Action::ExpectFault { within: w, .. } => write!(f, "expect a fault{}", within(w)),
            Action::ExpectHang { within: w, .. } => {
                write!(f, "expect the firmware to still run after {w}")
            }
        }
    }
}

/// `min..=max` in words: `5`, `at least 5`, `at most 5`, `5 to 7`.
pub struct Bounds(pub u64, pub u64);

impl fmt::Display for Bounds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Bounds(a, b) if a == b => write!(f, "{a}"),
            Bounds(a, u64::MAX) => write!(f, "at least {a}"),
            Bounds(0, b) => write!(f, "at most {b}"),
            Bounds(a, b) => write!(f, "{a} to {b}"),
        }
    }
}

/// An edge in words.
pub fn edge(e: Edge) -> &'static str {
    match e {
        Edge::Rising => "a rising edge",
        Edge::Falling => "a falling edge",
        Edge::Any => "an edge",
    }
}

/// Whether the symbol the machine reports (`krate::module::func::h0123456789abcdef+0x1e`)
/// is the function `name`, given as its full path or its last segments.
pub fn symbol_is(reported: &str, name: &str) -> bool {
    let path = reported.split('+').next().unwrap_or(reported);
    let path = match path.rsplit_once("::h") {
        Some((p, hash)) if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) => p,
        _ => path,
    };
    path == name || path.ends_with(&format!("::{name}"))
}

/// A count given `exact`ly, or as `min` and/or `max`; None when a step gives neither, or
/// both kinds.
fn bounds(exact: Option<u64>, min: Option<u64>, max: Option<u64>) -> Option<(u64, u64)> {
    match (exact, min, max) {
        (Some(n), None, None) => Some((n, n)),
        (None, min, max) if min.is_some() || max.is_some() => {
            Some((min.unwrap_or(0), max.unwrap_or(u64::MAX)))
        }
        _ => None,
    }
}
