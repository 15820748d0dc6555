//! `cargo xtask <task>`: everything the project does besides `cargo build`, as Rust.
//!
//! Each task first installs what it needs and is missing (Debian packages, the thumb
//! target), so the README's two commands work on a fresh machine.

mod examples;
mod firmware;
mod hal;
mod mpy;
mod oracle;

use std::{
    io::IsTerminal,
    path::{Path, PathBuf},
    process::Command,
};

use anyhow::{bail, Context, Result};

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  demo            install what is missing, build, and run the main job
  ci              install what is missing, then lint, check the firmware images, and test
  test            run the tests and the scenarios only
  bench           emulated MIPS with cycle accounting on and off; VM cycles per iteration
  bench-examples  rerun `cyclops bench` on examples/ and rewrite the README's tables
  firmware        rebuild firmware-images/*.elf from runtime/
  firmware-check  check that firmware-images/*.elf match a fresh build
  hal-examples    build the stm32f4xx-hal examples the tests run (target/hal-examples)
  oracle          install the MicroPython oracle if missing, rewrite tests/python/**/*.exp
  setup           install the Debian packages and the thumb target";

/// Debian packages: cmake and libclang build unicorn-engine; binutils assemble test snippets.
const DEBIAN_PACKAGES: &[&str] = &[
    "cmake",
    "libclang-dev",
    "binutils-arm-none-eabi",
    "pkg-config",
];

fn main() -> std::process::ExitCode {
    match run_task() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // Plain, without a backtrace: the failing command says enough.
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run_task() -> Result<()> {
    let task = std::env::args().nth(1).unwrap_or_default();
    let root = workspace_root();
    match task.as_str() {
        "demo" => {
            setup()?;
            demo(&root)
        }
        "ci" => {
            setup()?;
            ci(&root)
        }
        "test" => test(&root),
        "bench" => {
            setup()?;
            bench(&root)
        }
        "bench-examples" => examples::regenerate(&root),
        "firmware" => {
            for p in firmware::build(&root)? {
                println!("wrote {}", p.display());
            }
            Ok(())
        }
        "firmware-check" => firmware::check(&root),
        "hal-examples" => {
            setup()?;
            hal::build(&root)
        }
        "oracle" => oracle::regenerate(&root),
        "setup" => setup(),
        _ => {
            eprintln!("{USAGE}");
            bail!("unknown task `{task}`")
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Runs a command from the workspace root, failing with its command line.
fn run(root: &Path, cmd: &mut Command) -> Result<()> {
    let line = format!("{cmd:?}");
    eprintln!("$ {line}");
    let status = cmd
        .current_dir(root)
        .status()
        .with_context(|| format!("cannot start {line}"))?;
    if !status.success() {
        bail!("{line} failed: {status}");
    }
    Ok(())
}

/// Installs the Debian packages and the thumb target that are missing; skips the rest.
fn setup() -> Result<()> {
    let missing: Vec<&str> = DEBIAN_PACKAGES
        .iter()
        .copied()
        .filter(|p| {
            !Command::new("dpkg-query")
                .args(["-W", "-f=${Status}", p])
                .output()
                .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        })
        .collect();
    if !missing.is_empty() {
        eprintln!("installing Debian packages: {}", missing.join(" "));
        let sudo: &[&str] = if is_root() { &[] } else { &["sudo"] };
        let apt = |args: &[&str]| -> Result<()> {
            let mut all: Vec<&str> = sudo.to_vec();
            all.push("apt-get");
            all.extend(args);
            run(
                Path::new("."),
                Command::new(all[0])
                    .args(&all[1..])
                    .env("DEBIAN_FRONTEND", "noninteractive"),
            )
        };
        apt(&["update", "-qq"])?;
        let mut args = vec!["install", "-y", "-qq"];
        args.extend(&missing);
        apt(&args)?;
    }
    if let Err(e) = firmware::ensure_target_installed() {
        eprintln!("warning: {e:#}");
    }
    Ok(())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

fn ci(root: &Path) -> Result<()> {
    run(root, cargo().args(["fmt", "--all", "--check"]))?;
    run(
        root,
        cargo().args(["fmt", "--check", "--manifest-path", "runtime/Cargo.toml"]),
    )?;
    run(
        root,
        cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    run(
        root,
        cargo().args([
            "clippy",
            "--release",
            "--manifest-path",
            "runtime/Cargo.toml",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    match firmware::ensure_target_installed() {
        Ok(()) => {
            firmware::check(root)?;
            eprintln!("firmware images match a fresh build");
        }
        Err(e) => eprintln!("firmware image check skipped: {e:#}"),
    }
    test(root)
}

fn test(root: &Path) -> Result<()> {
    oracle::check_expectations(root)?;
    hal::build(root)?;
    let mpy_cross = mpy::ensure_mpy_cross(root)?;
    // Runs the scenarios too: each is a test case of `cli/tests/scenarios.rs`.
    run(root, cargo().args(["test", "--workspace"]))?;
    // And once through the command users run, with its JUnit report.
    run(
        root,
        cargo().args([
            "run",
            "-q",
            "-p",
            "cyclops",
            "--",
            "test",
            "scenarios",
            "--junit",
            "target/scenarios.junit.xml",
        ]),
    )?;
    run(root, vm_on_host("test")?.env("MPY_CROSS", mpy_cross))
}

/// A cargo command for the runtime's VM crate built for the host, where its tests run (the
/// runtime workspace builds for the thumb target by default).
fn vm_on_host(command: &str) -> Result<Command> {
    let out = Command::new("rustc")
        .arg("-vV")
        .output()
        .context("running rustc -vV")?;
    let info = String::from_utf8_lossy(&out.stdout);
    let host = info
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .context("rustc -vV names no host")?;
    let mut cmd = cargo();
    cmd.args([
        command,
        "--manifest-path",
        "runtime/Cargo.toml",
        "-p",
        "cyclops-vm",
        "--target",
        host,
    ]);
    Ok(cmd)
}

/// Builds Cyclops and opens the TUI on its built-in demo.
fn demo(root: &Path) -> Result<()> {
    run(root, cargo().args(["build", "--release", "-p", "cyclops"]))?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "the demo is the TUI (`cyclops tui`), which needs a terminal: run `cargo xtask demo` \
             from one, or `target/release/cyclops run firmware-images/blinky.elf` for its console"
        );
    }
    run(
        root,
        Command::new(root.join("target/release/cyclops")).arg("tui"),
    )
}

fn bench(root: &Path) -> Result<()> {
    let mpy_cross = mpy::ensure_mpy_cross(root)?;
    run(
        root,
        cargo()
            .args([
                "bench",
                "-p",
                "cyclops-tests",
                "--bench",
                "mips",
                "--bench",
                "vm",
            ])
            .env("MPY_CROSS", mpy_cross),
    )?;
    run(
        root,
        cargo().args(["bench", "-p", "cyclops", "--bench", "tui"]),
    )
}
