//! `cyclops bench` end to end: the table, JSON, CSV and SVG carry the profile's exact
//! figures, the same script gives the same bytes, `--sweep` shows why an emitter rejects a
//! function, and bad input gets its exit status.

use std::{collections::BTreeSet, path::Path, process::Command};

use cyclops::profile::{self, Profiled};
use cyclops_tests::{ran, Ran};
use serde_json::{json, Value};

fn cyclops(args: &[&str], env: &[(&str, &str)]) -> Ran {
    ran(Command::new(env!("CARGO_BIN_EXE_cyclops"))
        .arg("bench")
        .args(args)
        .envs(env.iter().copied()))
}

fn file(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

fn profiled(path: &str) -> Profiled {
    match profile::run(Path::new(path), &[], 1 << 32, &mut |_| {}) {
        Ok(p) => p,
        Err(f) => panic!("{:#}", f.split().1),
    }
}

/// The table's row for `function` in `run`, as trimmed cells.
fn row(stdout: &str, function: &str, emitter: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .find(|c| c.len() > 2 && c[0] == function && c[1].starts_with(emitter))
        .unwrap_or_else(|| panic!("no row for {function} {emitter} in\n{stdout}"))
}

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

const AS_WRITTEN: &str = "\
import micropython

def add(n):
    s = 0
    for i in range(n):
        s += i
    return s

@micropython.native
def add_native(n):
    s = 0
    for i in range(n):
        s += i
    return s

@micropython.viper
def nop():
    pass

def never():
    pass

class C:
    def twice(self, n):
        return add(n) + add(n)

print(add(10), add_native(10), C().twice(5))
for _ in range(5):
    nop()
";

#[test]
fn as_written_every_output_carries_the_profiles_exact_figures_and_repeats_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let script = file(d, "w.py", AS_WRITTEN);
    let out = |n: &str| d.join(n).to_string_lossy().into_owned();
    let (j1, j2, c1, c2, s1, s2) = (
        out("1.json"),
        out("2.json"),
        out("1.csv"),
        out("2.csv"),
        out("1.svg"),
        out("2.svg"),
    );
    let first = cyclops(&[&script, "--json", &j1, "--csv", &c1, "--svg", &s1], &[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let again = cyclops(&[&script, "--json", &j2, "--csv", &c2, "--svg", &s2], &[]);
    assert_eq!(first.stdout, again.stdout);
    for (a, b) in [(&j1, &j2), (&c1, &c2), (&s1, &s2)] {
        assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap(), "{a}");
    }

    let p = profiled(&script);
    let fig = |name: &str| {
        p.functions
            .iter()
            .find(|(f, _)| f.name == name)
            .map(|(f, s)| (f.emitter.name(), *s))
            .unwrap()
    };
    // The table: functions only (no module or class body), in the script's order.
    let names: Vec<String> = ["add", "add_native", "nop", "never", "C.twice"]
        .iter()
        .map(|n| row(&first.stdout, n, "")[0].clone())
        .collect();
    assert_eq!(names, ["add", "add_native", "nop", "never", "C.twice"]);
    assert!(!first.stdout.contains("| <module>"), "{}", first.stdout);
    assert!(!first.stdout.contains("| C "), "{}", first.stdout);
    // The viper `nop` costs 35 cycles a call (the TRM sum, cli/tests/profile.rs).
    assert_eq!(
        row(&first.stdout, "nop", "viper"),
        ["nop", "viper", "5", "35", "0.208", "175", "175"]
    );
    assert_eq!(
        row(&first.stdout, "never", "bytecode"),
        ["never", "bytecode", "0", "-", "-", "0", "0"]
    );
    for name in ["add", "add_native", "C.twice"] {
        let (emitter, s) = fig(name);
        let per_call = if s.inclusive % s.calls == 0 {
            (s.inclusive / s.calls).to_string()
        } else {
            format!("{:.2}", s.inclusive as f64 / s.calls as f64)
        };
        let cells = row(&first.stdout, name, emitter);
        assert_eq!(
            cells[1..4],
            [emitter.to_owned(), s.calls.to_string(), per_call]
        );
        assert_eq!(
            cells[5..],
            [s.inclusive.to_string(), s.exclusive.to_string()]
        );
    }
    assert_eq!(fig("add").1.calls, 3);
    assert!(
        first.stdout.contains("\noutput:\n45 45 20\n"),
        "{}",
        first.stdout
    );

    // The JSON: its exact structure, and the profile's figures.
    let v: Value = serde_json::from_slice(&std::fs::read(&j1).unwrap()).unwrap();
    assert_eq!(
        keys(&v),
        BTreeSet::from([
            "board",
            "clock_mhz",
            "functions",
            "mode",
            "outputs_differ",
            "rejected",
            "runs",
            "script"
        ])
    );
    assert_eq!(
        (&v["mode"], &v["board"], &v["clock_mhz"], &v["script"]),
        (
            &json!("as written"),
            &json!("stm32f405"),
            &json!(168),
            &json!(script)
        )
    );
    let functions = v["functions"].as_array().unwrap();
    assert_eq!(functions.len(), 5);
    for f in functions {
        assert_eq!(
            keys(f),
            BTreeSet::from([
                "calls",
                "cycles_exclusive",
                "cycles_inclusive",
                "cycles_per_call",
                "emitter",
                "name",
                "us_per_call"
            ])
        );
        let (emitter, s) = fig(f["name"].as_str().unwrap());
        assert_eq!(f["emitter"], emitter);
        assert_eq!(
            (&f["calls"], &f["cycles_inclusive"], &f["cycles_exclusive"]),
            (&json!(s.calls), &json!(s.inclusive), &json!(s.exclusive))
        );
    }
    assert_eq!(
        functions[2],
        json!({"name": "nop", "emitter": "viper", "calls": 5, "cycles_per_call": 35,
               "us_per_call": 0.208, "cycles_inclusive": 175, "cycles_exclusive": 175})
    );
    assert_eq!(functions[3]["cycles_per_call"], Value::Null);
    let module = fig("<module>").1.inclusive;
    assert_eq!(
        v["runs"],
        json!([{"run": "as written", "outcome": {"kind": "exited", "code": 0},
                "cycles": p.cycles, "program_cycles": module, "output": "45 45 20\n"}])
    );
    assert_eq!(
        (&v["rejected"], &v["outputs_differ"]),
        (&json!([]), &json!(false))
    );

    // The CSV: a header and one row per function.
    let mut csv = csv::Reader::from_path(&c1).unwrap();
    assert_eq!(
        csv.headers().unwrap(),
        vec![
            "function",
            "run",
            "emitter",
            "calls",
            "cycles_per_call",
            "us_per_call",
            "cycles_inclusive",
            "cycles_exclusive",
            "speedup_vs_bytecode",
            "rejected"
        ]
    );
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(
        rows[2],
        vec![
            "nop",
            "as written",
            "viper",
            "5",
            "35",
            "0.208",
            "175",
            "175",
            "",
            ""
        ]
    );

    // The SVG: well formed, a bar per called function in its emitter's colour (and one
    // square per emitter in the legend), every function named.
    let svg = std::fs::read_to_string(&s1).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let rects = |fill: &str| {
        doc.descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some(fill))
            .count()
    };
    // bytecode: add and C.twice; native: add_native; viper: nop.
    assert_eq!(
        (rects("#4E79A7"), rects("#F28E2B"), rects("#59A14F")),
        (3, 2, 2)
    );
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(str::trim)
        .collect();
    for t in [
        "add",
        "add_native",
        "nop",
        "never",
        "C.twice",
        "not called",
        "35",
    ] {
        assert!(texts.contains(&t), "{t} in {texts:?}");
    }
}

/// `first` has no free line above it (a decorator line is inserted), `wrap`'s integers
/// wrap as viper, viper rejects `first` (untyped) and `gen` (a generator), and the
/// program raises at the end.
const SWEEP: &str = "\
def first(n):
    s = 0
    for i in range(n):
        s += i
    return s

@micropython.viper
def wrap(n: int) -> int:
    x = 1
    for i in range(n):
        x = x * 3
    return x

def gen():
    yield 1

def fails():
    raise ValueError('here')

print(first(10), wrap(25), list(gen()))
fails()
";

#[test]
fn a_sweep_shows_why_an_emitter_rejects_a_function_and_where_outputs_differ() {
    let dir = tempfile::tempdir().unwrap();
    let script = file(dir.path(), "sweep.py", SWEEP);
    let json_path = dir.path().join("s.json").to_string_lossy().into_owned();
    let r = cyclops(&[&script, "--sweep", "--json", &json_path], &[]);
    // The program raises (as every emitter runs it): exit 1, as `cyclops run`.
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    let v: Value = serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    assert_eq!(v["mode"], "sweep");
    assert_eq!(
        v["rejected"],
        json!([
            {"name": "first", "emitter": "viper",
             "reason": "ViperTypeError: can't do binary op between 'int' and 'object' (line 3)"},
            {"name": "gen", "emitter": "viper", "reason": "NotImplementedError: native yield"},
        ])
    );
    assert!(
        r.stdout.contains(
            "viper rejects first (it ran as bytecode): ViperTypeError: can't do binary op \
             between 'int' and 'object' (line 3)"
        ),
        "{}",
        r.stdout
    );
    assert_eq!(
        row(&r.stdout, "first", "viper"),
        ["first", "viper: rejected", "-", "-", "-", "-", "-", "-"]
    );
    // Every function in every run, as the emitter it was given.
    let got: Vec<(&str, &str, u64)> = v["functions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["name"].as_str().unwrap(),
                f["emitter"].as_str().unwrap(),
                f["calls"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("first", "bytecode", 1),
            ("first", "native", 1),
            ("wrap", "bytecode", 1),
            ("wrap", "native", 1),
            ("wrap", "viper", 1),
            ("gen", "bytecode", 2),
            ("gen", "native", 2),
            ("fails", "bytecode", 1),
            ("fails", "native", 1),
            ("fails", "viper", 1),
        ]
    );
    let speedup = |i: usize| v["functions"][i]["speedup_vs_bytecode"].as_f64().unwrap();
    assert_eq!(speedup(2), 1.0);
    assert!(speedup(4) > 10.0, "viper's loop: {}", speedup(4));

    // As written, `first` is bytecode and `wrap` viper: the sweep measures them the same.
    let written = profiled(&script);
    let fig = |name: &str| {
        written
            .functions
            .iter()
            .find(|(f, _)| f.name == name)
            .map(|(_, s)| *s)
            .unwrap()
    };
    assert_eq!(
        v["functions"][0]["cycles_inclusive"],
        fig("first").inclusive
    );
    assert_eq!(v["functions"][4]["cycles_inclusive"], fig("wrap").inclusive);

    // Bytecode's traceback names the script's own lines (a line was inserted above
    // `first`); machine code has no lines, so native and viper frames are not in theirs
    // (as on MicroPython). As viper (as written), `wrap`'s integer wraps at 32 bits.
    let traceback = |fails: &str| {
        format!(
            "Traceback (most recent call last):\n  File \"sweep.py\", line 21, in \
             <module>\n{fails}ValueError: here\n"
        )
    };
    let outputs: Vec<&str> = (0..3)
        .map(|i| v["runs"][i]["output"].as_str().unwrap())
        .collect();
    assert_eq!(
        outputs,
        [
            format!(
                "45 847288609443 [1]\n{}",
                traceback("  File \"sweep.py\", line 18, in fails\n")
            ),
            format!("45 847288609443 [1]\n{}", traceback("")),
            format!("45 1180052131 [1]\n{}", traceback("")),
        ]
    );
    assert_eq!(
        String::from_utf8_lossy(&written.output),
        format!(
            "45 1180052131 [1]\n{}",
            traceback("  File \"sweep.py\", line 18, in fails\n")
        )
    );
    assert_eq!(v["outputs_differ"], true);
    assert!(
        r.stdout
            .contains("warning: the output differs between emitters (bytecode ≠ native ≠ viper)"),
        "{}",
        r.stdout
    );
    for i in 0..3 {
        assert_eq!(
            v["runs"][i]["outcome"],
            json!({"kind": "exited", "code": 1})
        );
    }
}

#[test]
fn bad_input_gets_its_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let missing = d.join("missing.py").to_string_lossy().into_owned();
    let r = cyclops(&[&missing], &[]);
    assert_eq!(r.code, 74, "{}", r.stderr);
    assert!(
        r.stderr.contains("missing.py: no such file"),
        "{}",
        r.stderr
    );

    let text = file(d, "notes.txt", "print(1)\n");
    let r = cyclops(&[&text], &[]);
    assert_eq!(r.code, 65, "{}", r.stderr);
    assert!(
        r.stderr.contains("takes a Python source file"),
        "{}",
        r.stderr
    );

    let broken = file(d, "broken.py", "def f(:\n");
    let r = cyclops(&[&broken, "--sweep"], &[]);
    assert_eq!(r.code, 65, "{}", r.stderr);
    assert!(r.stderr.contains("SyntaxError"), "{}", r.stderr);

    let fine = file(d, "fine.py", "print(1)\n");
    let r = cyclops(&[&fine], &[("MPY_CROSS", "/nonexistent/mpy-cross")]);
    assert_eq!(r.code, 65, "{}", r.stderr);
    assert!(r.stderr.contains("cannot run mpy-cross"), "{}", r.stderr);

    let r = cyclops(&[&fine, "--json", "/nonexistent/dir/out.json"], &[]);
    assert_eq!(r.code, 74, "{}", r.stderr);
    assert!(r.stderr.contains("cannot write /nonexistent/dir/out.json"));

    // Out of budget: the table of what ran, and the reason on stderr.
    let spin = file(
        d,
        "spin.py",
        "def once():\n    return 1\ndef spin():\n    while True:\n        pass\nonce()\nspin()\n",
    );
    let r = cyclops(&[&spin, "--max-cycles", "3000000"], &[]);
    assert_eq!(r.code, 124, "{}", r.stderr);
    assert!(
        r.stderr.contains("the run reached --max-cycles (3000000)"),
        "{}",
        r.stderr
    );
    assert_eq!(row(&r.stdout, "once", "bytecode")[2], "1");
    assert_eq!(row(&r.stdout, "spin", "bytecode")[2..4], ["0", "-"]);
}

/// Cycles per call of each function in `cyclops bench --json`'s report, by name (and run).
fn per_call(v: &Value) -> Vec<(String, String, u64)> {
    v["functions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let run = f.get("run").unwrap_or(&f["emitter"]);
            (
                f["name"].as_str().unwrap().to_owned(),
                run.as_str().unwrap().to_owned(),
                f["cycles_inclusive"].as_u64().unwrap() / f["calls"].as_u64().unwrap().max(1),
            )
        })
        .collect()
}

/// The examples run to the end, every function in them is called, and what their comments
/// claim holds on the emulator.
#[test]
fn the_examples_run_and_show_what_their_comments_say() {
    let dir = tempfile::tempdir().unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let report = |name: &str, sweep: bool| {
        let json = dir.path().join(format!("{name}.json"));
        let script = examples.join(format!("{name}.py"));
        let mut args = vec![script.to_str().unwrap(), "--json", json.to_str().unwrap()];
        if sweep {
            args.push("--sweep");
        }
        let r = cyclops(&args, &[]);
        assert_eq!(r.code, 0, "{name}: {}\n{}", r.stdout, r.stderr);
        let v: Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
        let figures = per_call(&v);
        assert!(
            figures.iter().all(|f| f.2 > 0),
            "{name}: a function was not called: {figures:?}"
        );
        move |function: &str, run: &str| {
            figures
                .iter()
                .find(|f| f.0 == function && f.1 == run)
                .unwrap_or_else(|| panic!("{function} {run} in {figures:?}"))
                .2
        }
    };
    let emitters = report("emitters", true);
    for f in ["sum_squares", "checksum"] {
        assert!(emitters(f, "viper") < emitters(f, "native"), "{f}");
        assert!(emitters(f, "native") < emitters(f, "bytecode"), "{f}");
    }
    let toggle = report("toggle", false);
    assert!(toggle("toggle_ptr16", "viper") * 10 < toggle("toggle_value", "bytecode"));
    let buffers = report("buffers", false);
    assert!(buffers("pass_memoryview", "bytecode") < buffers("pass_slice", "bytecode"));
    let lookups = report("lookups", false);
    assert!(
        lookups("Buffer.fill_cached", "bytecode") < lookups("Buffer.fill_attribute", "bytecode")
    );
    assert!(lookups("scale_local", "bytecode") < lookups("scale_global", "bytecode"));
    let consts = report("consts", false);
    assert!(consts("with_const", "bytecode") < consts("with_global", "bytecode"));
}

#[test]
fn a_script_that_raises_gets_the_table_of_what_ran_its_traceback_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let script = file(
        dir.path(),
        "raises.py",
        "def f():\n    raise ValueError('x')\nf()\n",
    );
    let r = cyclops(&[&script], &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(row(&r.stdout, "f", "bytecode")[2], "1");
    assert!(r.stdout.contains("exited with code 1"), "{}", r.stdout);
    assert!(
        r.stdout.ends_with(
            "\noutput:\nTraceback (most recent call last):\n  File \"raises.py\", line 3, in \
             <module>\n  File \"raises.py\", line 2, in f\nValueError: x\n"
        ),
        "{}",
        r.stdout
    );
}
