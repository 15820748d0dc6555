//! `cyclops tui` in a real pseudo-terminal: the screen it draws (through a VT100 parser),
//! its keys, and a clean exit with the terminal restored.

use std::{
    io::Write,
    process::Command,
    time::{Duration, Instant},
};

use cyclops_tests::assemble;
use expectrl::{process::unix::WaitStatus, session::OsSession, Session};

const COLS: u16 = 100;
const ROWS: u16 = 30;

/// PA13 (LED1) and PA14 (LED2) take turns, 50 ms of emulated time each, forever.
const ALTERNATING_LEDS: &str = "
    ldr r0, =0x40023830          @ RCC_AHB1ENR: GPIOA clock
    movs r1, #1
    str r1, [r0]
    ldr r0, =0x40020000          @ GPIOA
    ldr r1, =(1 << 26) | (1 << 28) | (2 << 30)
    str r1, [r0]                 @ MODER: PA13, PA14 outputs; PA15 keeps its debug function
    ldr r2, =(1 << 13) | (1 << (14 + 16))
    ldr r3, =(1 << 14) | (1 << (13 + 16))
loop:
    str r2, [r0, #24]            @ BSRR: LED1 on, LED2 off
    bl wait
    str r3, [r0, #24]            @ BSRR: LED2 on, LED1 off
    bl wait
    b loop
wait:
    ldr r5, =2800000             @ 3 cycles an iteration: 8.4 M cycles, 50 ms at 168 MHz
1:  subs r5, #1
    bne 1b
    bx lr
    .ltorg
";

/// A `cyclops tui` under a pseudo-terminal, with what it has drawn so far.
struct Tui {
    session: OsSession,
    screen: vt100::Parser,
}

impl Tui {
    fn start(args: &[&str]) -> Tui {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cyclops"));
        cmd.arg("tui").args(args).env("TERM", "xterm-256color");
        let mut session = Session::spawn(cmd).expect("spawns under a pty");
        session
            .get_process_mut()
            .set_window_size(COLS, ROWS)
            .expect("sets the window size");
        Tui {
            session,
            screen: vt100::Parser::new(ROWS.try_into().unwrap(), COLS.try_into().unwrap(), 0),
        }
    }

    fn pump(&mut self) {
        let mut buf = [0u8; 8192];
        while let Ok(n) = self.session.try_read(&mut buf) {
            if n == 0 {
                break;
            }
            self.screen.process(&buf[..n]);
        }
    }

    /// Waits until a screen line contains all of `parts`, failing with the screen after 10 s.
    fn wait_for(&mut self, parts: &[&str]) {
        let start = Instant::now();
        loop {
            self.pump();
            let contents = self.screen.screen().contents();
            if contents
                .lines()
                .any(|l| parts.iter().all(|p| l.contains(p)))
            {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no line with {parts:?} on the screen:\n{contents}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn send(&mut self, keys: &str) {
        self.session.write_all(keys.as_bytes()).unwrap();
        self.session.flush().unwrap();
    }

    /// Waits for the process to exit; returns its status.
    fn exit(&mut self) -> i32 {
        let start = Instant::now();
        loop {
            self.pump();
            match self.session.get_process().status().expect("waits") {
                WaitStatus::StillAlive => {
                    assert!(start.elapsed() < Duration::from_secs(10), "did not exit");
                    std::thread::sleep(Duration::from_millis(10));
                }
                WaitStatus::Exited(_, code) => {
                    self.pump();
                    return code;
                }
                other => panic!("ended with {other:?}"),
            }
        }
    }
}

#[test]
fn the_leds_blink_live_and_q_quits_restoring_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let elf = dir.path().join("leds.elf");
    std::fs::write(&elf, assemble(ALTERNATING_LEDS)).unwrap();
    let mut tui = Tui::start(&[elf.to_str().unwrap()]);
    tui.wait_for(&["PA14 LED_GREEN", "●"]);
    tui.wait_for(&["PA13 LED_RED", "○"]);
    tui.wait_for(&["PA13 LED_RED", "●"]);
    tui.wait_for(&["PA14 LED_GREEN", "○"]);
    tui.wait_for(&["state", "running"]);
    assert!(tui.screen.screen().alternate_screen());
    tui.send("q");
    assert_eq!(tui.exit(), 0);
    let screen = tui.screen.screen();
    assert!(!screen.alternate_screen(), "left the alternate screen");
    assert!(!screen.hide_cursor(), "the cursor is back");
}

/// The main job: with no argument the demo script runs on the runtime firmware; its LEDs
/// light in turn and the emitter panel fills with the seed's toggles, per emitter.
#[test]
fn the_demo_lights_the_leds_and_fills_the_emitter_table() {
    let mut tui = Tui::start(&["--fast"]);
    tui.wait_for(&["PA13 LED_RED", "●"]);
    tui.wait_for(&["toggle_value", "bytecode"]);
    tui.wait_for(&["toggle_native", "native"]);
    tui.wait_for(&["toggle_viper", "viper"]);
    tui.wait_for(&["PA13 LED_RED", "○"]);
    tui.wait_for(&["PA14 LED_GREEN", "●"]);
    tui.wait_for(&["toggle_mem16", "cycles for 50 toggles"]);
    tui.send("q");
    assert_eq!(tui.exit(), 0);
}

#[test]
fn pausing_and_stepping_run_one_instruction_at_a_time() {
    let mut tui = Tui::start(&["--paused"]);
    tui.wait_for(&["state", "paused"]);
    tui.wait_for(&["cycles", " 0 "]);
    tui.send("s");
    tui.wait_for(&["instr", " 1 "]);
    tui.send("s");
    tui.wait_for(&["instr", " 2 "]);
    // Ctrl-C quits too, restoring the terminal.
    tui.send("\x03");
    assert_eq!(tui.exit(), 0);
    assert!(!tui.screen.screen().alternate_screen());
}

#[test]
fn without_a_terminal_it_says_so() {
    let out = Command::new(env!("CARGO_BIN_EXE_cyclops"))
        .arg("tui")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(69));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`cyclops tui` needs a terminal"), "{err}");
}

#[test]
fn a_line_typed_in_the_console_reaches_usart1() {
    let hello = cyclops_tests::firmware("hello");
    let mut tui = Tui::start(&[hello.to_str().unwrap()]);
    tui.wait_for(&["Hello from Cyclops!"]);
    tui.wait_for(&["│> "]);
    // Tab moves the focus to the console; the firmware echoes up to the line feed.
    tui.send("\tping\r");
    tui.wait_for(&["│> ping"]);
    tui.wait_for(&["│bye"]);
    tui.wait_for(&["state", "firmware exited with code 0"]);
    // Two more tabs bring the focus round to the GPIO panel, where `q` quits.
    tui.send("\t\tq");
    assert_eq!(tui.exit(), 0);
}

#[test]
fn a_python_script_runs_on_the_runtime_with_its_output_in_the_console() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("greet.py");
    std::fs::write(&script, "for i in range(3):\n    print('hello', i * 7)\n").unwrap();
    let mut tui = Tui::start(&[script.to_str().unwrap(), "--fast"]);
    tui.wait_for(&["hello 14"]);
    tui.wait_for(&["state", "firmware exited with code 0"]);
    tui.send("q");
    assert_eq!(tui.exit(), 0);
}

#[test]
fn a_missing_script_is_named() {
    let out = Command::new(env!("CARGO_BIN_EXE_cyclops"))
        .args(["tui", "no-such-demo.py"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(74));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot read no-such-demo.py: no such file"),
        "{err}"
    );
}
