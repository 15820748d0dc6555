//! Turns `static-qstrs.tsv` (MicroPython 1.29's static qstr list, which `.mpy` files
//! refer to by number) and `runtime-qstrs.txt` (names the runtime interns next) into
//! const tables, and a `q` module naming each identifier-like qstr by a constant.

use std::{env, fs, path::PathBuf};

const SOURCE: &str = "static-qstrs.tsv";
const RUNTIME: &str = "runtime-qstrs.txt";

fn main() {
    println!("cargo:rerun-if-changed={SOURCE}");
    println!("cargo:rerun-if-changed={RUNTIME}");
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

    let runtime_text = fs::read_to_string(RUNTIME).expect("read runtime-qstrs.txt");
    let mut runtime: Vec<String> = Vec::new();
    for line in runtime_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        if !names.iter().any(|n| n == line) && !runtime.iter().any(|n| n == line) {
            runtime.push(line.to_string());
        }
    }
    out.push_str(&format!(
        "/// Interned at start-up after the static qstrs, numbered on from them.\n\
         pub const RUNTIME_QSTRS: [&str; {}] = [\n",
        runtime.len()
    ));
    for name in &runtime {
        out.push_str(&format!("    {name:?},\n"));
    }
    out.push_str("];\n");

    out.push_str(
        "/// Qstr constants, named as the strings they stand for.\n\
         #[allow(non_upper_case_globals, dead_code)]\n\
         pub mod q {\n    use super::Qstr;\n",
    );
    for (i, name) in names.iter().chain(runtime.iter()).enumerate() {
        let ident_like = name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && name != "_";
        if !ident_like {
            continue;
        }
        // Raw identifiers cannot spell `self` or `super`: those get a trailing `_`.
        let ident = match name.as_str() {
            "self" | "super" => format!("{name}_"),
            n if KEYWORDS.contains(&n) => format!("r#{name}"),
            _ => name.clone(),
        };
        out.push_str(&format!("    pub const {ident}: Qstr = Qstr({});\n", i + 1));
    }
    out.push_str("}\n");
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

/// Rust keywords that static or runtime qstrs spell.
const KEYWORDS: &[&str] = &[
    "type", "async", "await", "match", "use", "in", "as", "const", "static", "fn", "let", "struct",
];
