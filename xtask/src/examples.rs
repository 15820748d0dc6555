//! `cargo xtask bench-examples`: reruns `cyclops bench` for each table of the README that
//! sits between `<!-- cyclops bench ARGS -->` and `<!-- end -->`, and writes the new table
//! in its place (the figures move whenever the runtime's code does).

use std::{path::Path, process::Command};

use anyhow::{bail, Context, Result};

use crate::{cargo, mpy, run};

const START: &str = "<!-- cyclops bench ";
const END: &str = "<!-- end -->";

pub fn regenerate(root: &Path) -> Result<()> {
    let mpy_cross = mpy::ensure_mpy_cross(root)?;
    run(root, cargo().args(["build", "--release", "-p", "cyclops"]))?;
    let path = root.join("README.md");
    let readme = std::fs::read_to_string(&path).context("cannot read README.md")?;
    let mut out = String::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        let Some(args) = line
            .strip_prefix(START)
            .and_then(|l| l.strip_suffix(" -->"))
        else {
            continue;
        };
        let result = Command::new(root.join("target/release/cyclops"))
            .arg("bench")
            .args(args.split_whitespace())
            .env("MPY_CROSS", &mpy_cross)
            .current_dir(root)
            .output()
            .with_context(|| format!("cannot run cyclops bench {args}"))?;
        if !result.status.success() {
            bail!(
                "cyclops bench {args} failed ({}):\n{}",
                result.status,
                String::from_utf8_lossy(&result.stderr)
            );
        }
        for row in String::from_utf8_lossy(&result.stdout)
            .lines()
            .filter(|l| l.starts_with('|'))
        {
            out.push_str(row);
            out.push('\n');
        }
        // Drop the old table up to its end marker.
        match lines.find(|l| *l == END) {
            Some(end) => {
                out.push_str(end);
                out.push('\n');
            }
            None => bail!("README.md: `{line}` has no `{END}` after it"),
        }
        eprintln!("README.md: cyclops bench {args}");
    }
    std::fs::write(&path, out).context("cannot write README.md")
}
