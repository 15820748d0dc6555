//! Loading real `mpy-cross` 1.29 output: what the loader finds in it.

mod support;

use cyclops_vm::{
    mpy::{self, scope, Arch, Asm, Bytecode, Const, Mpy, Native, Prelude, Qstr, RawCode, Viper},
    qstr::{static_qstr, STATIC_QSTRS},
};

/// Compiles and loads, failing the test with the loader's message.
fn load(fixture: &str, args: &[&str]) -> Mpy {
    let bytes = support::compile(fixture, args);
    mpy::parse(&bytes).unwrap_or_else(|e| panic!("{fixture} {args:?}: {e}"))
}

/// The name of a raw code, or `None` for viper and asm code, which has no prelude.
fn name<'a>(mpy: &'a Mpy, code: &RawCode) -> Option<&'a str> {
    code.prelude()
        .map(|p| mpy.qstr(p.name).expect("name in table"))
}

fn arg_names<'a>(mpy: &'a Mpy, prelude: &Prelude) -> Vec<&'a str> {
    prelude
        .arg_names
        .iter()
        .map(|&q| mpy.qstr(q).expect("argument name in table"))
        .collect()
}

fn children_names<'a>(mpy: &'a Mpy, code: &RawCode) -> Vec<Option<&'a str>> {
    code.children().iter().map(|c| name(mpy, c)).collect()
}

fn bytecode(code: &RawCode) -> &Bytecode {
    match code {
        RawCode::Bytecode(b) => b,
        other => panic!("expected bytecode, found {other:?}"),
    }
}

fn native(code: &RawCode) -> &Native {
    match code {
        RawCode::Native(n) => n,
        other => panic!("expected native code, found {other:?}"),
    }
}

fn viper(code: &RawCode) -> &Viper {
    match code {
        RawCode::Viper(v) => v,
        other => panic!("expected viper code, found {other:?}"),
    }
}

fn asm(code: &RawCode) -> &Asm {
    match code {
        RawCode::Asm(a) => a,
        other => panic!("expected inline assembler, found {other:?}"),
    }
}

/// Every raw code in the tree, depth first.
fn all_codes(code: &RawCode) -> Vec<&RawCode> {
    let mut out = vec![code];
    for child in code.children() {
        out.extend(all_codes(child));
    }
    out
}

/// The first machine word of native code: the index of the prelude pointer in the
/// function's child table, which is its number of children.
fn first_word(code: &[u8]) -> u32 {
    u32::from_le_bytes(code[..4].try_into().expect("4 bytes"))
}

/// A Thumb `push {…, lr}`: every native, viper and asm entry starts with one.
fn starts_with_push_lr(code: &[u8]) -> bool {
    code.len() >= 2 && code[1] == 0xb5
}

#[test]
fn static_qstr_table_is_micropythons() {
    assert_eq!(STATIC_QSTRS.len(), 165);
    assert_eq!(static_qstr(0), None, "0 is the null qstr");
    assert_eq!(static_qstr(1), Some(""));
    assert_eq!(static_qstr(3), Some("\n"));
    assert_eq!(static_qstr(7), Some("<module>"));
    assert_eq!(static_qstr(115), Some("micropython"));
    assert_eq!(static_qstr(123), Some("print"));
    assert_eq!(static_qstr(165), Some("zip"));
    assert_eq!(static_qstr(166), None);
}

#[test]
fn bytecode_module_header_and_qstrs() {
    let mpy = load("basics.py", &[]);
    assert_eq!(mpy.arch, Arch::Bytecode);
    assert_eq!(mpy.small_int_bits, 31);
    assert_eq!(mpy.source_file(), "basics.py");
    assert_eq!(mpy.qstr(1), Some("<module>"));
    // Names every build has come as static qstr numbers, the rest spelled out.
    let find = |s: &str| mpy.qstrs.iter().find(|q| q.as_str() == s).cloned();
    assert_eq!(
        find("range"),
        Some(Qstr::Static {
            number: 124,
            text: "range"
        })
    );
    assert_eq!(
        find("print"),
        Some(Qstr::Static {
            number: 123,
            text: "print"
        })
    );
    assert_eq!(find("GREETING"), Some(Qstr::Dynamic("GREETING".into())));
    assert_eq!(find("norm2"), Some(Qstr::Dynamic("norm2".into())));
}

#[test]
fn bytecode_module_constants() {
    let mpy = load("basics.py", &[]);
    let s = |t: &str| Const::Str(t.into());
    let int = |t: &str| Const::Int(t.into());
    let float = |t: &str| Const::Float(t.into());
    assert_eq!(
        mpy.constants,
        vec![
            s("hello, wörld"),
            Const::Bytes(vec![]),
            Const::Bytes(vec![0, 1, 0xff]),
            int("12345678901234567890123"),
            int("-1099511627776"),
            // 2**30 is one past the largest 31-bit small int; 2**30 - 1 is not here.
            int("1073741824"),
            float("3.25"),
            float("1e-300"),
            Const::Complex("2.5j".into()),
            Const::Tuple(vec![
                int("1"),
                s("two"),
                Const::Tuple(vec![
                    Const::None,
                    Const::True,
                    Const::False,
                    Const::Ellipsis
                ]),
                Const::Bytes(b"b".to_vec()),
                float("4.5"),
            ]),
            Const::Ellipsis,
        ]
    );
}

#[test]
fn bytecode_module_tree_and_preludes() {
    let mpy = load("basics.py", &[]);
    let module = &mpy.module;
    assert_eq!(name(&mpy, module), Some("<module>"));
    assert_eq!(
        children_names(&mpy, module),
        [
            Some("add"),
            Some("counter"),
            Some("outer"),
            Some("Point"),
            Some("<listcomp>")
        ]
    );
    let [add, counter, outer, point, listcomp] = module.children() else {
        unreachable!("five children")
    };

    let add = &bytecode(add).prelude;
    assert_eq!(
        (add.n_pos_args, add.n_kwonly_args, add.n_def_pos_args),
        (2, 2, 1)
    );
    assert_eq!(
        add.scope_flags,
        scope::VARARGS | scope::VARKEYWORDS | scope::DEFKWARGS
    );
    // Local-slot order: the keyword-only argument with a default got its slot first.
    assert_eq!(arg_names(&mpy, add), ["a", "b", "d", "c"]);
    assert!(add.n_state >= 6, "4 arguments, *args and **kw");

    assert_eq!(bytecode(counter).prelude.scope_flags, scope::GENERATOR);
    assert_eq!(arg_names(&mpy, &bytecode(counter).prelude), ["n"]);

    // `outer` turns x (argument, local 0) and y into cells; `inner` receives them as
    // leading arguments named `*`.
    assert_eq!(children_names(&mpy, outer), [Some("inner")]);
    let outer = bytecode(outer);
    assert_eq!(outer.prelude.cells, [0, 2]);
    assert_eq!(
        arg_names(&mpy, &bytecode(&outer.children[0]).prelude),
        ["*", "*", "z"]
    );

    assert_eq!(
        children_names(&mpy, point),
        [Some("__init__"), Some("norm2")]
    );
    let init = &bytecode(&point.children()[0]).prelude;
    assert_eq!(arg_names(&mpy, init), ["self", "x", "y"]);

    assert_eq!(arg_names(&mpy, &bytecode(listcomp).prelude), ["*"]);

    // The module body starts by loading constant 0; every body ends in RETURN_VALUE.
    assert_eq!(bytecode(module).code[..2], [0x23, 0x00]);
    for code in all_codes(module) {
        let code = bytecode(code);
        assert_eq!(code.code.last(), Some(&0x63), "{:?}", code.prelude);
        assert_eq!(code.prelude.n_exc_stack, 0);
        assert!(!code.prelude.line_info.is_empty());
    }
}

#[test]
fn bytecode_only_file_ignores_march() {
    // Without machine code the feature byte is 0, whatever -march says.
    let plain = load("basics.py", &[]);
    let marched = load("basics.py", &["-march=armv7emsp"]);
    assert_eq!(marched.arch, Arch::Bytecode);
    assert_eq!(marched, plain);
}

#[test]
fn without_source_lines_the_line_tables_are_empty() {
    let mpy = load("basics.py", &["-X", "no-source-lines"]);
    for code in all_codes(&mpy.module) {
        assert!(code.prelude().unwrap().line_info.is_empty());
    }
}

#[test]
fn narrower_small_ints_put_more_ints_in_the_table() {
    let mpy = load("basics.py", &["-msmall-int-bits=30"]);
    assert_eq!(mpy.small_int_bits, 30);
    assert!(mpy.constants.contains(&Const::Int("1073741823".into())));
}

#[test]
fn native_viper_and_asm_functions() {
    let mpy = load("machine.py", &["-march=armv7emsp"]);
    assert_eq!(mpy.arch, Arch::ArmV7EMSP);
    assert_eq!(mpy.constants, [Const::FunTable]);
    let module = &mpy.module;
    assert!(matches!(module, RawCode::Bytecode(_)));
    assert_eq!(
        children_names(&mpy, module),
        [
            Some("plain"),
            Some("nat_sum"),
            Some("nat_gen"),
            Some("nat_args"),
            None,
            None,
            None
        ]
    );
    let [plain, nat_sum, nat_gen, nat_args, vip_add, vip_poke, asm_add] = module.children() else {
        unreachable!("seven children")
    };
    assert_eq!(arg_names(&mpy, &bytecode(plain).prelude), ["a", "b"]);

    for code in [nat_sum, nat_gen, nat_args] {
        let n = native(code);
        assert!(n.prelude_offset as usize > 8 && (n.prelude_offset as usize) < n.code.len());
        assert_eq!(first_word(&n.code), n.children.len() as u32);
        assert_eq!(n.prelude.n_exc_stack, 0);
        assert!(
            n.prelude.line_info.is_empty(),
            "native preludes hold no line table"
        );
    }
    let sum = native(nat_sum);
    assert!(starts_with_push_lr(&sum.code[4..]));
    assert_eq!(arg_names(&mpy, &sum.prelude), ["n"]);
    assert_eq!(sum.prelude.scope_flags, 0);

    // A native generator's resume entry is at +8, after the offset of its body.
    let gen = native(nat_gen);
    assert_eq!(gen.prelude.scope_flags, scope::GENERATOR);
    assert!(starts_with_push_lr(&gen.code[8..]));

    let args = native(nat_args);
    assert_eq!(
        args.prelude.scope_flags,
        scope::VARARGS | scope::VARKEYWORDS
    );
    assert_eq!(
        (
            args.prelude.n_pos_args,
            args.prelude.n_kwonly_args,
            args.prelude.n_def_pos_args
        ),
        (2, 1, 1)
    );
    assert_eq!(arg_names(&mpy, &args.prelude), ["a", "b", "key"]);
    assert_eq!(
        args.prelude.cells.len(),
        5,
        "a, b, key, rest and opts are captured"
    );
    let [total] = &args.children[..] else {
        unreachable!("one child")
    };
    assert_eq!(name(&mpy, total), Some("total"));
    assert_eq!(arg_names(&mpy, &native(total).prelude), ["*"; 5]);

    for code in [vip_add, vip_poke] {
        let v = viper(code);
        assert!(starts_with_push_lr(&v.code));
        // mpy-cross never writes relocations, rodata or bss.
        assert_eq!(v.scope_flags, 0);
        assert!(v.rodata.is_empty() && v.relocations.is_empty() && v.children.is_empty());
        assert_eq!(v.bss_size, 0);
    }

    let a = asm(asm_add);
    assert_eq!(a.n_pos_args, 2);
    assert_eq!(a.type_sig, 3, "`-> uint`");
    // push {r1, r4-r7, lr}; adds r0, r0, r1; pop {r1, r4-r7, pc}
    assert_eq!(a.code, [0xf2, 0xb5, 0x40, 0x18, 0xf2, 0xbd]);
}

#[test]
fn emit_native_compiles_module_and_class_bodies_to_native() {
    let mpy = load("emitters.py", &["-march=armv7emsp", "-X", "emit=native"]);
    assert_eq!(mpy.constants, [Const::FunTable, Const::Str("Box".into())]);
    let module = &mpy.module;
    assert_eq!(name(&mpy, module), Some("<module>"));
    assert_eq!(
        children_names(&mpy, module),
        [Some("add"), Some("scale"), Some("Box")]
    );
    let box_class = &module.children()[2];
    assert_eq!(
        children_names(&mpy, box_class),
        [Some("__init__"), Some("get")]
    );
    for code in all_codes(module) {
        let n = native(code);
        assert_eq!(first_word(&n.code), n.children.len() as u32);
        assert!(starts_with_push_lr(&n.code[4..]));
    }
    assert_eq!(
        arg_names(&mpy, module.children()[1].prelude().unwrap()),
        ["xs", "k"]
    );
}

#[test]
fn emit_viper_compiles_everything_to_viper() {
    let mpy = load("emitters.py", &["-march=armv7emsp", "-X", "emit=viper"]);
    assert_eq!(mpy.constants, [Const::FunTable, Const::Str("Box".into())]);
    let module = &mpy.module;
    let shape: Vec<usize> = all_codes(module)
        .iter()
        .map(|c| c.children().len())
        .collect();
    // module [add, scale, Box [__init__, get]]
    assert_eq!(shape, [3, 0, 0, 2, 0, 0]);
    for code in all_codes(module) {
        let v = viper(code);
        assert!(starts_with_push_lr(&v.code));
        assert_eq!(v.scope_flags, 0);
    }
}

#[test]
fn every_cortex_m_arch_loads() {
    for (march, arch) in [
        ("armv6m", Arch::ArmV6M),
        ("armv7m", Arch::ArmV7M),
        ("armv7em", Arch::ArmV7EM),
        ("armv7emsp", Arch::ArmV7EMSP),
    ] {
        let flag = format!("-march={march}");
        let mpy = load("emitters.py", &[&flag, "-X", "emit=native"]);
        assert_eq!(mpy.arch, arch);
        assert_eq!(arch.name(), march);
    }
}
