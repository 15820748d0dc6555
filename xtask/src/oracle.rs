//! The oracle: MicroPython's WebAssembly port, run under Node, produces the expected output
//! (`.exp`) of every program in `tests/python/`. It is installed from npm into
//! `tools/oracle/node_modules`, at the version `tools/oracle/package-lock.json` pins.

use std::{
    fs,
    path::{Path, PathBuf},
    process::Command,
};

use anyhow::{bail, Context, Result};

const ORACLE_DIR: &str = "tools/oracle";
const PACKAGE: &str = "@micropython/micropython-webassembly-pyscript";
const CORPUS_DIR: &str = "tests/python";

/// Installs the oracle if it is missing (or not the pinned version), then reruns every
/// program of the corpus and rewrites its `.exp`.
pub fn regenerate(root: &Path) -> Result<()> {
    ensure_installed(root)?;
    crate::run(
        root,
        Command::new("node")
            .arg(Path::new(ORACLE_DIR).join("run.mjs"))
            .arg(CORPUS_DIR),
    )
    .context("running the corpus in the oracle (Node.js 20 or newer is needed)")
}

/// Checks that every program of the corpus has its `.exp` and every `.exp` its program
/// (`NAME.EMITTER.exp`, an emitter's own expectation, belongs to `NAME.py`).
pub fn check_expectations(root: &Path) -> Result<()> {
    let programs = files_with_extension(root, "py")?;
    let mut problems = Vec::new();
    for program in &programs {
        if !root.join(program.with_extension("exp")).is_file() {
            problems.push(format!("{} has no .exp", program.display()));
        }
    }
    for exp in files_with_extension(root, "exp")? {
        let name = exp.file_name().unwrap_or_default().to_string_lossy();
        let program = exp.with_file_name(format!("{}.py", name.split('.').next().unwrap_or("")));
        if !root.join(program).is_file() {
            problems.push(format!("{} has no .py", exp.display()));
        }
    }
    if !problems.is_empty() {
        bail!(
            "{}\n(`cargo xtask oracle` writes the expected output of every program)",
            problems.join("\n")
        );
    }
    eprintln!(
        "{} programs in {CORPUS_DIR}, each with its .exp",
        programs.len()
    );
    Ok(())
}

fn ensure_installed(root: &Path) -> Result<()> {
    let dir = root.join(ORACLE_DIR);
    let pinned = pinned_version(&dir)?;
    let installed = dir.join("node_modules").join(PACKAGE).join("package.json");
    if version_of(&installed).is_ok_and(|v| v == pinned) {
        return Ok(());
    }
    crate::run(
        &dir,
        Command::new("npm").args(["ci", "--no-audit", "--no-fund"]),
    )
    .with_context(|| {
        format!("installing {PACKAGE} {pinned} into {ORACLE_DIR} (needs npm and Node.js 20)")
    })?;
    let now = version_of(&installed)?;
    if now != pinned {
        bail!(
            "{} says version {now}, not the pinned {pinned}",
            installed.display()
        );
    }
    Ok(())
}

/// The version `package-lock.json` pins for the oracle package.
fn pinned_version(dir: &Path) -> Result<String> {
    let lock = dir.join("package-lock.json");
    let json = read_json(&lock)?;
    json["packages"][format!("node_modules/{PACKAGE}")]["version"]
        .as_str()
        .map(str::to_owned)
        .with_context(|| format!("{} pins no version of {PACKAGE}", lock.display()))
}

fn version_of(package_json: &Path) -> Result<String> {
    read_json(package_json)?["version"]
        .as_str()
        .map(str::to_owned)
        .with_context(|| format!("{} has no version", package_json.display()))
}

fn read_json(path: &Path) -> Result<serde_json::Value> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

/// The corpus files with this extension, relative to the workspace root, sorted.
fn files_with_extension(root: &Path, extension: &str) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![PathBuf::from(CORPUS_DIR)];
    while let Some(dir) = pending.pop() {
        let entries =
            fs::read_dir(root.join(&dir)).with_context(|| format!("listing {}", dir.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("listing {}", dir.display()))?;
            let path = dir.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == extension) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}
