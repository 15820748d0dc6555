//! The timing conformance suite (`tests/timing/*.s`, see its README): its cases, the state
//! every case starts from, and one firmware image that measures every case with
//! `DWT->CYCCNT` and prints the results on USART1, for the emulator and for silicon alike.

use std::{fmt::Write, path::PathBuf};

/// One case: a Thumb-2 sequence and the cycles derived for it beside it.
pub struct Case {
    pub file: String,
    pub name: String,
    pub cycles: u64,
    pub body: String,
}

/// Every case of `tests/timing/*.s`, in file order.
pub fn cases() -> Vec<Case> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("timing");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/timing")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "s"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).expect("a case file");
        for chunk in text.split("@ case: ").skip(1) {
            let (name, rest) = chunk.split_once('\n').unwrap_or((chunk, ""));
            let (header, body) = rest.split_once('\n').unwrap_or((rest, ""));
            let cycles = header
                .strip_prefix("@ cycles: ")
                .and_then(|h| h.split_whitespace().next())
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| {
                    panic!("{file}: case `{name}` needs `@ cycles: N = derivation`")
                });
            cases.push(Case {
                file: file.clone(),
                name: name.trim().to_string(),
                cycles,
                body: body.to_string(),
            });
        }
    }
    cases
}

/// `setup`, a subroutine that puts the core in the state every case starts from: the 256
/// bytes at 0x2000_0100 hold that address, r0-r5 and r7-r11 hold it too, r6 holds 4 (for
/// register offsets), SP is the top of SRAM, and r12 holds the address of `DWT->CYCCNT`.
pub const SETUP: &str = "
    .thumb_func
setup:
    ldr r0, =0x20000100
    movs r1, #64
0:  subs r1, #1
    str r0, [r0, r1, lsl #2]
    bne 0b
    ldr r1, =0x20020000
    mov sp, r1
    mov r1, r0
    mov r2, r0
    mov r3, r0
    mov r4, r0
    mov r5, r0
    movs r6, #4
    mov r7, r0
    mov r8, r0
    mov r9, r0
    mov r10, r0
    mov r11, r0
    ldr r12, =0xE0001004
    bx lr
    .ltorg
";

/// Turns the FPU on (CPACR) and starts `DWT->CYCCNT` (DEMCR.TRCENA, DWT_CTRL.CYCCNTENA).
pub const START: &str = "
    ldr r0, =0xE000ED88
    ldr r1, =0xF << 20
    str r1, [r0]
    ldr r0, =0xE000EDFC
    ldr r1, [r0]
    orr r1, r1, #1 << 24
    str r1, [r0]
    ldr r0, =0xE0001000
    ldr r1, [r0]
    orr r1, r1, #1
    str r1, [r0]
    dsb
    isb
";

/// Where the image keeps each case's raw CYCCNT delta (index 0: the empty body).
const RESULTS: u32 = 0x2001_0000;

/// Prints every result on USART1 (TX on PB6, the pyboard's X9, AF7) at 115200 8N1 from the
/// 16 MHz HSI that runs the core out of reset, then exits through semihosting with the number
/// of cases whose cycles differ from their figure. `table` holds (name, expected) pairs.
const REPORT: &str = r#"
report:
    ldr r0, =0x40023800     @ RCC
    ldr r1, [r0, #0x30]
    orr r1, r1, #1 << 1     @ AHB1ENR.GPIOBEN
    str r1, [r0, #0x30]
    ldr r1, [r0, #0x44]
    orr r1, r1, #1 << 4     @ APB2ENR.USART1EN
    str r1, [r0, #0x44]
    dsb
    ldr r0, =0x40020400     @ GPIOB
    ldr r1, [r0]
    bic r1, r1, #3 << 12
    orr r1, r1, #2 << 12    @ MODER: PB6 alternate function
    str r1, [r0]
    ldr r1, [r0, #0x20]
    bic r1, r1, #0xF << 24
    orr r1, r1, #7 << 24    @ AFRL: PB6 is USART1_TX
    str r1, [r0, #0x20]
    ldr r0, =0x40011000     @ USART1
    movs r1, #0x8B          @ 16 MHz / (16 x 8.6875) = 115108 baud
    str r1, [r0, #0x08]
    movw r1, #0x2008        @ CR1: UE | TE
    str r1, [r0, #0x0C]
    adr r0, overhead_text
    bl puts
    ldr r4, =RESULTS
    ldr r5, [r4], #4        @ the empty body's delta: the overhead
    mov r0, r5
    bl putd
    movs r0, #'\n'
    bl putc
    ldr r6, =table
    ldr r7, =CASES
    movs r8, #0             @ cases that differ
1:  ldr r0, [r6], #4
    bl puts
    movs r0, #' '
    bl putc
    ldr r9, [r4], #4
    sub r9, r9, r5
    mov r0, r9
    bl putd
    movs r0, #' '
    bl putc
    ldr r10, [r6], #4
    mov r0, r10
    bl putd
    cmp r9, r10
    it ne
    addne r8, r8, #1
    movs r0, #'\n'
    bl putc
    subs r7, #1
    bne 1b
    adr r0, differ_text
    bl puts
    mov r0, r8
    bl putd
    movs r0, #'\n'
    bl putc
    ldr r1, =0x40011000
2:  ldr r2, [r1]
    tst r2, #1 << 6         @ SR.TC: the last frame is out
    beq 2b
    ldr r1, =0x20026        @ ADP_Stopped_ApplicationExit
    push {r1, r8}
    mov r1, sp
    movs r0, #0x20          @ SYS_EXIT_EXTENDED
    bkpt 0xab
    b .

putc:                       @ r0: a byte; uses r1, r2
    ldr r1, =0x40011000
0:  ldr r2, [r1]
    tst r2, #1 << 7         @ SR.TXE
    beq 0b
    str r0, [r1, #0x04]
    bx lr

puts:                       @ r0: a NUL-terminated string
    push {r4, lr}
    mov r4, r0
0:  ldrb r0, [r4], #1
    cbz r0, 1f
    bl putc
    b 0b
1:  pop {r4, pc}

putd:                       @ r0: a signed number, in decimal
    push {r4, r5, lr}
    movs r4, r0
    bpl 0f
    movs r0, #'-'
    bl putc
    negs r4, r4
0:  movs r5, #0
    movs r2, #10
1:  udiv r3, r4, r2
    mls r1, r3, r2, r4
    adds r1, #'0'
    push {r1}
    adds r5, #1
    movs r4, r3
    bne 1b
2:  pop {r0}
    bl putc
    subs r5, #1
    bne 2b
    pop {r4, r5, pc}
    .ltorg

    .align 2
overhead_text:
    .asciz "overhead "
    .align 2
differ_text:
    .asciz "differ "
    .align 2
"#;

/// Assembly of one measurement: `setup`, a CYCCNT read, the body on a fresh word-aligned
/// block, a NOP (so nothing in the body pipelines with what follows) and a second read; the
/// delta goes to slot `index` of the results. The overhead is the same for every body.
fn measurement(index: usize, body: &str) -> String {
    format!(
        "
    bl setup
    ldr r12, [r12]          @ t0
    vmov s31, r12
    mov r12, r0
    b .Lbody{index}
    .align 2
.Lbody{index}:
{body}
    nop
    ldr r12, =0xE0001004
    ldr r12, [r12]          @ t1
    vmov r0, s31
    subs r0, r12, r0
    ldr r1, =RESULTS
    str r0, [r1, #{offset}]
    b .Lnext{index}
    .ltorg
.Lnext{index}:
",
        offset = 4 * index
    )
}

/// The suite as one program for [`crate::assemble`]: it measures an empty body, then every
/// case, and prints `overhead N`, one `name measured expected` line per case (measured is the
/// delta minus the overhead), and `differ M`.
pub fn image_source(cases: &[Case]) -> String {
    let mut src = format!(
        "    .equ RESULTS, {RESULTS:#x}\n    .equ CASES, {}\n{START}",
        cases.len()
    );
    src.push_str(&measurement(0, ""));
    for (i, case) in cases.iter().enumerate() {
        write!(src, "@ {}: {}", case.file, case.name).unwrap();
        src.push_str(&measurement(i + 1, &case.body));
    }
    src.push_str("    b report\n");
    src.push_str(SETUP);
    src.push_str(REPORT);
    src.push_str("table:\n");
    for (i, case) in cases.iter().enumerate() {
        writeln!(src, "    .word name{i}, {}", case.cycles).unwrap();
    }
    for (i, case) in cases.iter().enumerate() {
        writeln!(src, "name{i}:\n    .asciz \"{}\"", case.name).unwrap();
    }
    src
}
