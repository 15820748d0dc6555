//! The TUI's state: pure data changed only by [`App::handle_event`], so every transition is
//! testable without a terminal or an emulator.

use std::collections::VecDeque;

use emulator::{board::Board, Event as MachineEvent};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::worker::{Command, Report, RunState, Speed};

/// Transitions kept per pin for the waveform.
const HISTORY: usize = 64;
/// Lines kept in the UART console.
const SCROLLBACK: usize = 1000;

/// Something the UI reacts to.
#[derive(Debug, Clone)]
pub enum Event {
    Key(KeyEvent),
    Report(Report),
}

/// The panel that takes the keys for moving around.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Gpio,
    Uart,
    Emitters,
}

/// One function measured under one emitter (the per-function accounting of `cyclops bench`).
#[derive(Debug, Clone, PartialEq)]
pub struct EmitterRow {
    pub function: String,
    pub emitter: String,
    pub calls: u64,
    pub cycles_per_call: u64,
}

/// The recent transitions of one pin.
#[derive(Debug, Clone, Default)]
pub struct PinHistory {
    /// The level before the first transition kept.
    pub initial: bool,
    /// (cycle, new level), oldest first.
    pub transitions: VecDeque<(u64, bool)>,
}

impl PinHistory {
    fn push(&mut self, cycle: u64, level: bool) {
        if self.transitions.is_empty() {
            self.initial = !level;
        }
        if self.transitions.len() == HISTORY {
            if let Some((_, l)) = self.transitions.pop_front() {
                self.initial = l;
            }
        }
        self.transitions.push_back((cycle, level));
    }

    /// The level at `cycle`.
    pub fn level_at(&self, cycle: u64) -> bool {
        self.transitions
            .iter()
            .take_while(|(c, _)| *c <= cycle)
            .last()
            .map_or(self.initial, |(_, l)| *l)
    }
}

/// The UART console: complete lines, the line being received, and how far back the view is.
#[derive(Debug, Clone, Default)]
pub struct Console {
    pub lines: VecDeque<String>,
    pub partial: String,
    /// Lines scrolled back from the newest.
    pub scroll: usize,
}

impl Console {
    fn push(&mut self, bytes: &[u8]) {
        for &b in bytes {
            match b {
                b'\n' => {
                    let line = std::mem::take(&mut self.partial);
                    if self.lines.len() == SCROLLBACK {
                        self.lines.pop_front();
                    }
                    self.lines.push_back(line);
                }
                b'\r' => {}
                _ => self.partial.push(if b.is_ascii_graphic() || b == b' ' {
                    char::from(b)
                } else {
                    '\u{fffd}'
                }),
            }
        }
    }
}

/// Everything the TUI shows.
pub struct App {
    pub board: &'static Board,
    /// What runs: a file name.
    pub source: String,
    pub generation: u32,
    pub cycles: u64,
    /// Emulated seconds (over the core clocks the firmware ran at) and the clock now.
    pub seconds: f64,
    pub clock_hz: u64,
    pub instructions: u64,
    pub pc: u32,
    pub symbol: Option<String>,
    pub state: RunState,
    pub speed: Speed,
    pub mips: Option<f64>,
    /// The port shown in the GPIO panel (0 = A).
    pub port: u8,
    /// The pin levels of every port.
    pub levels: Vec<u16>,
    /// Per port, per pin.
    pub history: Vec<[PinHistory; 16]>,
    pub console: Console,
    /// The line being typed for USART1.
    pub input: String,
    pub focus: Focus,
    pub help: bool,
    /// A short message for the status line.
    pub notice: Option<String>,
    /// Functions measured per emitter; empty until the runtime's accounting reports some.
    pub emitters: Vec<EmitterRow>,
    pub emitter_selected: usize,
    pub quit: bool,
}

impl App {
    pub fn new(board: &'static Board, source: String, speed: Speed) -> App {
        let ports = board
            .peripherals
            .iter()
            .filter(|p| matches!(p.kind, emulator::board::PeripheralKind::Gpio { .. }))
            .count();
        App {
            board,
            source,
            generation: 0,
            cycles: 0,
            seconds: 0.0,
            clock_hz: board.clock_hz,
            instructions: 0,
            pc: 0,
            symbol: None,
            state: RunState::Running,
            speed,
            mips: None,
            port: 0,
            levels: vec![0; ports],
            history: vec![Default::default(); ports],
            console: Console::default(),
            input: String::new(),
            focus: Focus::Gpio,
            help: false,
            notice: None,
            emitters: Vec::new(),
            emitter_selected: 0,
            quit: false,
        }
    }

    /// Applies an event; returns what the emulator must be told.
    pub fn handle_event(&mut self, event: Event) -> Option<Command> {
        match event {
            Event::Report(r) => {
                self.take(r);
                None
            }
            Event::Key(k) if k.kind != KeyEventKind::Release => self.key(k),
            Event::Key(_) => None,
        }
    }

    fn take(&mut self, r: Report) {
        if r.generation != self.generation {
            return;
        }
        for e in r.events {
            match e {
                MachineEvent::Pin {
                    cycle,
                    port,
                    pin,
                    level,
                } => {
                    if let Some(h) = self
                        .history
                        .get_mut(usize::from(port))
                        .and_then(|p| p.get_mut(usize::from(pin)))
                    {
                        h.push(cycle, level);
                    }
                }
                MachineEvent::Uart { uart: 1, byte, .. } => self.console.push(&[byte]),
                MachineEvent::Semihosting { bytes, .. } => self.console.push(&bytes),
                MachineEvent::Reset { cycle } => {
                    self.console
                        .push(format!("[system reset at cycle {cycle}]\n").as_bytes());
                }
                _ => {}
            }
        }
        self.cycles = r.cycles;
        self.seconds = r.seconds;
        self.clock_hz = r.clock_hz;
        self.emitters = r.functions;
        self.emitter_selected = self
            .emitter_selected
            .min(self.emitters.len().saturating_sub(1));
        self.instructions = r.instructions;
        self.pc = r.pc;
        self.symbol = r.symbol;
        self.state = r.state;
        self.speed = r.speed;
        self.mips = r.mips;
        if r.levels.len() == self.levels.len() {
            self.levels = r.levels;
        }
    }

    fn key(&mut self, k: KeyEvent) -> Option<Command> {
        self.notice = None;
        if k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char('c') {
            return self.quit();
        }
        if self.help {
            self.help = false;
            return None;
        }
        match k.code {
            KeyCode::Tab => {
                self.focus = match self.focus {
                    Focus::Gpio => Focus::Uart,
                    Focus::Uart => Focus::Emitters,
                    Focus::Emitters => Focus::Gpio,
                };
                return None;
            }
            KeyCode::BackTab => {
                self.focus = match self.focus {
                    Focus::Gpio => Focus::Emitters,
                    Focus::Uart => Focus::Gpio,
                    Focus::Emitters => Focus::Uart,
                };
                return None;
            }
            _ => {}
        }
        if self.focus == Focus::Uart {
            return self.uart_key(k.code);
        }
        match k.code {
            KeyCode::Char(' ') => match self.state {
                RunState::Running => {
                    self.state = RunState::Paused;
                    Some(Command::Pause)
                }
                RunState::Paused => {
                    self.state = RunState::Running;
                    Some(Command::Resume)
                }
                _ => None,
            },
            KeyCode::Char('s') => {
                if self.state == RunState::Paused {
                    Some(Command::Step)
                } else {
                    self.notice = Some("pause first (space) to step".into());
                    None
                }
            }
            KeyCode::Char('r') => Some(self.reset()),
            KeyCode::Char('+') => {
                self.speed = Speed::Fast;
                Some(Command::Speed(Speed::Fast))
            }
            KeyCode::Char('-') => {
                self.speed = Speed::RealTime;
                Some(Command::Speed(Speed::RealTime))
            }
            KeyCode::Char('?') => {
                self.help = true;
                None
            }
            KeyCode::Char('q') => self.quit(),
            KeyCode::Left if self.focus == Focus::Gpio => {
                let n = self.levels.len() as u8;
                self.port = (self.port + n - 1) % n;
                None
            }
            KeyCode::Right if self.focus == Focus::Gpio => {
                self.port = (self.port + 1) % self.levels.len() as u8;
                None
            }
            KeyCode::Up if self.focus == Focus::Emitters => {
                self.emitter_selected = self.emitter_selected.saturating_sub(1);
                None
            }
            KeyCode::Down if self.focus == Focus::Emitters => {
                let last = self.emitters.len().saturating_sub(1);
                self.emitter_selected = (self.emitter_selected + 1).min(last);
                None
            }
            _ => None,
        }
    }

    /// Keys while the console has the focus: they edit the line for USART1.
    fn uart_key(&mut self, code: KeyCode) -> Option<Command> {
        match code {
            KeyCode::Char(c) if c.is_ascii() && !c.is_ascii_control() => {
                self.input.push(c);
                None
            }
            KeyCode::Backspace => {
                self.input.pop();
                None
            }
            KeyCode::Enter => {
                let mut line = std::mem::take(&mut self.input).into_bytes();
                line.extend(b"\r\n");
                Some(Command::Uart(line))
            }
            KeyCode::Up => {
                self.console.scroll = (self.console.scroll + 1).min(self.console.lines.len());
                None
            }
            KeyCode::Down => {
                self.console.scroll = self.console.scroll.saturating_sub(1);
                None
            }
            KeyCode::PageUp => {
                self.console.scroll = (self.console.scroll + 10).min(self.console.lines.len());
                None
            }
            KeyCode::PageDown => {
                self.console.scroll = self.console.scroll.saturating_sub(10);
                None
            }
            KeyCode::Esc => {
                self.focus = Focus::Gpio;
                None
            }
            _ => None,
        }
    }

    /// Starts over from the image: what was seen so far goes, reports of the old machine
    /// are ignored.
    fn reset(&mut self) -> Command {
        let fresh = App::new(self.board, std::mem::take(&mut self.source), self.speed);
        let generation = self.generation + 1;
        let state = match self.state {
            RunState::Paused => RunState::Paused,
            _ => RunState::Running,
        };
        *self = App {
            generation,
            state,
            port: self.port,
            focus: self.focus,
            input: std::mem::take(&mut self.input),
            ..fresh
        };
        Command::Reset { generation }
    }

    fn quit(&mut self) -> Option<Command> {
        self.quit = true;
        Some(Command::Quit)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use emulator::board::STM32F405;

    pub(crate) fn report(generation: u32, cycles: u64, events: Vec<MachineEvent>) -> Report {
        Report {
            generation,
            events,
            cycles,
            instructions: cycles / 2,
            pc: 0x0800_0200,
            symbol: Some("main+0x4".into()),
            state: RunState::Running,
            speed: Speed::RealTime,
            mips: Some(40.0),
            levels: vec![0; 9],
            seconds: cycles as f64 / 16e6,
            clock_hz: 16_000_000,
            functions: Vec::new(),
        }
    }

    pub(crate) fn pin(cycle: u64, port: u8, pin: u8, level: bool) -> MachineEvent {
        MachineEvent::Pin {
            cycle,
            port,
            pin,
            level,
        }
    }

    pub(crate) fn uart(text: &str) -> Vec<MachineEvent> {
        text.bytes()
            .map(|byte| MachineEvent::Uart {
                cycle: 0,
                uart: 1,
                byte,
                bit_cycles: 1458,
            })
            .collect()
    }

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn app() -> App {
        App::new(&STM32F405, "blinky.elf".into(), Speed::RealTime)
    }

    #[test]
    fn space_pauses_and_resumes_and_s_steps_only_when_paused() {
        let mut a = app();
        assert_eq!(a.handle_event(key(KeyCode::Char('s'))), None);
        assert_eq!(a.notice.as_deref(), Some("pause first (space) to step"));
        assert_eq!(
            a.handle_event(key(KeyCode::Char(' '))),
            Some(Command::Pause)
        );
        assert_eq!(a.state, RunState::Paused);
        assert_eq!(a.notice, None);
        assert_eq!(a.handle_event(key(KeyCode::Char('s'))), Some(Command::Step));
        assert_eq!(
            a.handle_event(key(KeyCode::Char(' '))),
            Some(Command::Resume)
        );
        assert_eq!(a.state, RunState::Running);
        let mut stopped = report(0, 10, vec![]);
        stopped.state = RunState::Stopped("firmware exited with code 0".into());
        a.handle_event(Event::Report(stopped));
        assert_eq!(a.handle_event(key(KeyCode::Char(' '))), None);
    }

    #[test]
    fn speed_keys_switch_between_real_time_and_fast() {
        let mut a = app();
        assert_eq!(
            a.handle_event(key(KeyCode::Char('+'))),
            Some(Command::Speed(Speed::Fast))
        );
        assert_eq!(a.speed, Speed::Fast);
        assert_eq!(
            a.handle_event(key(KeyCode::Char('-'))),
            Some(Command::Speed(Speed::RealTime))
        );
        assert_eq!(a.speed, Speed::RealTime);
    }

    #[test]
    fn reports_move_pins_counters_and_the_console() {
        let mut a = app();
        let mut events = vec![pin(111, 0, 14, true), pin(15_724, 0, 14, false)];
        events.extend(uart("toggle 1 1\ntoggle 2 0\npart"));
        let mut r = report(0, 20_000, events);
        r.levels[0] = 1 << 13;
        assert_eq!(a.handle_event(Event::Report(r)), None);
        assert_eq!(a.cycles, 20_000);
        assert_eq!(a.instructions, 10_000);
        assert_eq!(a.levels[0], 1 << 13);
        let h = &a.history[0][14];
        assert_eq!(
            h.transitions.iter().copied().collect::<Vec<_>>(),
            [(111, true), (15_724, false)]
        );
        assert!(!h.level_at(110) && h.level_at(111) && h.level_at(15_723));
        assert!(!h.level_at(15_724));
        assert_eq!(a.console.lines, ["toggle 1 1", "toggle 2 0"]);
        assert_eq!(a.console.partial, "part");
    }

    #[test]
    fn a_pin_keeps_its_last_transitions_and_the_level_before_them() {
        let mut a = app();
        let events = (0..HISTORY as u64 + 3)
            .map(|i| pin(i * 10, 1, 4, i % 2 == 0))
            .collect();
        a.handle_event(Event::Report(report(0, 10_000, events)));
        let h = &a.history[1][4];
        assert_eq!(h.transitions.len(), HISTORY);
        assert_eq!(h.transitions[0], (30, false));
        // The dropped transition at cycle 20 set the pin high.
        assert!(h.initial);
        assert!(h.level_at(25));
    }

    #[test]
    fn reset_starts_over_and_ignores_the_old_machine() {
        let mut a = app();
        a.handle_event(Event::Report(report(0, 500, uart("hello\n"))));
        a.handle_event(key(KeyCode::Right));
        assert_eq!(
            a.handle_event(key(KeyCode::Char('r'))),
            Some(Command::Reset { generation: 1 })
        );
        assert_eq!((a.cycles, a.console.lines.len(), a.port), (0, 0, 1));
        a.handle_event(Event::Report(report(0, 900, uart("stale\n"))));
        assert_eq!((a.cycles, a.console.lines.len()), (0, 0));
        a.handle_event(Event::Report(report(1, 40, uart("fresh\n"))));
        assert_eq!((a.cycles, a.console.lines.len()), (40, 1));
    }

    #[test]
    fn a_line_typed_in_the_console_goes_to_usart1() {
        let mut a = app();
        a.handle_event(key(KeyCode::Tab));
        assert_eq!(a.focus, Focus::Uart);
        for c in "qs x".chars() {
            assert_eq!(a.handle_event(key(KeyCode::Char(c))), None);
        }
        a.handle_event(key(KeyCode::Backspace));
        assert!(!a.quit);
        assert_eq!(
            a.handle_event(key(KeyCode::Enter)),
            Some(Command::Uart(b"qs \r\n".to_vec()))
        );
        assert_eq!(a.input, "");
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(a.handle_event(Event::Key(ctrl_c)), Some(Command::Quit));
        assert!(a.quit);
    }

    #[test]
    fn the_console_scrolls_back_within_what_it_has() {
        let mut a = app();
        a.handle_event(Event::Report(report(0, 1, uart("a\nb\nc\n"))));
        a.handle_event(key(KeyCode::Tab));
        a.handle_event(key(KeyCode::PageUp));
        assert_eq!(a.console.scroll, 3);
        a.handle_event(key(KeyCode::Down));
        assert_eq!(a.console.scroll, 2);
    }

    #[test]
    fn reports_fill_the_emitter_table_and_the_clock() {
        let mut a = app();
        let row = |function: &str, emitter: &str, calls, cycles_per_call| EmitterRow {
            function: function.into(),
            emitter: emitter.into(),
            calls,
            cycles_per_call,
        };
        let mut r = report(0, 168_000, vec![]);
        r.seconds = 0.001;
        r.clock_hz = 168_000_000;
        r.functions = vec![
            row("sum_viper", "viper", 3, 3274),
            row("f", "bytecode", 1, 900),
        ];
        a.handle_event(Event::Report(r.clone()));
        assert_eq!(a.emitters, r.functions);
        assert_eq!((a.seconds, a.clock_hz), (0.001, 168_000_000));
        a.handle_event(key(KeyCode::Tab));
        a.handle_event(key(KeyCode::Tab));
        a.handle_event(key(KeyCode::Down));
        a.handle_event(key(KeyCode::Down));
        assert_eq!(a.emitter_selected, 1);
        // A reset starts the table again.
        r.functions.truncate(0);
        a.handle_event(Event::Report(r));
        assert!(a.emitters.is_empty());
        assert_eq!(a.emitter_selected, 0);
    }

    #[test]
    fn tab_cycles_focus_and_arrows_pick_the_port() {
        let mut a = app();
        a.handle_event(key(KeyCode::Left));
        assert_eq!(a.port, 8, "port I on the STM32F405");
        a.handle_event(key(KeyCode::Right));
        a.handle_event(key(KeyCode::Right));
        assert_eq!(a.port, 1);
        for want in [Focus::Uart, Focus::Emitters, Focus::Gpio] {
            a.handle_event(key(KeyCode::Tab));
            assert_eq!(a.focus, want);
        }
        a.handle_event(key(KeyCode::Char('?')));
        assert!(a.help);
        assert_eq!(a.handle_event(key(KeyCode::Char('q'))), None, "closes help");
        assert!(!a.help && !a.quit);
        assert_eq!(a.handle_event(key(KeyCode::Char('q'))), Some(Command::Quit));
    }
}
