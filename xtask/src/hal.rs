//! Firmware this repo did not write: examples that the `stm32f4xx-hal` crate ships in its
//! crates.io package, built for the STM32F405 into `target/hal-examples/<name>.elf` for the
//! tests in `tests/tests/hal.rs`. Nothing of the HAL is committed here.

use std::{
    fs,
    path::{Path, PathBuf},
    process::Command,
};

use anyhow::{bail, Context, Result};

const CRATE: &str = "stm32f4xx-hal";
const VERSION: &str = "0.23.0";
/// The examples the tests run, and the features they need beyond the chip.
pub const EXAMPLES: &[(&str, &str)] = &[
    ("delay-syst-blinky", ""),
    ("delay-timer-blinky", ""),
    ("serial", ""),
    ("blinky-timer-irq", "tim2"),
    ("timer-syst", ""),
];

/// Builds the examples unless every ELF is already there.
pub fn build(root: &Path) -> Result<()> {
    let out = root.join("target/hal-examples");
    if EXAMPLES
        .iter()
        .all(|(name, _)| out.join(format!("{name}.elf")).exists())
    {
        return Ok(());
    }
    let src = fetch(root, &out)?;
    let work = out.join(format!("{CRATE}-{VERSION}"));
    if !work.exists() {
        copy_dir(&src, &work)?;
        // Its own workspace, not a stray member of ours.
        let manifest = work.join("Cargo.toml");
        let mut text = fs::read_to_string(&manifest)?;
        text.push_str("\n[workspace]\n");
        fs::write(&manifest, text)?;
    }
    let target_dir = out.join("target");
    for (name, features) in EXAMPLES {
        let features = if features.is_empty() {
            "stm32f405".to_string()
        } else {
            format!("stm32f405,{features}")
        };
        crate::run(
            &work,
            crate::cargo()
                .args([
                    "build",
                    "--release",
                    "--target",
                    crate::firmware::TARGET,
                    "--example",
                    name,
                    "--features",
                    &features,
                ])
                .arg("--target-dir")
                .arg(&target_dir)
                .env("CARGO_ENCODED_RUSTFLAGS", "-Clink-arg=-Tlink.x"),
        )?;
        let elf = target_dir
            .join(crate::firmware::TARGET)
            .join("release/examples")
            .join(name);
        fs::copy(&elf, out.join(format!("{name}.elf")))
            .with_context(|| format!("copying {}", elf.display()))?;
    }
    Ok(())
}

/// Makes cargo download the crate and returns where it unpacked it.
fn fetch(root: &Path, out: &Path) -> Result<PathBuf> {
    let probe = out.join("fetch");
    fs::create_dir_all(probe.join("src"))?;
    fs::write(
        probe.join("Cargo.toml"),
        format!(
            "[package]\nname = \"hal-fetch\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[workspace]\n\n\
             [dependencies]\n{CRATE} = {{ version = \"={VERSION}\", features = [\"stm32f405\"] }}\n"
        ),
    )?;
    fs::write(probe.join("src/lib.rs"), "")?;
    crate::run(
        root,
        crate::cargo()
            .arg("fetch")
            .arg("--manifest-path")
            .arg(probe.join("Cargo.toml")),
    )?;
    let meta = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(probe.join("Cargo.toml"))
        .output()
        .context("cargo metadata")?;
    let meta: serde_json::Value =
        serde_json::from_slice(&meta.stdout).context("cargo metadata output")?;
    let manifest = meta["packages"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == CRATE))
        .and_then(|p| p["manifest_path"].as_str())
        .context("stm32f4xx-hal not in cargo metadata")?;
    match Path::new(manifest).parent() {
        Some(dir) => Ok(dir.to_path_buf()),
        None => bail!("odd manifest path {manifest}"),
    }
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let dest = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &dest)?;
        } else {
            fs::copy(entry.path(), &dest)?;
        }
    }
    Ok(())
}
