//! Turns `static-qstrs.tsv` (MicroPython 1.29's static qstr list, which `.mpy` files
//! refer to by number) into a Rust const table.

use std::{env, fs, path::PathBuf};

const SOURCE: &str = "static-qstrs.tsv";

fn main() {
    println!("cargo:rerun-if-changed={SOURCE}");
    println!("cargo:rerun-if-changed=build.rs");
    let text = fs::read_to_string(SOURCE).expect("read static-qstrs.tsv");
    let mut names = Vec::new();
    for (i, line) in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .enumerate()
    {
        let (number, quoted) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("{SOURCE}: no tab in {line:?}"));
        // Numbering starts at 1: qstr 0 is MP_QSTRnull.
        assert_eq!(
            number.parse::<usize>().ok(),
            Some(i + 1),
            "{SOURCE}: qstrs must be numbered 1, 2, … in order: {line:?}"
        );
        names.push(unquote(quoted));
    }
    let mut out = format!(
        "/// MicroPython's static qstrs; static qstr `n` is `STATIC_QSTRS[n - 1]`.\n\
         pub const STATIC_QSTRS: [&str; {}] = [\n",
        names.len()
    );
    for name in &names {
        out.push_str(&format!("    {name:?},\n"));
    }
    out.push_str("];\n");
    let dest = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(dest.join("static_qstrs.rs"), out).expect("write static_qstrs.rs");
}

/// Decodes a Python string literal in single quotes, as `repr()` writes it.
fn unquote(quoted: &str) -> String {
    let inner = quoted
        .strip_prefix('\'')
        .and_then(|s| s.strip_suffix('\''))
        .unwrap_or_else(|| panic!("{SOURCE}: not a quoted string: {quoted:?}"));
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some(c @ ('\\' | '\'' | '"')) => out.push(c),
            other => panic!("{SOURCE}: unsupported escape \\{other:?} in {quoted:?}"),
        }
    }
    out
}
