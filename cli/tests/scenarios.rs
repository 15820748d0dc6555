//! Every scenario in `scenarios/` as one test case: a libtest-compatible harness
//! (libtest-mimic), so `cargo test`, `cargo nextest run` and its `--partition hash:K/N`
//! list, filter and shard them like any other test.

use std::{path::Path, time::Instant};

use cyclops::{
    scenario::{self, Sources, Verdict},
    test::{render, scenario_files},
};
use libtest_mimic::{Arguments, Failed, Trial};

fn main() {
    let args = Arguments::from_args();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios");
    let Ok(files) = scenario_files(std::slice::from_ref(&dir)) else {
        panic!("cannot list {}", dir.display());
    };
    let trials = files
        .into_iter()
        .map(|f| {
            let name = f
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            Trial::test(name, move || run(&f))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

fn run(path: &Path) -> Result<(), Failed> {
    let s = scenario::load(path, &Sources::default()).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        lines.join("\n")
    })?;
    let start = Instant::now();
    let report = scenario::run(&s).map_err(|f| format!("{:#}", f.split().1))?;
    match report.verdict {
        Verdict::Passed => Ok(()),
        _ => Err(render(&s, &report, start.elapsed()).into()),
    }
}
