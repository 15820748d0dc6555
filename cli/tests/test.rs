//! `cyclops test` end to end: validation errors with their place, exit statuses, per-step
//! output, JUnit and VCD content, and the test harness that makes scenarios test cases.

use std::{
    path::{Path, PathBuf},
    process::Command,
};

use cyclops_tests::{firmware, ran, Ran};

fn cyclops(args: &[&str]) -> Ran {
    ran(Command::new(env!("CARGO_BIN_EXE_cyclops")).args(args))
}

/// Writes a scenario whose `firmware:` is the committed image `elf` (when given).
fn scenario(dir: &tempfile::TempDir, name: &str, elf: Option<&str>, rest: &str) -> String {
    let mut text = format!("name: {name}\nversion: 1\n");
    if let Some(elf) = elf {
        text += &format!("firmware: {}\n", firmware(elf).display());
    }
    text += rest;
    let path = dir.path().join(format!("{name}.yaml"));
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn invalid_scenarios_are_reported_with_file_line_and_column_and_none_runs() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        // (file body after name/version/firmware, the error line after `path:`)
        (
            "colour: red\nsteps: []\n",
            "4:1: unknown field `colour`, expected one of name, version, author, description, board, firmware, script, flash-wait-states, timeout, steps",
        ),
        (
            "steps:\n  - delay: 500\n",
            "5:12: `500` needs a unit: cycles, ns, us, ms or s (like `500ms`)",
        ),
        (
            "steps:\n  - run-for: 3 fortnights\n",
            "5:14: `fortnights` in `3 fortnights` is not a unit: use cycles, ns, us, ms or s",
        ),
        (
            "steps:\n  - blink: 3\n",
            "5:5: unknown command `blink`: a step is one of delay, run-for, wait-serial, write-serial, expect-serial, expect-pin, set-control, set-pin, wait-pin, expect-toggles, mark, expect-cycles, expect-exit, expect-fault, expect-hang",
        ),
        (
            "steps:\n  - delay: 1ms\n    run-for: 2ms\n",
            "6:5: a step holds one command; `run-for` is a second one",
        ),
        (
            "steps:\n  - expect-pin: {pin: PA14, value: 1, colour: red}\n",
            "5:39: unknown field `colour`, expected one of part-id, name, pin, value",
        ),
        (
            "steps:\n  - expect-pin: {pin: PA14, value: [1]}\n",
            "5:29: invalid type: sequence, expected 0, 1 or `float`",
        ),
        (
            "steps:\n  - expect-pin: {pin: PZ3, value: 1}\n",
            "5:23: `PZ3` is not a pin of the stm32f405: write a port and a number like PA14, or one of LED_RED, LED_GREEN, LED_YELLOW, LED_BLUE, SW",
        ),
        (
            "steps:\n  - set-control: {part-id: btn1, control: pressed, value: 1}\n",
            "5:28: set-control drives MCU pins only: part-id `board`, `mcu` or `stm32f405` with a pin as `control`",
        ),
        (
            "steps:\n  - expect-pin: {part-id: led1, name: A, value: 1}\n",
            "5:27: part-id `led1` is not the board (`board`, `mcu` or `stm32f405`), and no diagram.json beside the scenario says what it is wired to",
        ),
        (
            "steps:\n  - mark: a\n  - expect-cycles: {from: b, max: 10}\n",
            "6:27: no `mark: b` comes before this step",
        ),
        (
            "steps:\n  - expect-cycles: {function: fib, max: 10}\n",
            "5:31: expect-cycles of the Python function `fib` needs a `script` (a .py)",
        ),
        (
            "steps:\n  - expect-serial: {regex: \"(\"}\n",
            "5:28: bad regular expression: regex parse error:",
        ),
    ];
    let mut expected = Vec::new();
    for (i, (body, error)) in cases.iter().enumerate() {
        let path = scenario(&dir, &format!("bad{i:02}"), Some("blinky"), body);
        expected.push(format!("{path}:{error}"));
    }
    let missing = scenario(
        &dir,
        "missing",
        None,
        "firmware: nowhere.elf\nscript: main.py\nsteps: []\n",
    );
    let r = cyclops(&["test", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 65, "{}", r.stderr);
    assert_eq!(r.stdout, "", "nothing ran");
    let lines: Vec<&str> = r.stderr.lines().collect();
    for e in &expected {
        assert!(
            lines.iter().any(|l| l.starts_with(e.as_str())),
            "{e}\nin\n{}",
            r.stderr
        );
    }
    let dir_path = dir.path().display();
    assert!(lines.contains(&format!("{missing}:3:11: cannot read firmware {dir_path}/nowhere.elf: No such file or directory (os error 2)").as_str()), "{}", r.stderr);
    assert!(
        lines
            .contains(&format!("{missing}:4:9: script {dir_path}/main.py does not exist").as_str()),
        "{}",
        r.stderr
    );
    assert_eq!(
        lines.last(),
        Some(&"14 of 14 scenarios are invalid; none ran")
    );
}

#[test]
fn a_directory_without_scenarios_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let r = cyclops(&["test", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 65);
    assert_eq!(
        r.stderr,
        format!(
            "cyclops: no scenario files (*.yaml, *.yml) in {}\n",
            dir.path().display()
        )
    );
    let missing = dir.path().join("missing.yaml");
    let r = cyclops(&["test", missing.to_str().unwrap()]);
    assert_eq!(r.code, 65);
    assert_eq!(
        r.stderr.lines().next().unwrap(),
        format!(
            "{}: cannot read the scenario: No such file or directory (os error 2)",
            missing.display()
        )
    );
}

#[test]
fn a_script_scenario_runs_on_the_runtime_firmware() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("main.py"), "print('hi', 6 * 7)\n").unwrap();
    let path = scenario(
        &dir,
        "py",
        None,
        "script: main.py\nsteps:\n  - wait-serial: \"hi 42\\n\"\n  - expect-exit: 0\n",
    );
    let r = cyclops(&["test", &path]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    // mpy-cross's complaint is a validation error at the `script:` line.
    std::fs::write(dir.path().join("bad.py"), "def f(:\n").unwrap();
    let bad = scenario(&dir, "bad", None, "script: bad.py\nsteps: []\n");
    let r = cyclops(&["test", &bad]);
    assert_eq!(r.code, 65);
    let first = r.stderr.lines().next().unwrap();
    assert!(
        first.starts_with(&format!(
            "{bad}:3:9: mpy-cross rejected {}",
            dir.path().join("bad.py").display()
        )),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("SyntaxError"), "{}", r.stderr);
}

const ECHO: &str = "steps:
  - wait-serial: \"> \"
  - write-serial: \"ping\\n\"
  - wait-serial: \"ping\\n\"
  - expect-exit: 0
";

#[test]
fn exit_statuses_pass_fail_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let pass = scenario(&dir, "pass", Some("hello"), ECHO);
    let r = cyclops(&["test", &pass]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.ends_with("1 passed, 0 failed, 0 timed out\n"),
        "{}",
        r.stdout
    );

    let fail = scenario(
        &dir,
        "fail",
        Some("blinky"),
        "steps:\n  - wait-serial: \"toggle 1 1\\n\"\n  - expect-pin: {pin: PA14, value: 0}\n",
    );
    let r = cyclops(&["test", &fail]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    let expected = format!(
        "fail ({fail})
  ok   cycle      14065  wait for serial \"toggle 1 1\\n\" (line 5)
  FAIL cycle      14065  expect PA14 = 0 (line 6)
       expected PA14 = 0, got 1 at cycle 14065
"
    );
    assert!(r.stdout.starts_with(&expected), "{}", r.stdout);

    // The button firmware never prints this: its 1 ms budget (16,000 cycles) runs out, at
    // the end of the block that crosses it.
    let timeout = scenario(
        &dir,
        "timeout",
        Some("button"),
        "timeout: 1ms\nsteps:\n  - wait-serial: never\n",
    );
    let r = cyclops(&["test", &timeout]);
    assert_eq!(r.code, 42, "{}", r.stdout);
    assert!(
        r.stdout
            .contains("the scenario's timeout of 1ms ran out at cycle 16004"),
        "{}",
        r.stdout
    );
    // A failure outranks a timeout; --timeout sets the budget of files that set none.
    let untimed = scenario(
        &dir,
        "untimed",
        Some("button"),
        "steps:\n  - wait-serial: never\n",
    );
    let r = cyclops(&["test", &timeout, &fail]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.ends_with("0 passed, 1 failed, 1 timed out\n"));
    let r = cyclops(&["test", &untimed, "--timeout", "2000 cycles"]);
    assert_eq!(r.code, 42);
    assert!(
        r.stdout
            .contains("timeout of 2000 cycles ran out at cycle 2001"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_step_timeout_is_a_failure_with_what_came_instead() {
    let dir = tempfile::tempdir().unwrap();
    let path = scenario(
        &dir,
        "late",
        Some("blinky"),
        "steps:\n  - wait-serial: {text: \"toggle 3\", timeout: 1ms}\n",
    );
    let r = cyclops(&["test", &path]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("expected serial output \"toggle 3\" by cycle 16000; got \"toggle 1 1\\nt\" since the last match"),
        "{}",
        r.stdout
    );
}

#[test]
fn junit_report_has_a_case_per_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let pass = scenario(&dir, "pass", Some("hello"), ECHO);
    let fail = scenario(
        &dir,
        "fail",
        Some("blinky"),
        "steps:\n  - expect-toggles: {pin: LED_GREEN, count: 3, within: 20000 cycles}\n",
    );
    let xml = dir.path().join("report.xml");
    let r = cyclops(&["test", &pass, &fail, "--junit", xml.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    let xml = std::fs::read_to_string(xml).unwrap();
    assert!(
        xml.contains(
            r#"<testsuite name="cyclops scenarios" tests="2" skipped="0" errors="0" failures="1">"#
        ),
        "{xml}"
    );
    assert!(
        xml.contains(&format!(r#"<testcase name="pass" classname="{pass}""#)),
        "{xml}"
    );
    assert!(
        xml.contains(&format!(r#"<testcase name="fail" classname="{fail}""#)),
        "{xml}"
    );
    assert!(
        xml.contains(r#"<failure message="step 1 (expect PA14 to toggle 3 times within 20000 cycles, line 5): expected 3 toggles of PA14 in cycles 0..20000, got 2" type="failure"/>"#),
        "{xml}"
    );

    // Invalid scenarios are errors in the report.
    let bad = scenario(&dir, "bad", Some("blinky"), "steps:\n  - delay: 5\n");
    let xml = dir.path().join("invalid.xml");
    let r = cyclops(&["test", &bad, "--junit", xml.to_str().unwrap()]);
    assert_eq!(r.code, 65);
    let xml = std::fs::read_to_string(xml).unwrap();
    assert!(
        xml.contains(&format!(
            r#"<error message="{bad}:5:12: `5` needs a unit: cycles, ns, us, ms or s (like `5ms`)" type="invalid">"#
        )),
        "{xml}"
    );
}

/// (time in ps, value) of every change of the VCD variable `id`, dumpvars included.
fn changes(vcd: &str, id: &str) -> Vec<(u64, String)> {
    let mut t = 0;
    let mut out = Vec::new();
    for line in vcd.lines() {
        if let Some(ts) = line.strip_prefix('#') {
            t = ts.parse().unwrap();
        } else if let Some(v) = line.strip_suffix(id) {
            out.push((t, v.trim().to_string()));
        }
    }
    out
}

#[test]
fn vcd_trace_has_the_exact_transitions_at_their_exact_times() {
    let dir = tempfile::tempdir().unwrap();
    let path = scenario(
        &dir,
        "trace",
        Some("blinky"),
        "steps:\n  - expect-exit: 0\n",
    );
    let vcd = dir.path().join("blinky.vcd");
    let r = cyclops(&["test", &path, "--vcd", vcd.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    let text = std::fs::read_to_string(&vcd).unwrap();
    assert!(text.contains("$timescale 1 ps $end"), "{text}");
    assert!(text.contains("$var wire 1 ! PA14 $end"), "{text}");
    assert!(text.contains("$var wire 8 \" USART1 $end"), "{text}");
    // Blinky's edges (cycles 111, 15724, ... as `cyclops run --json` reports them) at the
    // 16 MHz HSI: 62,500 ps a cycle.
    let cycles = [
        111, 15724, 31337, 46950, 62563, 78176, 93789, 109402, 125015, 140628,
    ];
    let mut expected = vec![(0, "0".to_string())];
    for (i, c) in cycles.iter().enumerate() {
        expected.push((c * 62_500, if i % 2 == 0 { "1" } else { "0" }.to_string()));
    }
    assert_eq!(changes(&text, "!"), expected);
    // The first byte, 't', at the cycle its frame starts.
    let uart = changes(&text, "\"");
    assert_eq!(uart[0], (0, "bxxxxxxxx".to_string()));
    assert_eq!(uart[1].1, format!("b{:08b}", b't'));
    assert_eq!(uart.len(), 1 + 9 * 11 + 12, "10 lines");
    // Its TX line: idle high, start bit, 't' = 0b0111_0100 LSB first (only the changes),
    // then high; 139 cycles a bit at 115,200 baud from 16 MHz.
    assert!(text.contains("$var wire 1 # USART1_TX $end"), "{text}");
    let start = uart[1].0;
    let bit = 139 * 62_500;
    let line: Vec<(u64, String)> = changes(&text, "#").into_iter().take(7).collect();
    let expected: Vec<(u64, String)> = [(0, 1), (0, 0), (3, 1), (4, 0), (5, 1), (8, 0), (9, 1)]
        .iter()
        .enumerate()
        .map(|(i, &(k, v))| (if i == 0 { 0 } else { start + k * bit }, v.to_string()))
        .collect();
    assert_eq!(line, expected);

    // `cyclops run --vcd` writes the same trace.
    let run_vcd = dir.path().join("run.vcd");
    let blinky = firmware("blinky");
    let r = cyclops(&[
        "run",
        blinky.to_str().unwrap(),
        "--vcd",
        run_vcd.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0);
    assert_eq!(std::fs::read_to_string(run_vcd).unwrap(), text);

    // Several scenarios: one trace each in the directory.
    let other = scenario(&dir, "other", Some("hello"), ECHO);
    let traces = dir.path().join("traces");
    let r = cyclops(&["test", &path, &other, "--vcd", traces.to_str().unwrap()]);
    assert_eq!(r.code, 0);
    assert_eq!(
        std::fs::read_to_string(traces.join("trace.vcd")).unwrap(),
        text
    );
    assert!(traces.join("other.vcd").is_file());
}

#[test]
fn results_do_not_depend_on_parallelism() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios");
    let files: Vec<String> = [
        "blinky-cycles",
        "hello-echo",
        "button-press",
        "sleepy-fast-forward",
    ]
    .iter()
    .map(|f| {
        root.join(format!("{f}.yaml"))
            .to_string_lossy()
            .into_owned()
    })
    .collect();
    let args = |jobs: &'static str| {
        let mut a = vec!["test", "--jobs", jobs];
        a.extend(files.iter().map(String::as_str));
        a
    };
    // Host time is the only thing allowed to differ.
    let strip = |s: String| -> String {
        s.lines()
            .map(|l| l.split(" cycles, ").next().unwrap())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let one = cyclops(&args("1"));
    let two = cyclops(&args("2"));
    assert_eq!(one.code, 0, "{}", one.stdout);
    assert_eq!(strip(one.stdout), strip(two.stdout));
}

/// The `scenarios` test binary cargo built next to this one.
fn harness() -> PathBuf {
    let deps = std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .to_path_buf();
    let mut found: Vec<PathBuf> = std::fs::read_dir(&deps)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("scenarios-") && p.extension().is_none()
        })
        .collect();
    found.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    found.pop().unwrap_or_else(|| {
        panic!(
            "no scenarios harness in {}: build it with `cargo test -p cyclops --no-run`",
            deps.display()
        )
    })
}

#[test]
fn every_scenario_is_a_test_case_of_the_harness() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios");
    let mut names: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension()? == "yaml")
                .then(|| p.file_stem().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    names.sort();
    assert!(names.len() >= 15, "{names:?}");
    let out = Command::new(harness()).arg("--list").output().unwrap();
    assert!(out.status.success());
    let listed: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_suffix(": test").map(String::from))
        .collect();
    assert_eq!(listed, names);
    // libtest's filters work: exactly one case runs.
    let out = Command::new(harness())
        .args(["--exact", "blinky-cycles"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("test blinky-cycles ... ok"), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "1 passed; 0 failed; 0 ignored; 0 measured; {} filtered out",
            names.len() - 1
        )),
        "{stdout}"
    );
}

#[test]
fn flash_wait_states_are_a_scenario_option() {
    // stm32f4xx-hal's delay-syst-blinky sets FLASH_ACR for 48 MHz before it lights PA5:
    // with wait states on, its flash reads cost more and the LED comes on later.
    let elf =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/hal-examples/delay-syst-blinky.elf");
    assert!(
        elf.is_file(),
        "build the HAL examples with `cargo xtask hal-examples`"
    );
    let dir = tempfile::tempdir().unwrap();
    for (option, cycle) in [("", 244), ("flash-wait-states: true\n", 248)] {
        let body = format!(
            "firmware: {}\n{option}steps:\n  - mark: reset\n  - wait-pin: {{pin: PA5, edge: rising, timeout: 1ms}}\n  - expect-cycles: {{from: reset, equal: {cycle}}}\n",
            elf.display()
        );
        let path = scenario(&dir, &format!("ws{cycle}"), None, &body);
        let r = cyclops(&["test", &path]);
        assert_eq!(r.code, 0, "{}", r.stdout);
    }
}
