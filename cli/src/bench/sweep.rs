//! `--sweep`: the script rewritten for one emitter. mpy-cross's `-X emit=viper` fails for
//! the whole file when one function cannot be viper, so instead every `def` gets the
//! emitter's decorator (`@micropython.viper`), and a function mpy-cross rejects gets
//! `@micropython.bytecode` and its reason recorded; then it compiles again.
//!
//! Line numbers stay the script's: a decorator replaces an emitter decorator already there,
//! else a blank or comment line right above the function, and only where there is none is
//! a line inserted; line numbers in mpy-cross's messages and in tracebacks are then mapped
//! back. Lambdas and `@micropython.asm_thumb` functions are left as they are.

use std::path::Path;

use anyhow::{anyhow, Context};
use regex::Regex;

use crate::{
    outcome::Failure,
    profile::{self, Emitter, Profiled},
    script,
};

/// A function an emitter rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// Qualified as the profile names it (`Class.method`, `outer.<locals>.inner`).
    pub function: String,
    pub emitter: Emitter,
    /// mpy-cross's message, such as `ViperTypeError: can't do unary op of 'object'`.
    pub reason: String,
    /// The script's line mpy-cross names, if it names one (1-based).
    pub line: Option<usize>,
}

/// The script's file name, which tracebacks show.
pub fn file_name(script: &Path) -> String {
    script
        .file_name()
        .map_or_else(|| "script.py".into(), |n| n.to_string_lossy().into_owned())
}

/// The script rewritten for an emitter, compiled by mpy-cross without complaint.
pub struct Compiled {
    /// Holds the rewritten script under the script's own file name.
    dir: tempfile::TempDir,
    name: String,
    /// The script's line (1-based) for each line of the rewritten one.
    lines: Vec<usize>,
    pub rejected: Vec<Rejection>,
}

impl Compiled {
    /// Runs the rewritten script (see [`profile::run`]); tracebacks in its output name the
    /// script's lines.
    pub fn run(&self, max_cycles: u64, progress: &mut dyn FnMut(u64)) -> Result<Profiled, Failure> {
        let mut p = profile::run(&self.dir.path().join(&self.name), &[], max_cycles, progress)?;
        if self.lines.iter().enumerate().any(|(i, &l)| l != i + 1) {
            let text = String::from_utf8_lossy(&p.output);
            p.output = map_lines(&text, &self.name, &self.lines).into_bytes();
        }
        Ok(p)
    }
}

/// `text` with `File "<name>", line N` naming the script's line (`lines` maps them).
fn map_lines(text: &str, name: &str, lines: &[usize]) -> String {
    let re = Regex::new(&format!(r#"File "{}", line (\d+)"#, regex::escape(name)))
        .expect("a valid pattern");
    re.replace_all(text, |c: &regex::Captures| {
        let n: usize = c[1].parse().unwrap_or(0);
        let line = lines.get(n.wrapping_sub(1)).copied().unwrap_or(n);
        format!(r#"File "{name}", line {line}"#)
    })
    .into_owned()
}

/// Rewrites `source` (the script at `script`) for `emitter` and compiles it until
/// mpy-cross accepts it, recording each function it rejects.
pub fn compile(script: &Path, source: &str, emitter: Emitter) -> Result<Compiled, Failure> {
    let defs = scan(source);
    let name = file_name(script);
    let dir = tempfile::tempdir()
        .context("cannot make a temporary directory")
        .map_err(Failure::Io)?;
    let path = dir.path().join(&name);
    let mut given = vec![Some(emitter); defs.len()];
    let mut rejected = Vec::new();
    loop {
        let (text, lines) = rewrite(source, &defs, &given);
        std::fs::write(&path, &text)
            .with_context(|| format!("cannot write {}", path.display()))
            .map_err(Failure::Io)?;
        let message = match script::compile_with(&path, &name, &[]) {
            Ok(_) => {
                return Ok(Compiled {
                    dir,
                    name,
                    lines,
                    rejected,
                })
            }
            Err(Failure::Input(e)) => map_lines(&format!("{e:#}"), &name, &lines),
            Err(other) => return Err(other),
        };
        let culprits = match locate(&message, &defs, &given) {
            Some(d) => vec![(d, message.clone())],
            // mpy-cross said nothing of where (`NotImplementedError: native yield`): try
            // each function alone.
            None => alone(source, &defs, &given, &path, &name, emitter)?,
        };
        if culprits.is_empty() {
            return Err(Failure::Input(anyhow!(
                "{} compiles as written but not with every function {}: {}",
                script.display(),
                emitter.name(),
                message
            )));
        }
        for (d, message) in culprits {
            given[d] = None;
            let (reason, line) = reason(&message);
            rejected.push(Rejection {
                function: defs[d].name.clone(),
                emitter,
                reason,
                line,
            });
        }
    }
}

/// The functions that fail to compile when they alone get `emitter`, with the messages.
fn alone(
    source: &str,
    defs: &[Def],
    given: &[Option<Emitter>],
    path: &Path,
    name: &str,
    emitter: Emitter,
) -> Result<Vec<(usize, String)>, Failure> {
    let mut failing = Vec::new();
    for d in (0..defs.len()).filter(|&d| given[d].is_some()) {
        let mut only = vec![None; defs.len()];
        only[d] = Some(emitter);
        let (text, lines) = rewrite(source, defs, &only);
        std::fs::write(path, &text)
            .with_context(|| format!("cannot write {}", path.display()))
            .map_err(Failure::Io)?;
        match script::compile_with(path, name, &[]) {
            Ok(_) => {}
            Err(Failure::Input(e)) => {
                failing.push((d, map_lines(&format!("{e:#}"), name, &lines)));
            }
            Err(other) => return Err(other),
        }
    }
    Ok(failing)
}

/// The function mpy-cross's traceback points into: the innermost function still given
/// an emitter whose lines hold the line named and whose name ends as the one named.
fn locate(message: &str, defs: &[Def], given: &[Option<Emitter>]) -> Option<usize> {
    let re = Regex::new(r#"File "[^"]*", line (\d+), in (\S+)"#).expect("a valid pattern");
    let c = re.captures_iter(message).last()?;
    let line: usize = c[1].parse().ok()?;
    let own = &c[2];
    (0..defs.len())
        .filter(|&d| given[d].is_some())
        .filter(|&d| defs[d].own == own && defs[d].first < line && line <= defs[d].end + 1)
        .max_by_key(|&d| defs[d].line)
}

/// mpy-cross's last line (the error) and the script line its traceback names.
fn reason(message: &str) -> (String, Option<usize>) {
    let last = message
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("rejected");
    let re = Regex::new(r#"File "[^"]*", line (\d+)"#).expect("a valid pattern");
    let line = re
        .captures_iter(message)
        .last()
        .and_then(|c| c[1].parse().ok());
    (last.trim().to_owned(), line)
}

/// A `def` in the script.
#[derive(Debug, PartialEq, Eq)]
struct Def {
    /// Qualified as the profile names functions.
    name: String,
    /// Its own name.
    own: String,
    /// 0-based lines: the `def`, the first decorator (or the `def`), the last of its body.
    line: usize,
    first: usize,
    end: usize,
    indent: String,
    /// A `@micropython.bytecode|native|viper` line among its decorators.
    emitter_line: Option<usize>,
    /// `@micropython.asm_thumb`: left alone.
    asm: bool,
}

/// How a line of the script starts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Start {
    /// Inside a string, brackets or a continued line.
    Inside,
    /// Blank or only a comment, between statements.
    Free,
    /// A statement (or decorator) starts here.
    Statement,
}

/// Classifies each line, following strings, brackets and backslash continuations.
fn starts(source: &str) -> Vec<Start> {
    let mut out = Vec::new();
    let (mut triple, mut depth, mut continued) = (None::<&str>, 0i32, false);
    for line in source.lines() {
        let inside = triple.is_some() || depth > 0 || continued;
        let t = line.trim_start();
        out.push(if inside {
            Start::Inside
        } else if t.is_empty() || t.starts_with('#') {
            Start::Free
        } else {
            Start::Statement
        });
        continued = false;
        let mut rest = line;
        loop {
            if let Some(q) = triple {
                match rest.find(q) {
                    Some(i) => {
                        rest = &rest[i + 3..];
                        triple = None;
                    }
                    None => break,
                }
            }
            let Some(i) = rest.find(['#', '\'', '"', '(', '[', '{', ')', ']', '}', '\\']) else {
                break;
            };
            let c = rest.as_bytes()[i];
            rest = &rest[i + 1..];
            match c {
                b'#' => break,
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => depth -= 1,
                b'\\' if rest.is_empty() => continued = true,
                b'\\' => rest = &rest[1..],
                quote @ (b'\'' | b'"') => {
                    let q = if quote == b'"' { "\"\"\"" } else { "'''" };
                    if rest.starts_with(&q[1..]) {
                        rest = &rest[2..];
                        triple = Some(q);
                        continue;
                    }
                    // A one-line string: skip to its closing quote, past escapes.
                    let mut esc = false;
                    let end = rest.char_indices().find(|&(_, ch)| {
                        let close = !esc && ch == quote as char;
                        esc = !esc && ch == '\\';
                        close
                    });
                    rest = end.map_or("", |(k, _)| &rest[k + 1..]);
                }
                _ => {}
            }
        }
    }
    out
}

/// The script's functions, with their nesting from the indentation.
fn scan(source: &str) -> Vec<Def> {
    let lines: Vec<&str> = source.lines().collect();
    let starts = starts(source);
    let indent = |l: &str| l.len() - l.trim_start().len();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut defs = Vec::new();
    // Open scopes: indentation, qualified name, whether a class.
    let mut scopes: Vec<(usize, String, bool)> = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        if starts[k] != Start::Statement {
            continue;
        }
        let ind = indent(line);
        scopes.retain(|s| s.0 < ind);
        let t = line.trim_start();
        let (own, class) = if let Some(r) = t.strip_prefix("def ") {
            (ident(r.trim_start()), false)
        } else if let Some(r) = t.strip_prefix("class ") {
            (ident(r.trim_start()), true)
        } else {
            continue;
        };
        let name = match scopes.last() {
            None => own.clone(),
            Some((_, p, true)) => format!("{p}.{own}"),
            Some((_, p, false)) => format!("{p}.<locals>.{own}"),
        };
        scopes.push((ind, name.clone(), class));
        if class {
            continue;
        }
        // Its decorators: the statements right above at the same indentation.
        let mut first = k;
        while first > 0
            && starts[first - 1] == Start::Statement
            && lines[first - 1].trim_start().starts_with('@')
        {
            first -= 1;
        }
        let decorator = |d: &str| (first..k).find(|&i| lines[i].trim() == d);
        let emitter_line = ["bytecode", "native", "viper"]
            .iter()
            .find_map(|e| decorator(&format!("@micropython.{e}")));
        let end = (k + 1..lines.len())
            .find(|&i| starts[i] == Start::Statement && indent(lines[i]) <= ind)
            .map_or(lines.len(), |i| i)
            - 1;
        defs.push(Def {
            name,
            own,
            line: k,
            first,
            end,
            indent: line[..ind].to_owned(),
            emitter_line,
            asm: decorator("@micropython.asm_thumb").is_some(),
        });
    }
    defs
}

/// `source` with each function's emitter decorator set (None: `bytecode`), and the
/// script line of each rewritten line.
fn rewrite(source: &str, defs: &[Def], given: &[Option<Emitter>]) -> (String, Vec<usize>) {
    let mut lines: Vec<String> = source.lines().map(str::to_owned).collect();
    let free: Vec<bool> = starts(source).iter().map(|&s| s == Start::Free).collect();
    // Lines to insert: before which line, what.
    let mut inserts: Vec<(usize, String)> = Vec::new();
    for (d, def) in defs.iter().enumerate().filter(|(_, d)| !d.asm) {
        let emitter = given[d].unwrap_or(Emitter::Bytecode);
        let decorator = format!("{}@micropython.{}", def.indent, emitter.name());
        match def.emitter_line {
            Some(at) => lines[at] = decorator,
            // A free line no other function took (a function's free line is above its
            // decorators, so never another's).
            None if def.first > 0 && free[def.first - 1] => lines[def.first - 1] = decorator,
            None => inserts.push((def.first, decorator)),
        }
    }
    let mut text = String::new();
    let mut map = Vec::new();
    let mut inserts = inserts.into_iter().peekable();
    for (k, line) in lines.iter().enumerate() {
        while let Some((_, d)) = inserts.next_if(|(at, _)| *at == k) {
            text.push_str(&d);
            text.push('\n');
            map.push(k + 1);
        }
        text.push_str(line);
        text.push('\n');
        map.push(k + 1);
    }
    (text, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCRIPT: &str = "\
import micropython
x = '''
def not_a_function():
'''

def plain(n):
    return n
# a comment
@micropython.native
def native(n):
    s = (1,
         2)
    return s
class C:
    @staticmethod
    def m(a): return a
    def outer(self):
        def inner():
            return 1
        return inner
@micropython.asm_thumb
def asm(r0):
    add(r0, r0, 1)
";

    #[test]
    fn scan_finds_every_def_outside_strings_with_its_lines_and_qualified_name() {
        let defs = scan(SCRIPT);
        let got: Vec<_> = defs
            .iter()
            .map(|d| {
                (
                    d.name.as_str(),
                    d.first,
                    d.line,
                    d.end,
                    d.emitter_line,
                    d.asm,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("plain", 5, 5, 7, None, false),
                ("native", 8, 9, 12, Some(8), false),
                ("C.m", 14, 15, 15, None, false),
                ("C.outer", 16, 16, 19, None, false),
                ("C.outer.<locals>.inner", 17, 17, 18, None, false),
                ("asm", 20, 21, 22, None, true),
            ]
        );
    }

    #[test]
    fn rewriting_keeps_lines_where_a_free_line_is_above_and_maps_inserted_ones() {
        let defs = scan(SCRIPT);
        let given = vec![Some(Emitter::Viper); defs.len()];
        let (text, map) = rewrite(SCRIPT, &defs, &given);
        let lines: Vec<&str> = text.lines().collect();
        // The blank line above `plain` takes its decorator; `native`'s is replaced.
        assert_eq!(lines[4], "@micropython.viper");
        assert_eq!(lines[5], "def plain(n):");
        assert_eq!(lines[8], "@micropython.viper");
        // `C.m` (below `class C:`), `C.outer` and `inner` (each below a statement) need
        // a line each, which maps to the line it was put above.
        assert_eq!(
            lines[14..21],
            [
                "    @micropython.viper",
                "    @staticmethod",
                "    def m(a): return a",
                "    @micropython.viper",
                "    def outer(self):",
                "        @micropython.viper",
                "        def inner():",
            ]
        );
        assert_eq!(map.len(), 26);
        assert_eq!(map[14..21], [15, 15, 16, 17, 17, 18, 18]);
        assert_eq!(map[25], 23);
        assert!(text.contains("@micropython.asm_thumb\ndef asm(r0):"));
    }
}
