//! What redrawing the TUI costs the emulator: the same program on the TUI's emulator thread,
//! flat out, once with only the app state kept up to date and once also redrawn (up to
//! 30 fps, the real draw loop, into a 120x40 terminal whose output is thrown away), with the
//! bare `Machine::run` for reference. Part of `cargo xtask bench`.

use std::{io, time::Instant};

use cyclops::tui::{
    self,
    app::{App, Event},
    worker::{self, Command, Program, RunState, Speed},
};
use cyclops_tests::assemble;
use emulator::{board::STM32F405, Config, Machine};
use ratatui::{backend::CrosstermBackend, layout::Rect, Terminal, TerminalOptions, Viewport};

/// Cycles each measurement runs.
const CYCLES: u64 = 600_000_000;
const ROUNDS: usize = 3;

/// LED1 (PA13) toggles every 3,000 cycles or so, forever: a pin event stream to draw.
const BLINKER: &str = "
    ldr r0, =0x40023830
    movs r1, #1
    str r1, [r0]                 @ RCC_AHB1ENR: GPIOA clock
    ldr r0, =0x40020000
    ldr r1, =(1 << 26) | (2 << 28) | (2 << 30)
    str r1, [r0]                 @ MODER: PA13 output
    ldr r2, =1 << 13
    ldr r3, =1 << (13 + 16)
loop:
    str r2, [r0, #24]            @ BSRR: on
    movs r5, #500
1:  subs r5, #1
    bne 1b
    str r3, [r0, #24]            @ BSRR: off
    movs r5, #500
2:  subs r5, #1
    bne 2b
    b loop
    .ltorg
";

/// Host seconds for the emulator thread to reach [`CYCLES`], and frames drawn.
fn on_thread(elf: &[u8], draw: bool) -> (f64, usize) {
    let start = Instant::now();
    let w = worker::spawn(
        Program::Firmware(elf.into()),
        "blinker".into(),
        &STM32F405,
        Speed::Fast,
        RunState::Running,
    )
    .unwrap_or_else(|_| panic!("loads"));
    let mut app = App::new(&STM32F405, "blinker".into(), Speed::Fast);
    let mut frames = 0;
    if draw {
        let backend = CrosstermBackend::new(io::sink());
        let viewport = Viewport::Fixed(Rect::new(0, 0, 120, 40));
        let mut terminal =
            Terminal::with_options(backend, TerminalOptions { viewport }).expect("a terminal");
        let keys = crossbeam_channel::never();
        tui::drive(
            &mut terminal,
            &mut app,
            &w.reports,
            &w.commands,
            &keys,
            |a| a.cycles >= CYCLES,
        )
        .expect("draws");
        frames = terminal.get_frame().count();
    } else {
        for r in w.reports.iter() {
            app.handle_event(Event::Report(r));
            if app.cycles >= CYCLES {
                break;
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    w.commands
        .send(Command::Quit)
        .expect("the emulator listens");
    drop(w.reports);
    w.thread.join().expect("joins").expect("runs");
    (secs * CYCLES as f64 / app.cycles as f64, frames)
}

fn bare(elf: &[u8]) -> f64 {
    let mut m = Machine::new(elf, Config::default()).expect("loads");
    let start = Instant::now();
    m.run(CYCLES).expect("runs");
    start.elapsed().as_secs_f64()
}

fn main() {
    let elf = assemble(BLINKER);
    let best = |f: &dyn Fn() -> (f64, usize)| {
        (0..ROUNDS)
            .map(|_| f())
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .expect("rounds")
    };
    let (machine, _) = best(&|| (bare(&elf), 0));
    let (quiet, _) = best(&|| on_thread(&elf, false));
    let (drawn, frames) = best(&|| on_thread(&elf, true));
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "{CYCLES} cycles of a pin toggling every ~3,000 cycles, best of {ROUNDS}, {cores} cores"
    );
    println!("{:<34} {:>8} {:>8} {:>6}", "", "s", "MHz", "fps");
    let line = |name: &str, secs: f64, fps: String| {
        println!(
            "{name:<34} {secs:>8.3} {:>8.1} {fps:>6}",
            CYCLES as f64 / secs / 1e6
        );
    };
    line("Machine::run alone", machine, "-".into());
    line("TUI emulator thread, no redraw", quiet, "-".into());
    line(
        "TUI emulator thread, redrawn",
        drawn,
        format!("{:.1}", frames as f64 / drawn),
    );
    println!(
        "redrawing costs the emulator {:.1}% of its speed",
        (1.0 - quiet / drawn) * 100.0
    );
}
