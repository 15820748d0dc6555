//! Builds the example firmwares in `runtime/` and keeps the committed ELFs in
//! `firmware-images/` byte-identical to a fresh build.

use anyhow::{bail, ensure, Context, Result};
use std::{
    env,
    ffi::OsString,
    fs,
    io::{BufRead, BufReader},
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

pub const TARGET: &str = "thumbv7em-none-eabihf";
const IMAGES_DIR: &str = "firmware-images";

/// Builds the firmwares and copies each ELF to `firmware-images/<name>.elf`.
/// Returns the written paths, sorted.
pub fn build(workspace_root: &Path) -> Result<Vec<PathBuf>> {
    ensure_target_installed()?;
    let images_dir = workspace_root.join(IMAGES_DIR);
    fs::create_dir_all(&images_dir)
        .with_context(|| format!("creating {}", images_dir.display()))?;
    let mut written = Vec::new();
    for (name, elf) in cargo_build(workspace_root, None)? {
        let dest = images_dir.join(format!("{name}.elf"));
        fs::copy(&elf, &dest)
            .with_context(|| format!("copying {} to {}", elf.display(), dest.display()))?;
        written.push(dest);
    }
    Ok(written)
}

/// Rebuilds the firmwares from scratch in a temporary target directory and
/// fails unless every committed image matches its fresh build byte for byte.
pub fn check(workspace_root: &Path) -> Result<()> {
    ensure_target_installed()?;
    // A fresh target directory proves the images rebuild from nothing, not
    // from stale artifacts.
    let target_dir = env::temp_dir().join(format!("cyclops-firmware-check-{}", std::process::id()));
    let built = cargo_build(workspace_root, Some(&target_dir));
    let result = built.and_then(|built| compare(workspace_root, &built));
    let _ = fs::remove_dir_all(&target_dir);
    result
}

fn compare(workspace_root: &Path, built: &[(String, PathBuf)]) -> Result<()> {
    let images_dir = workspace_root.join(IMAGES_DIR);
    let mut problems = Vec::new();
    for (name, elf) in built {
        let committed = images_dir.join(format!("{name}.elf"));
        let fresh = fs::read(elf).with_context(|| format!("reading {}", elf.display()))?;
        match fs::read(&committed) {
            Ok(bytes) if bytes == fresh => {}
            Ok(_) => problems.push(format!(
                "{} differs from a fresh build of `{name}`",
                committed.display()
            )),
            Err(e) => problems.push(format!("{}: {e}", committed.display())),
        }
    }
    // A committed image with no firmware behind it would go stale unnoticed.
    let entries =
        fs::read_dir(&images_dir).with_context(|| format!("listing {}", images_dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        let stem = path.file_stem().and_then(|s| s.to_str());
        if path.extension().is_some_and(|e| e == "elf")
            && !built.iter().any(|(name, _)| Some(name.as_str()) == stem)
        {
            problems.push(format!("{} has no firmware in runtime/", path.display()));
        }
    }
    ensure!(
        problems.is_empty(),
        "firmware images do not match a fresh build of runtime/ (they also depend on \
         the rustc version); rebuild them with the xtask firmware build:\n  {}",
        problems.join("\n  ")
    );
    Ok(())
}

pub fn ensure_target_installed() -> Result<()> {
    let out = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .context("running `rustup target list --installed`")?;
    ensure!(
        out.status.success(),
        "`rustup target list --installed` failed"
    );
    if String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.trim() == TARGET)
    {
        return Ok(());
    }
    let status = Command::new("rustup")
        .args(["target", "add", TARGET])
        .status()
        .context("running `rustup target add`")?;
    ensure!(status.success(), "`rustup target add {TARGET}` failed");
    Ok(())
}

/// Runs the release build and returns `(name, elf path)` per firmware, sorted by name.
fn cargo_build(workspace_root: &Path, target_dir: Option<&Path>) -> Result<Vec<(String, PathBuf)>> {
    let runtime = workspace_root.join("runtime");
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(workspace_root)
        .args(["build", "--release", "--manifest-path"])
        .arg(runtime.join("Cargo.toml"))
        .args([
            "--target",
            TARGET,
            "--message-format=json-render-diagnostics",
        ])
        // Overrides every other source of rustflags, so the build cannot pick
        // up flags from the caller's environment or config either.
        .env("CARGO_ENCODED_RUSTFLAGS", remap_flags(&runtime)?)
        .stdout(Stdio::piped());
    if let Some(dir) = target_dir {
        cmd.arg("--target-dir").arg(dir);
    }
    let mut child = cmd.spawn().context("running cargo build for runtime/")?;
    let stdout = child.stdout.take().expect("stdout is piped");

    let mut elfs = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.context("reading cargo output")?;
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        if msg["reason"] != "compiler-artifact" {
            continue;
        }
        let is_bin = msg["target"]["kind"]
            .as_array()
            .is_some_and(|kinds| kinds.iter().any(|k| k == "bin"));
        if let (true, Some(name), Some(exe)) = (
            is_bin,
            msg["target"]["name"].as_str(),
            msg["executable"].as_str(),
        ) {
            elfs.push((name.to_owned(), PathBuf::from(exe)));
        }
    }
    let status = child.wait().context("waiting for cargo build")?;
    ensure!(
        status.success(),
        "building the firmwares in runtime/ failed"
    );
    if elfs.is_empty() {
        bail!("cargo built no firmware executables in runtime/");
    }
    elfs.sort();
    Ok(elfs)
}

/// Rustflags that keep machine-specific paths out of the ELFs: panic
/// locations in dependencies name their absolute path in the cargo registry.
/// These flags do not feed cargo's metadata hash, so symbol names are
/// unaffected by where the registry or the checkout lives.
fn remap_flags(runtime: &Path) -> Result<OsString> {
    let cargo_home = match env::var_os("CARGO_HOME") {
        Some(home) => PathBuf::from(home),
        None => PathBuf::from(env::var_os("HOME").context("neither CARGO_HOME nor HOME is set")?)
            .join(".cargo"),
    };
    let runtime = runtime
        .canonicalize()
        .with_context(|| format!("resolving {}", runtime.display()))?;
    let mut flags = OsString::new();
    for (from, to) in [
        (cargo_home.as_path(), "/cargo"),
        (runtime.as_path(), "/cyclops/runtime"),
    ] {
        if !flags.is_empty() {
            // CARGO_ENCODED_RUSTFLAGS separates flags with 0x1f so paths may hold spaces.
            flags.push("\x1f");
        }
        flags.push("--remap-path-prefix=");
        flags.push(from);
        flags.push("=");
        flags.push(to);
    }
    Ok(flags)
}
