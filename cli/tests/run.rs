//! `cyclops run` end to end: console, JSON, exit statuses and bad input.

use std::{path::Path, process::Command};

use cyclops_tests::{assemble, firmware, ran, Ran};

fn cyclops(args: &[&str], stdin: Option<&Path>) -> Ran {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cyclops"));
    cmd.args(args);
    if let Some(p) = stdin {
        cmd.stdin(std::fs::File::open(p).unwrap());
    }
    ran(&mut cmd)
}

fn file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_string_lossy().into_owned()
}

fn blinky() -> String {
    firmware("blinky").to_string_lossy().into_owned()
}

#[test]
fn blinky_streams_its_console_and_exits_zero() {
    let r = cyclops(&["run", &blinky()], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("toggle 1 1\ntoggle 2 0\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr.contains("firmware exited with code 0"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains(" cycles, "), "{}", r.stderr);
}

#[test]
fn json_report() {
    let r = cyclops(&["run", &blinky(), "--json"], None);
    assert_eq!(r.code, 0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("one JSON object");
    assert_eq!(
        v["outcome"],
        serde_json::json!({"kind": "exited", "code": 0})
    );
    assert_eq!(v["uart"]["USART1"].as_str().unwrap().lines().count(), 10);
    let pins = v["pin_transitions"].as_array().unwrap();
    assert_eq!(pins.len(), 10);
    assert_eq!(pins[0]["pin"], "PA14");
    assert_eq!(pins[0]["level"], 1);
    assert!(v["cycles"].as_u64().unwrap() > v["instructions"].as_u64().unwrap());
    assert_eq!(
        cyclops(&["run", &blinky(), "--json"], None).stdout,
        r.stdout,
        "deterministic"
    );
}

#[test]
fn hello_reads_uart_input_from_a_file_and_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let input = file(&dir, "in.txt", b"ping\n");
    let hello = firmware("hello").to_string_lossy().into_owned();
    let r = cyclops(&["run", &hello, "--uart-input", &input], None);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "Hello from Cyclops!\r\n> ping\nbye\r\n")
    );
    let r = cyclops(
        &["run", &hello, "--uart-input", "-"],
        Some(Path::new(&input)),
    );
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "Hello from Cyclops!\r\n> ping\nbye\r\n")
    );
}

#[test]
fn a_runaway_firmware_stops_at_max_cycles_with_124() {
    let dir = tempfile::tempdir().unwrap();
    let spin = file(&dir, "spin.elf", &assemble("1: b 1b"));
    let r = cyclops(&["run", &spin, "--max-cycles", "5000"], None);
    assert_eq!(r.code, 124, "{}", r.stderr);
    assert!(r.stderr.contains("cycle limit"), "{}", r.stderr);
}

#[test]
fn a_faulting_firmware_reports_and_exits_125() {
    let dir = tempfile::tempdir().unwrap();
    let elf = file(
        &dir,
        "fault.elf",
        &assemble("ldr r0, =0x30000000\nldr r1, [r0]\n.ltorg"),
    );
    let r = cyclops(&["run", &elf], None);
    assert_eq!(r.code, 125);
    assert!(
        r.stderr
            .contains("read of unmapped address 0x30000000 (HardFault, no handler)"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("PRECISERR BFARVALID"), "{}", r.stderr);
    let r = cyclops(&["run", &elf, "--json"], None);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["outcome"]["kind"], "fault");
    assert_eq!(v["outcome"]["bfar"], 0x3000_0000);
}

/// Patches a copy of blinky's ELF.
fn patched(f: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut elf = std::fs::read(firmware("blinky")).unwrap();
    f(&mut elf);
    elf
}

#[test]
fn bad_input_is_named_and_exits_65() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "random.bin",
            (0..4096u32)
                .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
                .collect(),
            "not an ELF file",
        ),
        ("truncated.elf", patched(|e| e.truncate(200)), "truncated"),
        // e_machine = EM_386.
        (
            "x86.elf",
            patched(|e| e[18] = 3),
            "the ELF file is for 386, Cyclops runs 32-bit little-endian ARM",
        ),
        // ELFCLASS64.
        ("elf64.elf", patched(|e| e[4] = 2), "64-bit little-endian"),
        // The first program header's p_paddr moved to where the board has no memory.
        (
            "outside.elf",
            patched(|e| {
                let phoff = u32::from_le_bytes(e[28..32].try_into().unwrap()) as usize;
                e[phoff + 12..phoff + 16].copy_from_slice(&0x3000_0000u32.to_le_bytes());
            }),
            "lies outside the memory of board `stm32f405`",
        ),
    ];
    for (name, bytes, message) in cases {
        let path = file(&dir, name, &bytes);
        let r = cyclops(&["run", &path], None);
        assert_eq!(r.code, 65, "{name}: {}", r.stderr);
        assert!(r.stderr.contains(message), "{name}: {}", r.stderr);
        assert!(
            r.stderr.contains(name),
            "{name}: the message names the file: {}",
            r.stderr
        );
        assert!(!r.stderr.contains("panicked"), "{name}");
    }
}

#[test]
fn unreadable_files_and_unknown_boards() {
    let r = cyclops(&["run", "/nonexistent/fw.elf"], None);
    assert_eq!(r.code, 74);
    assert!(
        r.stderr.contains("cannot read /nonexistent/fw.elf"),
        "{}",
        r.stderr
    );
    let r = cyclops(&["run", &blinky(), "--board", "nucleo"], None);
    assert_eq!(r.code, 65);
    assert!(
        r.stderr
            .contains("unknown board `nucleo` (known boards: stm32f405)"),
        "{}",
        r.stderr
    );
}

#[test]
fn semihosting_console_input() {
    let dir = tempfile::tempdir().unwrap();
    // Reads two characters with SYS_READC and exits with their sum.
    let elf = file(
        &dir,
        "readc.elf",
        &assemble(
            "
        movs r0, #7            @ SYS_READC
        bkpt 0xab
        mov r4, r0
        movs r0, #7
        bkpt 0xab
        add r4, r0
        ldr r1, =0x20026
        push {r4}
        push {r1}
        mov r1, sp
        movs r0, #0x20         @ SYS_EXIT_EXTENDED with the sum
        bkpt 0xab
        .ltorg
    ",
        ),
    );
    let input = file(&dir, "in.txt", b"\x05\x07");
    assert_eq!(
        cyclops(&["run", &elf, "--semihosting-input", &input], None).code,
        12
    );
    let r = cyclops(
        &["run", &elf, "--semihosting-input", "-"],
        Some(Path::new(&input)),
    );
    assert_eq!(r.code, 12, "{}", r.stderr);
    let r = cyclops(
        &["run", &elf, "--semihosting-input", "-", "--uart-input", "-"],
        None,
    );
    assert_eq!(r.code, 65);
    assert!(
        r.stderr
            .contains("only one of --uart-input and --semihosting-input"),
        "{}",
        r.stderr
    );
}
