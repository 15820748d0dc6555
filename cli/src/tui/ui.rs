//! Rendering: `impl Widget for &App`, one function per panel.

use ratatui::{
    buffer::Buffer,
    layout::{Alignment, Constraint, Layout, Rect},
    style::{Color, Modifier, Style, Stylize},
    text::{Line, Span},
    widgets::{Bar, BarChart, Block, Clear, Paragraph, Row, Table, Widget, Wrap},
};

use super::{
    app::{App, Focus, PinHistory},
    worker::{RunState, Speed},
};

/// Lamp glyphs: lit and dark.
pub const LIT: &str = "●";
pub const DARK: &str = "○";
/// The last transitions of each pin the waveform window keeps in view.
const EDGES_IN_VIEW: usize = 8;

const KEYS: &[(&str, &str)] = &[
    ("space", "pause / resume"),
    ("s", "step one instruction (paused)"),
    ("r", "reset"),
    ("+ / -", "as fast as possible / real time"),
    ("tab", "next panel"),
    ("← / →", "GPIO port"),
    ("↑ / ↓", "scroll the console, pick an emitter"),
    ("?", "this help"),
    ("q", "quit"),
];

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let [top, uart, status] = Layout::vertical([
            Constraint::Length(18.min(area.height.saturating_sub(7))),
            Constraint::Min(3),
            Constraint::Length(1),
        ])
        .areas(area);
        let [gpio, right] =
            Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(top);
        let [cpu, emitters] =
            Layout::vertical([Constraint::Length(9), Constraint::Min(0)]).areas(right);
        self.render_gpio(gpio, buf);
        self.render_cpu(cpu, buf);
        self.render_emitters(emitters, buf);
        self.render_uart(uart, buf);
        self.render_status(status, buf);
        if self.help {
            render_help(area, buf);
        }
    }
}

fn panel(title: String, focused: bool) -> Block<'static> {
    let block = Block::bordered().title(title);
    if focused {
        block.border_style(Style::new().fg(Color::Cyan))
    } else {
        block
    }
}

/// 1234567 as "1,234,567".
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The smallest 1, 2 or 5 times a power of ten that is at least `n`.
fn nice(n: u64) -> u64 {
    let mut p = 1u64;
    loop {
        for m in [1, 2, 5] {
            if p.saturating_mul(m) >= n {
                return p.saturating_mul(m);
            }
        }
        p = p.saturating_mul(10);
    }
}

/// The colour a label names (`LED_RED`), for its lamp.
fn lamp_color(label: Option<&str>) -> Color {
    match label.and_then(|l| l.strip_prefix("LED_")) {
        Some("RED") => Color::Red,
        Some("GREEN") => Color::Green,
        Some("YELLOW") => Color::Yellow,
        Some("BLUE") => Color::Blue,
        _ => Color::White,
    }
}

impl App {
    /// Cycles the waveform spans: enough to show the last few transitions of every pin of
    /// the port, rounded up to a readable number.
    pub fn window(&self) -> u64 {
        let earliest = self.history[usize::from(self.port)]
            .iter()
            .filter_map(|h| {
                let t = &h.transitions;
                t.get(t.len().saturating_sub(EDGES_IN_VIEW))
                    .map(|(c, _)| *c)
            })
            .min();
        nice(
            earliest
                .map_or(0, |c| self.cycles.saturating_sub(c))
                .max(1000),
        )
    }

    fn render_gpio(&self, area: Rect, buf: &mut Buffer) {
        let port = char::from(b'A' + self.port);
        let span = self.window();
        let title = format!(
            " GPIO port {port} · ← → port · last {} cycles ",
            grouped(span)
        );
        let block = panel(title, self.focus == Focus::Gpio);
        let inner = block.inner(area);
        block.render(area, buf);
        let histories = &self.history[usize::from(self.port)];
        let levels = self.levels[usize::from(self.port)];
        let pins: Vec<u8> = (0..16).collect();
        // When not every pin fits, the labelled ones and the ones that moved go first.
        let shown: Vec<u8> = if pins.len() <= usize::from(inner.height) {
            pins
        } else {
            pins.into_iter()
                .filter(|&p| {
                    self.board.pin_label(&pin_name(port, p)).is_some()
                        || !histories[usize::from(p)].transitions.is_empty()
                })
                .collect()
        };
        let wave_width = inner.width.saturating_sub(20);
        for (row, &pin) in shown.iter().take(usize::from(inner.height)).enumerate() {
            let name = pin_name(port, pin);
            let label = self.board.pin_label(&name);
            let on = levels & (1 << pin) != 0;
            let lamp = if on {
                Span::styled(LIT, Style::new().fg(lamp_color(label)).bold())
            } else {
                Span::styled(DARK, Style::new().fg(Color::DarkGray))
            };
            let history = &histories[usize::from(pin)];
            let wave = if history.transitions.is_empty() {
                // Never moved while watched: flat at the level it has.
                let level = if on { "▔" } else { "▁" };
                level.repeat(usize::from(wave_width))
            } else {
                waveform(history, self.cycles.saturating_sub(span), span, wave_width)
            };
            let line = Line::from(vec![
                Span::raw(format!("{name:<5}")),
                Span::styled(format!("{:<12}", label.unwrap_or("")), Style::new().dim()),
                lamp,
                Span::raw(" "),
                Span::styled(wave, Style::new().fg(Color::Green)),
            ]);
            let y = inner.y + row as u16;
            line.render(Rect::new(inner.x, y, inner.width, 1), buf);
        }
    }

    fn render_cpu(&self, area: Rect, buf: &mut Buffer) {
        let state = match &self.state {
            RunState::Running => "running".to_string(),
            RunState::Paused => "paused".to_string(),
            RunState::Asleep => "asleep (a UART line can wake it)".to_string(),
            RunState::Stopped(why) => why.clone(),
        };
        let speed = match self.speed {
            Speed::RealTime => "real time",
            Speed::Fast => "fast",
        };
        let pc = match &self.symbol {
            Some(s) => format!("{:#010x} {s}", self.pc),
            None => format!("{:#010x}", self.pc),
        };
        let row =
            |k: &str, v: String| Line::from(vec![Span::raw(format!("{k:<7}")).dim(), v.into()]);
        let lines = vec![
            row("state", state),
            row("speed", speed.into()),
            row("cycles", grouped(self.cycles)),
            row(
                "time",
                format!("{:.6} s @ {} MHz", self.seconds, self.clock_hz / 1_000_000),
            ),
            row("instr", grouped(self.instructions)),
            row(
                "MIPS",
                self.mips.map_or("-".into(), |m| format!("{m:.1} (host)")),
            ),
            row("PC", pc),
        ];
        Paragraph::new(lines)
            .block(panel(format!(" CPU · {} ", self.source), false))
            .render(area, buf);
    }

    fn render_emitters(&self, area: Rect, buf: &mut Buffer) {
        let block = panel(" Cycles per emitter ".into(), self.focus == Focus::Emitters);
        if self.emitters.is_empty() {
            Paragraph::new(
                "no measurements yet: the runtime's per-function accounting has not landed",
            )
            .wrap(Wrap { trim: true })
            .dim()
            .block(block)
            .render(area, buf);
            return;
        }
        let inner = block.inner(area);
        block.render(area, buf);
        let rows = self.emitters.len() as u16 + 1;
        let [table, chart] =
            Layout::vertical([Constraint::Length(rows), Constraint::Min(0)]).areas(inner);
        Table::new(
            self.emitters.iter().enumerate().map(|(i, e)| {
                let row = Row::new(vec![
                    e.function.clone(),
                    e.emitter.clone(),
                    grouped(e.calls),
                    grouped(e.cycles_per_call),
                ]);
                if i == self.emitter_selected && self.focus == Focus::Emitters {
                    row.add_modifier(Modifier::REVERSED)
                } else {
                    row
                }
            }),
            [
                Constraint::Fill(2),
                Constraint::Fill(2),
                Constraint::Length(7),
                Constraint::Length(11),
            ],
        )
        .header(Row::new(["function", "emitter", "calls", "cycles/call"]).bold())
        .render(table, buf);
        let bars: Vec<Bar> = self
            .emitters
            .iter()
            .map(|e| {
                Bar::with_label(format!("{} {}", e.function, e.emitter), e.cycles_per_call)
                    .text_value(grouped(e.cycles_per_call))
            })
            .collect();
        BarChart::horizontal(bars)
            .bar_gap(0)
            .bar_style(Style::new().fg(Color::Magenta))
            .render(chart, buf);
    }

    fn render_uart(&self, area: Rect, buf: &mut Buffer) {
        let focused = self.focus == Focus::Uart;
        let block = panel(" UART · USART1 ".into(), focused);
        let inner = block.inner(area);
        block.render(area, buf);
        let view = usize::from(inner.height.saturating_sub(1));
        let all: Vec<&str> = self
            .console
            .lines
            .iter()
            .map(String::as_str)
            .chain(Some(self.console.partial.as_str()).filter(|p| !p.is_empty()))
            .collect();
        let end = all.len().saturating_sub(self.console.scroll);
        let start = end.saturating_sub(view);
        let mut lines: Vec<Line> = all[start..end].iter().map(|l| Line::raw(*l)).collect();
        lines.resize(view, Line::default());
        lines.push(if focused {
            Line::from(vec![
                Span::raw("> ").bold(),
                Span::raw(self.input.as_str()),
                Span::raw("▏"),
            ])
        } else {
            Line::raw("tab here to type a line for USART1 RX").dim()
        });
        Paragraph::new(lines).render(inner, buf);
    }

    fn render_status(&self, area: Rect, buf: &mut Buffer) {
        let left = match &self.notice {
            Some(n) => Line::raw(n.as_str()).yellow(),
            None => Line::raw("space pause  s step  r reset  +/- speed  tab focus  ? help  q quit")
                .dim(),
        };
        left.render(area, buf);
    }
}

fn pin_name(port: char, pin: u8) -> String {
    format!("P{port}{pin}")
}

/// The pin's level over `[start, start + span)` in `width` columns: high, low, or an edge
/// where it changed.
pub fn waveform(h: &PinHistory, start: u64, span: u64, width: u16) -> String {
    let w = u64::from(width.max(1));
    (0..w)
        .map(|c| {
            let from = start + c * span / w;
            let to = start + (c + 1) * span / w;
            let edges = h
                .transitions
                .iter()
                .filter(|(t, _)| (from..to).contains(t))
                .count();
            match edges {
                0 if h.level_at(from) => '▔',
                0 => '▁',
                1 => '│',
                _ => '▒',
            }
        })
        .collect()
}

fn render_help(area: Rect, buf: &mut Buffer) {
    let width = 50.min(area.width);
    let height = (KEYS.len() as u16 + 2).min(area.height);
    let popup = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    Clear.render(popup, buf);
    let lines: Vec<Line> = KEYS
        .iter()
        .map(|(k, what)| Line::from(vec![Span::raw(format!(" {k:<7}")).bold(), (*what).into()]))
        .collect();
    Paragraph::new(lines)
        .block(
            Block::bordered()
                .title(" keys · any key closes ")
                .title_alignment(Alignment::Center),
        )
        .render(popup, buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::{
        tests::{pin, report, uart},
        EmitterRow, Event,
    };
    use emulator::board::STM32F405;
    use ratatui::{backend::TestBackend, Terminal};

    /// Blinky's first transitions on PA14 and its console, 20,000 cycles in.
    fn blinky() -> App {
        let mut app = App::new(&STM32F405, "blinky.elf".into(), Speed::RealTime);
        let mut events = vec![
            pin(111, 0, 14, true),
            pin(15_724, 0, 14, false),
            pin(18_000, 0, 14, true),
        ];
        events.extend(uart("toggle 1 1\ntoggle 2 0\ntoggle 3 1\n"));
        let mut r = report(0, 20_000, events);
        r.levels[0] = (1 << 13) | (1 << 14) | (1 << 15);
        app.handle_event(Event::Report(r));
        app
    }

    fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
        let mut t = Terminal::new(TestBackend::new(width, height)).unwrap();
        t.draw(|f| f.render_widget(app, f.area())).unwrap();
        t
    }

    #[test]
    fn blinky_running() {
        insta::assert_snapshot!(render(&blinky(), 100, 30).backend());
    }

    #[test]
    fn a_small_terminal_keeps_the_labelled_pins() {
        insta::assert_snapshot!(render(&blinky(), 80, 20).backend());
    }

    #[test]
    fn help_over_a_paused_machine() {
        let mut app = blinky();
        app.state = RunState::Paused;
        app.help = true;
        insta::assert_snapshot!(render(&app, 100, 30).backend());
    }

    #[test]
    fn emitters_as_a_table_and_bars() {
        let mut app = blinky();
        app.focus = Focus::Emitters;
        app.emitters = vec![
            EmitterRow {
                function: "toggle".into(),
                emitter: "bytecode".into(),
                calls: 10,
                cycles_per_call: 4_210,
            },
            EmitterRow {
                function: "toggle".into(),
                emitter: "native".into(),
                calls: 10,
                cycles_per_call: 1_050,
            },
        ];
        insta::assert_snapshot!(render(&app, 100, 30).backend());
    }

    #[test]
    fn lamps_take_the_colour_of_their_led() {
        let t = render(&blinky(), 100, 30);
        let buf = t.backend().buffer();
        // Row of PA13 (LED_RED) and PA14 (LED_GREEN): lamps in column 1 + 5 + 12.
        let lamp = |y| &buf[(18, y)];
        assert_eq!((lamp(14).symbol(), lamp(14).fg), (LIT, Color::Red));
        assert_eq!((lamp(15).symbol(), lamp(15).fg), (LIT, Color::Green));
        assert_eq!((lamp(1).symbol(), lamp(1).fg), (DARK, Color::DarkGray));
    }

    #[test]
    fn the_waveform_marks_levels_and_edges_on_the_cycle_axis() {
        let app = blinky();
        assert_eq!(app.window(), 20_000);
        let h = &app.history[0][14];
        // 10 columns of 2,000 cycles: low, the rise at 111, high, the fall at 15,724 and the
        // rise at 18,000.
        assert_eq!(waveform(h, 0, 20_000, 10), "│▔▔▔▔▔▔│▁│");
        assert_eq!(nice(20_001), 50_000);
        assert_eq!(grouped(1_234_567), "1,234,567");
    }
}
