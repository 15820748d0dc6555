//! Hand-assembled Thumb-2 snippets on the core: cycle counts derived from the timing table
//! (FIDELITY.md), exceptions, faults, sleep and semihosting.

use cyclops_tests::{machine, step_through};
use emulator::{Event, Outcome};

fn run(body: &str) -> (Outcome, u64, emulator::Machine) {
    let mut m = machine(body);
    let o = m.run(1_000_000).expect("engine");
    let c = m.cycles();
    (o, c, m)
}

#[test]
fn a_countdown_loop_costs_what_the_table_says() {
    let (o, cycles, m) = run("
        movs r0, #5        @ 1
    1:  subs r0, #1        @ 5 x 1
        bne 1b             @ 4 x (1 + P=1) taken + 1 not taken
        bkpt #1            @ 1
    ");
    assert!(matches!(o, Outcome::Breakpoint { imm: 1, .. }), "{o:?}");
    assert_eq!(cycles, 1 + 5 + 4 * 2 + 1 + 1);
    assert_eq!(m.instructions(), 1 + 5 + 5 + 1);
}

#[test]
fn a_branch_to_an_unaligned_wide_instruction_refills_one_more() {
    let (_, cycles, _) = run("
        b 1f               @ 1 + P, P = 2: the target is a 32-bit instruction at a halfword address
        .align 2
        nop                @ skipped: puts the target at 4n+2
    1:  add.w r0, r0, #1   @ 1
        bkpt #0            @ 1
    ");
    assert_eq!(cycles, 3 + 1 + 1);
}

#[test]
fn loads_stores_and_multiplies() {
    let (_, cycles, _) = run("
        ldr r1, =0x20000100  @ 2: a literal load (no MOV.W can make this value)
        movs r0, #7          @ 1
        str r0, [r1]         @ 1: immediate-offset store
        ldr r2, [r1]         @ 2 + 1: a load right after a store waits for the write buffer
        str r0, [r1, r0]     @ 2 - 1: a register-offset store pipelines after a load
        muls r2, r0          @ 1
        push {r0-r2, lr}     @ 1 + 4
        pop {r0-r2}          @ 1 + 3
        ldrd r2, r3, [r1]    @ 3
        bkpt #0              @ 1
        .ltorg
    ");
    assert_eq!(cycles, 2 + 1 + 1 + 3 + 1 + 1 + 5 + 4 + 3 + 1);
}

#[test]
fn cyccnt_read_in_the_middle_of_a_block_is_exact() {
    let (_, _, m) = run("
        ldr r0, =0xE000EDFC  @ DEMCR
        ldr r1, =0x01000000  @ TRCENA
        str r1, [r0]
        ldr r0, =0xE0001000  @ DWT_CTRL
        movs r1, #1
        str r1, [r0]         @ CYCCNTENA: counting starts at this store
        nop
        nop
        nop
        ldr r2, [r0, #4]     @ CYCCNT: the str (1) and three nops (3) later
        bkpt #0
        .ltorg
    ");
    assert_eq!(m.register(2), 4);
}

/// A machine's cycles and instructions so far.
fn totals(m: &emulator::Machine) -> (u64, u64) {
    (m.cycles(), m.instructions())
}

/// Reads `n` words of SRAM at 0x2000_0100, where the snippets below record what happened.
fn log(m: &mut emulator::Machine, n: usize) -> Vec<u32> {
    m.read_memory(0x2000_0100, 4 * n)
        .chunks(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

#[test]
fn systick_interrupts_wake_wfi_at_the_exact_cycle() {
    let (o, _, mut m) = run(&format!(
        "{CYCCNT_ON}
        ldr r3, =0xE000E010    @ D + 2 (CYCCNT counts from the enabling store, D: 1; adds: 1): 2
        movs r1, #99           @ 1
        str r1, [r3, #4]       @ 1: RVR = 99
        movs r1, #7            @ 1
        str r1, [r3]           @ CSR = ENABLE | TICKINT | CLKSOURCE at D + 7
        movs r4, #0
        ldr r5, =0x20000100
    1:  wfi
        cmp r4, #3
        bne 1b
        bkpt #0
        .ltorg
        .thumb_func
    SysTick_Handler:
        ldr r0, =0xE0001004    @ 2
        ldr r1, [r0]           @ CYCCNT: entry + 2
        str r1, [r5, r4, lsl #2]
        adds r4, #1
        bx lr
    "
    ));
    assert!(matches!(o, Outcome::Breakpoint { .. }), "{o:?}");
    // One clock loads RVR, 99 more reach zero: the first tick is 100 cycles after enabling;
    // entry takes 12 and the handler's literal load 2. Then one tick every 100 cycles.
    assert_eq!(
        log(&mut m, 3),
        [7 + 100 + 12 + 2, 7 + 200 + 12 + 2, 7 + 300 + 12 + 2]
    );
}

#[test]
fn an_interrupt_inside_a_block_is_taken_at_the_exact_instruction() {
    // `b 1f` starts a new block, which knows the tick is coming.
    let mut m = with_tick_at_108(
        "
        ldr r5, =0x20000200    @ D + 10
        movs r4, #0            @ D + 12
    start:                     @ pair j: adds at D + 13 + 3j, ldr (2) at D + 14 + 3j
        .rept 60
        adds r2, #1
        ldr r6, [r5]
        .endr",
    );
    // The tick comes at D + 108, during pair 31's load (D + 107..109): the load completes
    // and the exception is taken before pair 32's add, at D + 109, in the middle of the
    // block; the handler reads CYCCNT 12 + 2 cycles later.
    assert_eq!(log(&mut m, 2), [109 + 12 + 2, 32 * 4]);
}

/// Records, at 0x2000_0100 + 8k, the k-th handler entry: its exception number and
/// CYCCNT read at entry + 2.
const LOG_ENTRY: &str = "
        ldr r0, =0xE0001004    @ 2
        ldr r1, [r0]           @ CYCCNT: entry + 2
        mrs r2, ipsr
        ldr r0, =0x20000300
        ldr r3, [r0]           @ entries so far
        adds r3, #1
        str r3, [r0]
        ldr r0, =0x200000F8
        str r2, [r0, r3, lsl #3]
        adds r0, #4
        str r1, [r0, r3, lsl #3]";

/// SysTick (priority 0x80) ticks; 6 cycles later TIM2's update (IRQ 28, priority 0x40)
/// pends, during SysTick's entry. Without TIM2's enable (`tim2` false) only SysTick runs.
/// Returns the handler log.
fn systick_then_tim2(tim2: bool) -> Vec<u32> {
    let enable = if tim2 { 28 } else { 0 };
    let (o, _, mut m) = run(&format!(
        "{CYCCNT_ON}
        ldr r3, =0xE000ED20
        movs r1, #0x80
        strb r1, [r3, #3]      @ SHPR3: SysTick at priority 0x80
        ldr r3, =0xE000E41C
        movs r1, #0x40
        strb r1, [r3]          @ IPR7 byte 0: TIM2 (IRQ 28) at 0x40, more urgent
        ldr r3, =0xE000E100
        movs r1, #{}
        lsls r1, r1, #{enable}
        str r1, [r3]           @ ISER0: TIM2 (or, shifted by 0, IRQ 0: nothing pends it)
        ldr r3, =0x40023840
        movs r1, #1
        str r1, [r3]           @ RCC_APB1ENR: TIM2's clock (16 MHz, one tick a cycle)
        ldr r4, =0x40000000
        movs r1, #103
        str r1, [r4, #0x2C]    @ ARR
        movs r1, #1
        str r1, [r4, #0x0C]    @ DIER: update interrupt
        ldr r3, =0xE000E010
        movs r1, #99
        str r1, [r3, #4]       @ RVR
        movs r1, #7
        str r1, [r3]           @ SysTick on: ticks 100 cycles later (S)
        movs r1, #1
        str r1, [r4]           @ TIM2 on, one cycle later
        b 1f
        .align 2
    1:  .rept 200
        nop
        .endr
        bkpt #0
        .ltorg
        .thumb_func
    SysTick_Handler:
        {LOG_ENTRY}
        bx lr
        .ltorg
        .thumb_func
    IRQ28_Handler:
        {LOG_ENTRY}
        ldr r0, =0x40000010
        movs r1, #0
        str r1, [r0]           @ TIM2_SR: clear the update flag
        dsb
        bx lr
        .ltorg
    ",
        u32::from(tim2)
    ));
    assert!(matches!(o, Outcome::Breakpoint { .. }), "{o:?}");
    log(&mut m, 4)
}

#[test]
fn a_more_urgent_interrupt_arriving_during_entry_is_taken_first() {
    let alone = systick_then_tim2(false);
    assert_eq!(alone[0], 15, "SysTick alone: {alone:?}");
    let late = systick_then_tim2(true);
    // TIM2's handler starts where SysTick's would have, 12 cycles after the entry began
    // (one frame, no second entry), and SysTick tail-chains after it.
    assert_eq!(
        [late[0], late[1], late[2]],
        [16 + 28, alone[1], 15],
        "{late:?}"
    );
    // From TIM2's CYCCNT read to SysTick's: the rest of TIM2's handler and its BX LR (25),
    // tail-chaining (6) and SysTick's literal load (2); a return to thread mode and a new
    // entry would take 10 + 12 instead of 6.
    assert_eq!(late[3] - late[1], 25 + 6 + 2, "{late:?}");
}

#[test]
fn nested_interrupts_and_tail_chaining() {
    let (o, _, mut m) = run("
        ldr r5, =0x20000100
        movs r4, #0
        ldr r0, =0xE000E100    @ ISER0: enable IRQ0 and IRQ1
        movs r1, #3
        str r1, [r0]
        ldr r0, =0xE000E400    @ IPR: IRQ0 at 0x80, IRQ1 at 0x40 (more urgent)
        ldr r1, =0x00004080
        str r1, [r0]
        ldr r0, =0xE000E200    @ ISPR0
        movs r1, #1
        str r1, [r0]           @ IRQ0: it will pend IRQ1, which nests
        isb                    @ as ARM recommends after pending by software
        cpsid i
        movs r1, #3
        str r1, [r0]           @ both pending while masked
        cpsie i                @ IRQ1 first, then IRQ0 tail-chained
        nop
        bkpt #0
        .ltorg
        .thumb_func
    IRQ0_Handler:
        movs r1, #0xA0
        str r1, [r5, r4, lsl #2]
        adds r4, #1
        str lr, [r5, r4, lsl #2]
        adds r4, #1
        cmp r4, #2
        bne 2f
        movs r1, #2
        str r1, [r0]           @ pend IRQ1 from inside IRQ0
        isb
    2:  bx lr
        .thumb_func
    IRQ1_Handler:
        movs r1, #0xA1
        str r1, [r5, r4, lsl #2]
        adds r4, #1
        str lr, [r5, r4, lsl #2]
        adds r4, #1
        bx lr
    ");
    assert!(matches!(o, Outcome::Breakpoint { .. }), "{o:?}");
    assert_eq!(
        log(&mut m, 8),
        [
            0xA0,
            0xFFFF_FFF9,
            0xA1,
            0xFFFF_FFF1,
            0xA1,
            0xFFFF_FFF9,
            0xA0,
            0xFFFF_FFF9
        ],
        "IRQ0, IRQ1 nested in it (returning to handler mode), then IRQ1 and IRQ0 in priority order"
    );
}

#[test]
fn a_bus_fault_escalates_to_hardfault_with_its_status() {
    let (o, _, mut m) = run("
        ldr r5, =0x20000100
        ldr r0, =0x30000000
        ldr r7, =fault         @ the faulting instruction's address
    fault:
        ldr r1, [r0]           @ nothing is mapped there
        bkpt #1
        .ltorg
        .thumb_func
    HardFault_Handler:
        ldr r0, =0xE000ED28
        ldr r1, [r0]           @ CFSR
        ldr r2, [r0, #4]       @ HFSR
        ldr r3, [r0, #16]      @ BFAR
        ldr r6, [sp, #24]      @ stacked PC
        stmia r5!, {r1, r2, r3, r6, r7}
        bkpt #2
    ");
    assert!(matches!(o, Outcome::Breakpoint { imm: 2, .. }), "{o:?}");
    let words = log(&mut m, 5);
    assert_eq!(
        words[..3],
        [(1 << 9) | (1 << 15), 1 << 30, 0x3000_0000],
        "PRECISERR|BFARVALID, FORCED, BFAR"
    );
    assert_eq!(words[3], words[4], "the stacked PC is the faulting load");
}

#[test]
fn a_fault_without_a_handler_ends_the_run_with_a_report() {
    let (o, _, _) = run("
        movs r0, #1
        udf #0
    ");
    let Outcome::Fault(r) = o else {
        panic!("{o:?}")
    };
    assert_eq!(r.cause, "undefined instruction (HardFault, no handler)");
    assert_eq!(r.cfsr_names(), ["UNDEFINSTR"]);
    assert_eq!(r.hfsr_names(), ["FORCED"]);
    assert_eq!(r.regs[0], 1);
    assert_eq!(r.pc, 0x0800_0202);
}

#[test]
fn a_fault_in_the_hardfault_handler_locks_up() {
    let (o, _, _) = run("
        udf #0
        .thumb_func
    HardFault_Handler:
        udf #1
    ");
    let Outcome::Lockup(r) = o else {
        panic!("{o:?}")
    };
    assert!(
        r.cause.starts_with("lockup: undefined instruction"),
        "{}",
        r.cause
    );
}

#[test]
fn usage_faults_go_to_their_own_handler_once_enabled() {
    let (o, _, _) = run("
        ldr r0, =0xE000ED24    @ SHCSR
        ldr r1, =0x00040000    @ USGFAULTENA
        str r1, [r0]
        udf #0
        .ltorg
        .thumb_func
    UsageFault_Handler:
        bkpt #6
    ");
    assert!(matches!(o, Outcome::Breakpoint { imm: 6, .. }), "{o:?}");
}

#[test]
fn svc_from_thread_mode_on_the_process_stack() {
    let (o, _, m) = run("
        ldr r0, =0x20001000
        msr psp, r0
        movs r0, #2
        msr control, r0        @ thread mode now uses PSP
        isb
        movs r0, #42
        svc #0
        mov r7, sp             @ back on PSP, frame popped
        mrs r6, msp
        bkpt #0
        .ltorg
        .thumb_func
    SVC_Handler:
        mov r8, lr             @ EXC_RETURN
        mrs r9, psp            @ the frame went on PSP
        ldr r10, [r9]          @ stacked r0
        bx lr
    ");
    assert!(matches!(o, Outcome::Breakpoint { .. }), "{o:?}");
    assert_eq!(m.register(8), 0xFFFF_FFFD, "return to thread mode on PSP");
    assert_eq!(m.register(9), 0x2000_1000 - 32);
    assert_eq!(m.register(10), 42);
    assert_eq!(m.register(7), 0x2000_1000);
    assert_eq!(m.register(6), 0x2002_0000, "MSP untouched");
}

#[test]
fn wfi_with_nothing_to_wake_the_core_halts() {
    let (o, cycles, _) = run("
        nop
        wfi
        bkpt #0
    ");
    assert_eq!(o, Outcome::Halted);
    assert_eq!(cycles, 2);
}

#[test]
fn semihosting_console_and_exit_code() {
    let (o, _, mut m) = run("
        adr r1, msg
        movs r0, #4            @ SYS_WRITE0
        bkpt 0xab
        exit 3
        .align 2
    msg: .asciz \"hi from the guest\\n\"
        .align 2
    ");
    assert_eq!(o, Outcome::Exited(3));
    let text: Vec<u8> = m
        .drain_events()
        .into_iter()
        .filter_map(|e| match e {
            Event::Semihosting {
                stream: 1, bytes, ..
            } => Some(bytes),
            _ => None,
        })
        .flatten()
        .collect();
    assert_eq!(text, b"hi from the guest\n");
}

#[test]
fn a_runaway_loop_stops_at_the_cycle_budget() {
    let mut m = machine(
        "
    1:  b 1b
    ",
    );
    assert_eq!(m.run(1000).unwrap(), Outcome::CycleLimit);
    assert!((1000..1002).contains(&m.cycles()), "{}", m.cycles());
    assert_eq!(m.run(1000).unwrap(), Outcome::CycleLimit, "and runs on");
}

#[test]
fn bit_band_aliases_reach_sram_and_peripherals() {
    let (o, _, mut m) = run("
        ldr r0, =0x22000000 + (0x100 * 32) + (5 * 4)   @ bit 5 of the word at 0x2000_0100
        movs r1, #1
        str r1, [r0]
        ldr r2, [r0]                                    @ reads back 1
        ldr r0, =0x42000000 + (0x23830 * 32)            @ RCC_AHB1ENR bit 0: GPIOA clock
        str r1, [r0]
        ldr r0, =0x40020000
        ldr r3, =0x98000000                             @ MODER: PA14 output
        str r3, [r0]
        ldr r0, =0x42000000 + (0x20014 * 32) + (14 * 4) @ GPIOA_ODR bit 14
        str r1, [r0]
        bkpt #0
        .ltorg
    ");
    assert!(matches!(o, Outcome::Breakpoint { .. }), "{o:?}");
    assert_eq!(log(&mut m, 1), [1 << 5]);
    assert_eq!(m.register(2), 1);
    assert_eq!(m.pin_levels(0) & (1 << 14), 1 << 14);
    assert!(m.drain_events().iter().any(|e| matches!(
        e,
        Event::Pin {
            port: 0,
            pin: 14,
            level: true,
            ..
        }
    )));
}

#[test]
fn the_fpu_faults_until_cpacr_enables_it() {
    let (o, _, _) = run("
        movs r0, #1
        vmov s0, r0            @ CPACR still denies CP10/CP11: NOCP
        bkpt #0
    ");
    let Outcome::Fault(r) = o else {
        panic!("{o:?}")
    };
    assert_eq!(r.cfsr_names(), ["NOCP"]);
    assert_eq!(
        (r.pc, r.regs[0]),
        (0x0800_0202, 1),
        "faults at the VMOV, after the MOVS ran"
    );
    let (o, _, m) = run("
        ldr r0, =0xE000ED88    @ CPACR
        ldr r1, =0xF << 20     @ CP10, CP11 full access
        str r1, [r0]
        dsb
        isb
        movs r0, #3
        vmov s0, r0
        vcvt.f32.s32 s0, s0
        vadd.f32 s0, s0, s0
        vcvt.s32.f32 s0, s0
        vmov r2, s0
        bkpt #0
        .ltorg
    ");
    assert!(matches!(o, Outcome::Breakpoint { .. }), "{o:?}");
    assert_eq!(m.register(2), 6);
}

/// Turns on CYCCNT; r0 then holds its address.
const CYCCNT_ON: &str = "
        ldr r0, =0xE000EDFC
        ldr r1, =0x01000000
        str r1, [r0]
        ldr r0, =0xE0001000
        movs r1, #1
        str r1, [r0]
        adds r0, #4
";

#[test]
fn tail_chaining_takes_six_cycles() {
    let (o, _, mut m) = run(&format!(
        "{CYCCNT_ON}
        ldr r5, =0x20000100
        ldr r2, =0xE000E100    @ ISER0: IRQ0 and IRQ1
        movs r1, #3
        str r1, [r2]
        ldr r2, =0xE000E400    @ IRQ0 at 0x80, IRQ1 at 0x40
        ldr r1, =0x00004080
        str r1, [r2]
        cpsid i
        ldr r2, =0xE000E200    @ ISPR0: both pending while masked
        movs r1, #3
        str r1, [r2]
        cpsie i
        nop
        bkpt #0
        .ltorg
        .thumb_func
    IRQ1_Handler:
        ldr r1, [r0]           @ 2: CYCCNT at the handler's first instruction
        str r1, [r5]           @ 1
        bx lr                  @ 1, then 6 to the next handler's first instruction
        .thumb_func
    IRQ0_Handler:
        ldr r1, [r0]
        str r1, [r5, #4]
        bx lr
    "
    ));
    assert!(matches!(o, Outcome::Breakpoint { .. }), "{o:?}");
    let t = log(&mut m, 2);
    assert_eq!(t[1] - t[0], 2 + 1 + 1 + 6);
}

#[test]
fn usart_receive_interrupts_reach_their_handler() {
    let mut m = machine(
        "
        ldr r0, =0xE000E104    @ ISER1: IRQ 37 = USART1
        movs r1, #1 << 5
        str r1, [r0]
        ldr r0, =0x40011000
        ldr r1, =(1 << 13) | (1 << 5) | (1 << 2)   @ UE | RXNEIE | RE
        str r1, [r0, #12]
        movs r4, #0
        ldr r5, =0x20000100
    1:  wfi
        cmp r4, #3
        bne 1b
        bkpt #0
        .ltorg
        .thumb_func
    IRQ37_Handler:
        ldr r0, =0x40011000
        ldr r1, [r0, #4]       @ DR: clears RXNE
        strb r1, [r5, r4]
        adds r4, #1
        bx lr
        .ltorg
    ",
    );
    assert_eq!(
        m.run(10_000).unwrap(),
        Outcome::Halted,
        "asleep with nothing to wake it"
    );
    m.uart_input(1, b"abc");
    assert!(matches!(m.run(10_000).unwrap(), Outcome::Breakpoint { .. }));
    assert_eq!(m.read_memory(0x2000_0100, 3), b"abc");
}

#[test]
fn a_sleeping_core_skips_ahead_to_the_timer_interrupt() {
    let (o, cycles, mut m) = run(&format!(
        "{CYCCNT_ON}
        ldr r5, =0x20000100
        ldr r2, =0xE000E100    @ ISER0: IRQ 28 = TIM2
        movs r1, #1
        lsls r1, r1, #28
        str r1, [r2]
        ldr r2, =0x40000000    @ TIM2 (16 MHz reset clocks: one tick a cycle)
        ldr r1, =99999
        str r1, [r2, #0x2C]    @ ARR: 100,000 cycles a period
        movs r1, #1
        str r1, [r2, #0x0C]    @ DIER.UIE
        str r1, [r2]           @ CR1.CEN at T
        ldr r3, [r0]           @ CYCCNT at T + 1
        str r3, [r5]
        wfi
        bkpt #0
        .ltorg
        .thumb_func
    IRQ28_Handler:
        ldr r1, [r0]           @ entry + 0
        str r1, [r5, #4]
        movs r1, #0
        str r1, [r2, #0x10]    @ clear UIF
        bx lr
    "
    ));
    assert!(matches!(o, Outcome::Breakpoint { .. }), "{o:?}");
    let t = log(&mut m, 2);
    // Enabled at T = t0 - 1; the update comes 100,000 cycles later, the handler 12 after it.
    assert_eq!(t[1] - t[0], 100_000 - 1 + 12);
    assert!(cycles < 101_000, "{cycles}");
    assert!(
        m.instructions() < 100,
        "slept through the wait: {}",
        m.instructions()
    );
}

#[test]
fn lazy_fp_stacking_saves_the_context_at_the_handlers_first_fpu_instruction() {
    let (o, _, mut m) = run(&format!(
        "{CYCCNT_ON}
        ldr r2, =0xE000ED88    @ CPACR: FPU on
        ldr r1, =0xF << 20
        str r1, [r2]
        dsb
        isb
        movs r1, #7
        vmov s0, r1            @ FP in use: CONTROL.FPCA
        ldr r5, =0x20000100
        movs r4, #0
        svc #0                 @ a handler without FP: the context stays in the registers
        svc #0                 @ a handler with FP: saved lazily, restored on return
        vmov r6, s0
        mrs r7, control
        bkpt #0
        .ltorg
        .thumb_func
    SVC_Handler:
        str lr, [r5, r4, lsl #2]
        adds r4, #1
        cmp r4, #1
        beq 1f
        movs r2, #99
        ldr r1, [r0]           @ 2
        vmov s0, r2            @ 17 to save S0-S15 and FPSCR first, then 1
        ldr r3, [r0]
        subs r3, r3, r1
        str r3, [r5, r4, lsl #2]
        adds r4, #1
    1:  bx lr
    "
    ));
    assert!(matches!(o, Outcome::Breakpoint { .. }), "{o:?}");
    assert_eq!(
        log(&mut m, 3),
        [0xFFFF_FFE9, 0xFFFF_FFE9, 2 + 17 + 1],
        "EXC_RETURN with an FP frame"
    );
    assert_eq!(m.register(6), 7, "S0 restored");
    assert_eq!(m.register(7) & 4, 4, "FPCA set again after the return");
}

#[test]
fn itm_stimulus_writes_become_timestamped_events() {
    let (o, _, mut m) = run("
        ldr r0, =0xE0000000
        movs r1, #0x41
        strb r1, [r0]          @ ignored: tracing is off
        ldr r2, =0xE000EDFC
        ldr r3, =0x01000000
        str r3, [r2]           @ DEMCR.TRCENA
        movs r3, #1
        str r3, [r0, #0xE80]   @ ITM_TCR.ITMENA (0xE80 fits the immediate)
        movs r3, #0x5
        ldr r2, =0xE0000E00
        str r3, [r2]           @ ITM_TER: ports 0 and 2
        strb r1, [r0]          @ port 0, one byte
        ldr r1, =0x12345678
        str r1, [r0, #8]       @ port 2, a word
        strh r1, [r0, #4]      @ port 1: not enabled
        ldr r3, [r0]           @ reads 1: FIFO ready
        bkpt #0
        .ltorg
    ");
    assert!(matches!(o, Outcome::Breakpoint { .. }), "{o:?}");
    let itm: Vec<(u8, u32, u8)> = m
        .drain_events()
        .into_iter()
        .filter_map(|e| match e {
            Event::Itm {
                port, value, size, ..
            } => Some((port, value, size)),
            _ => None,
        })
        .collect();
    assert_eq!(itm, [(0, 0x41, 1), (2, 0x1234_5678, 4)]);
    assert_eq!(m.register(3), 1);
}

#[test]
fn a_semihosting_read_waits_for_open_input_without_spending_cycles() {
    let src = "
        movs r0, #7            @ SYS_READC
        bkpt 0xab
        mov r4, r0
        bkpt #0
    ";
    let mut ready = machine(src);
    ready.semihosting_input(b"z");
    assert!(matches!(
        ready.run(1000).unwrap(),
        Outcome::Breakpoint { .. }
    ));
    let mut waiting = machine(src);
    waiting.semihosting_input_open(true);
    assert_eq!(waiting.run(1000).unwrap(), Outcome::WaitingForInput);
    assert_eq!(
        waiting.run(1000).unwrap(),
        Outcome::WaitingForInput,
        "still nothing"
    );
    waiting.semihosting_input(b"z");
    assert!(matches!(
        waiting.run(1000).unwrap(),
        Outcome::Breakpoint { .. }
    ));
    assert_eq!(waiting.register(4), u32::from(b'z'));
    assert_eq!(waiting.cycles(), ready.cycles(), "waiting costs no cycles");
}

#[test]
fn yield_is_a_hint_and_an_undefined_instruction_after_it_still_faults() {
    let (o, cycles, _) = run("
        yield
        yield.w
        bkpt #0
    ");
    assert!(matches!(o, Outcome::Breakpoint { .. }), "{o:?}");
    assert_eq!(cycles, 3);
    let (o, _, _) = run("
        yield
        udf #0
    ");
    let Outcome::Fault(r) = o else {
        panic!("{o:?}")
    };
    assert_eq!((r.cfsr_names(), r.pc), (vec!["UNDEFINSTR"], 0x0800_0202));
}

#[test]
fn sysresetreq_restarts_from_the_vector_table_keeping_sram() {
    let (o, _, mut m) = run("
        ldr r5, =0x20000100
        ldr r1, [r5]
        adds r1, #1
        str r1, [r5]           @ SRAM survives a system reset: count the boots
        cmp r1, #3
        beq 1f
        ldr r0, =0xE000ED0C    @ AIRCR
        ldr r1, =0x05FA0004    @ VECTKEY | SYSRESETREQ
        str r1, [r0]
        isb
    2:  b 2b                   @ the reset takes effect here
    1:  bkpt #0
        .ltorg
    ");
    assert!(matches!(o, Outcome::Breakpoint { .. }), "{o:?}");
    assert_eq!(log(&mut m, 1), [3]);
    let resets = m
        .drain_events()
        .iter()
        .filter(|e| matches!(e, Event::Reset { .. }))
        .count();
    assert_eq!(resets, 2);
}

#[test]
fn stepping_runs_one_instruction_at_a_time_with_the_same_totals() {
    let body = "
        movs r0, #3        @ 1
    1:  subs r0, #1        @ 1
        bne 1b             @ taken 1 + P=1, not taken 1
        movs r1, #7        @ 1
        bkpt #1
    ";
    let mut m = machine(body);
    let start = m.pc();
    let mut steps = Vec::new();
    let outcome = step_through(&mut m, |m| {
        steps.push((m.pc() - start, m.instructions(), m.cycles()))
    });
    assert!(
        matches!(outcome, Outcome::Breakpoint { imm: 1, .. }),
        "{outcome:?}"
    );
    assert_eq!(
        steps,
        [
            (2, 1, 1),
            (4, 2, 2),
            (2, 3, 4),
            (4, 4, 5),
            (2, 5, 7),
            (4, 6, 8),
            (6, 7, 9),
            (8, 8, 10)
        ]
    );
    let mut straight = machine(body);
    assert_eq!(straight.run(1_000).unwrap(), outcome);
    assert_eq!(totals(&straight), totals(&m));
}

#[test]
fn stepping_a_sleeping_core_wakes_it_at_its_next_event() {
    let mut m = machine(
        "
        ldr r3, =0xE000E010
        movs r1, #99
        str r1, [r3, #4]       @ RVR = 99
        movs r1, #7
        str r1, [r3]           @ CSR = ENABLE | TICKINT | CLKSOURCE
        wfi
        bkpt #0
        .ltorg
        .thumb_func
    SysTick_Handler:
        bkpt #1
    ",
    );
    let mut trace = Vec::new();
    let outcome = step_through(&mut m, |m| trace.push(m.cycles()));
    assert!(
        matches!(outcome, Outcome::Breakpoint { imm: 1, .. }),
        "{outcome:?}"
    );
    // Six instructions, then one step from the WFI to the handler: the first tick 100
    // cycles after the CSR store (cycle 5), plus 12 for the exception entry.
    assert_eq!(trace, [2, 3, 4, 5, 6, 7, 5 + 100 + 12]);
}

#[test]
fn a_peripheral_load_in_an_it_block_leaves_no_it_state_behind() {
    let (o, _, m) = run("
        ldr r0, =0x40020010    @ GPIOA IDR
        movs r4, #0
        movs r5, #0
        cmp r4, #0             @ Z set
        ite eq
        ldreq r2, [r0]         @ a hooked (peripheral) load inside the IT block
        ldrne r3, [r0]
        b 1f                   @ the next block must start outside any IT block
    1:  movs r4, #1
        movs r5, #2
        bkpt #0
        .ltorg
    ");
    assert!(matches!(o, Outcome::Breakpoint { .. }), "{o:?}");
    assert_eq!((m.register(4), m.register(5)), (1, 2));
}

/// Handler `name` records the interrupted context at 0x2000_0100: CYCCNT read at entry + 2,
/// the stacked return address less `start`, and the stacked xPSR. SysTick is then switched
/// off and its pending state cleared.
fn log_interrupted(name: &str) -> String {
    format!(
        "
        .thumb_func
    {name}:
        ldr r0, =0xE0001004
        ldr r1, [r0]           @ CYCCNT: entry + 2
        ldr r2, [sp, #24]      @ the stacked return address
        ldr r3, =start
        subs r2, r2, r3
        ldr r3, [sp, #28]      @ the stacked xPSR
        ldr r0, =0x20000100
        str r1, [r0]
        str r2, [r0, #4]
        str r3, [r0, #8]
        movs r1, #0
        ldr r0, =0xE000E010
        str r1, [r0]           @ one tick only
        ldr r0, =0xE000ED04
        ldr r1, =0x02000000
        str r1, [r0]           @ ICSR.PENDSTCLR: even if another came meanwhile
        bx lr
        .ltorg
"
    )
}

/// SysTick set to tick 100 cycles after a `b 1f` that starts the block under test at D + 10
/// (the comments' D + k is CYCCNT reading k): the tick comes at D + 108.
const TICK_AT_108: &str = "
        ldr r3, =0xE000E010    @ D + 2 (CYCCNT counts from the enabling store, D: 1; adds: 1): 2
        movs r1, #100          @ 1
        str r1, [r3, #4]       @ 1: RVR = 100
        movs r1, #7            @ 1
        str r1, [r3]           @ CSR = ENABLE | TICKINT | CLKSOURCE at D + 7: ticks at D + 108
        b 1f                   @ D + 8 (2)
    1:
";

/// Thirty pairs of an add and a load from the start of the block under test of
/// [`TICK_AT_108`]: the instruction after them starts at D + 103.
const PAIRS_TO_D103: &str = "
        ldr r5, =0x20000200    @ D + 10 (2)
        movs r4, #0            @ D + 12
    start:                     @ pair j: adds at D + 13 + 3j, ldr (2) at D + 14 + 3j
        .rept 30
        adds r2, #1
        ldr r6, [r5]
        .endr
";

/// Runs `body` as the block under test of [`TICK_AT_108`] (it starts at D + 10; `start`
/// labels where the tick is expected), to a breakpoint after it, with
/// [`log_interrupted`] as SysTick's handler.
fn with_tick_at_108(body: &str) -> emulator::Machine {
    let (o, _, m) = run(&format!(
        "{CYCCNT_ON}{TICK_AT_108}{body}
        bkpt #0
        .ltorg
        {}",
        log_interrupted("SysTick_Handler")
    ));
    assert!(matches!(o, Outcome::Breakpoint { .. }), "{o:?}");
    m
}

#[test]
fn an_interrupt_after_a_divide_in_the_same_block_is_taken_at_the_exact_instruction() {
    let mut m = with_tick_at_108(
        "
        ldr r5, =0x20000200    @ D + 10 (2)
        movs r0, #100          @ D + 12
        movs r1, #7            @ D + 13
        udiv r2, r0, r1        @ D + 14: 100 / 7, a quotient of 5 bits: 2 + 2 = 4
        movs r4, #0            @ D + 18
    start:                     @ pair j: adds at D + 19 + 3j, ldr (2) at D + 20 + 3j
        .rept 40
        adds r2, #1
        ldr r6, [r5]
        .endr",
    );
    // The block's table charges the divide its most (12), so its end is only known as it
    // runs. The tick at D + 108 comes during pair 29's load (D + 107..109): the exception is
    // taken before pair 30's add, at D + 109.
    assert_eq!(log(&mut m, 2), [109 + 12 + 2, 30 * 4]);
}

#[test]
fn an_interrupt_inside_an_it_block_is_taken_there_and_returns_into_it() {
    let mut m = with_tick_at_108(
        "
        ldr r5, =0x20000200    @ D + 10 (2)
        movs r6, #0x55         @ D + 12
        movs r7, #0            @ D + 13
        cmp r7, #0             @ D + 14: Z set for every group below
        nop                    @ D + 15
        nop                    @ D + 16
    start:                     @ group j at D + 17 + 3j: ite, addeq at + 1, ldrne at + 2
        .rept 40
        ite eq                 @ 1
        addeq r7, #1           @ 1
        ldrne r6, [r5]         @ fails: 1 (its table cost is 2)
        .endr",
    );
    // The tick at D + 108 is when group 30's addeq starts (17 + 90 + 1): the exception is
    // taken inside the IT block, before it. The stacked xPSR holds the IT state there
    // (`ite eq` with its first instruction next: ITSTATE 0x0C, EPSR bits 15:10 = 3).
    let logged = log(&mut m, 3);
    assert_eq!(logged[..2], [108 + 12 + 2, 30 * 6 + 2]);
    assert_eq!(logged[2] & 0x0600_FC00, 0x0C00);
    // Back in the IT block, the addeq runs and the ldrne is skipped, in every group.
    assert_eq!((m.register(7), m.register(6)), (40, 0x55));
}

/// Runs `body` with flash wait states on, straight or one instruction at a time.
fn with_wait_states(body: &str, stepping: bool) -> (Outcome, emulator::Machine) {
    let config = emulator::Config {
        flash_wait_states: true,
        ..emulator::Config::default()
    };
    let mut m = cyclops_tests::machine_with(body, config);
    let outcome = if stepping {
        step_through(&mut m, |_| {})
    } else {
        m.run(1_000_000).expect("engine")
    };
    (outcome, m)
}

#[test]
fn with_flash_wait_states_an_interrupt_is_taken_where_stepping_takes_it() {
    // Stepping runs every instruction as a block of its own, so an interrupt is taken
    // before the first instruction that starts at or after its tick by construction, and
    // each flash line is asked for when its instruction starts. A run must cut its blocks at
    // the same place and ask for the same lines at the same cycles, though their costs
    // (waits for flash lines and literals, divides, skipped instructions) are only known as
    // they run.
    let body = format!(
        "
        ldr r0, =0x40023C00
        ldr r1, =0x705         @ FLASH_ACR: LATENCY 5, PRFTEN, ICEN, DCEN
        str r1, [r0]
        b 2f
    2:  {CYCCNT_ON}{TICK_AT_108}
        ldr r5, =0x20000200
        movs r0, #100
        movs r1, #7
    start:
        .rept 30
        adds r2, #1
        ldr r6, [r5]
        udiv r3, r0, r1
        ldr r7, =0x12345678
        cmp r0, #0
        it eq
        ldreq r6, [r5]         @ skipped: 1
        .endr
        bkpt #0
        .ltorg
        {}",
        log_interrupted("SysTick_Handler")
    );
    let (ran, mut run) = with_wait_states(&body, false);
    let (stepped, mut step) = with_wait_states(&body, true);
    assert!(matches!(ran, Outcome::Breakpoint { .. }), "{ran:?}");
    assert_eq!(ran, stepped);
    let logged = log(&mut run, 2);
    assert_eq!(logged, log(&mut step, 2));
    // Taken inside the block, not after it.
    assert!(logged[1] > 0 && logged[1] < 30 * 16, "{logged:?}");
    assert_eq!(totals(&run), totals(&step));
}

#[test]
fn an_interrupt_abandons_a_divide_under_way_which_runs_again_after_it() {
    let mut m = with_tick_at_108(&format!(
        "{PAIRS_TO_D103}
        mvn r0, #0             @ D + 103
        movs r1, #1            @ D + 104
        udiv r3, r0, r1        @ D + 105: 0xFFFFFFFF / 1, a quotient of 32 bits: 2 + 8 = 10"
    ));
    // The tick at D + 108 comes 3 cycles into the divide (D + 105..115): the divide is
    // abandoned, the exception taken at D + 108 with the divide as the return address
    // (30 pairs of 4 bytes, MVN.W 4, MOVS 2), and the divide runs again after the handler.
    assert_eq!(log(&mut m, 2), [108 + 12 + 2, 30 * 4 + 4 + 2]);
    assert_eq!(m.register(3), 0xFFFF_FFFF);
}

/// Runs `body`, which enables IRQ 0 and reads CYCCNT into r4 (at t) two cycles before the
/// instruction that lets the interrupt in, then 20 adds from `start`. Returns when IRQ 0's
/// handler read CYCCNT, less t, and its stacked return address, less `start`.
fn irq0_after(body: &str) -> (u32, u32) {
    let (o, _, mut m) = run(&format!(
        "{CYCCNT_ON}
        ldr r3, =0xE000E100    @ NVIC_ISER0
        movs r1, #1
        str r1, [r3]           @ IRQ 0 enabled
        {body}
    start:
        .rept 20
        adds r2, #1
        .endr
        bkpt #0
        .ltorg
        {}",
        log_interrupted("IRQ0_Handler")
    ));
    assert!(matches!(o, Outcome::Breakpoint { .. }), "{o:?}");
    assert_eq!(m.register(2), 20);
    let logged = log(&mut m, 2);
    (logged[0] - m.register(4), logged[1])
}

#[test]
fn an_interrupt_pended_by_a_store_is_taken_at_the_next_instruction() {
    // Taken at t + 3, before the first add; the handler reads CYCCNT 12 + 2 later.
    let taken = irq0_after(
        "
        b 1f
    1:  ldr r3, =0xE000E200    @ NVIC_ISPR0, an address this block forms itself
        ldr r0, =0xE0001004
        ldr r4, [r0]           @ CYCCNT at t: 2
        str r1, [r3]           @ t + 2: IRQ 0 pends (1)",
    );
    assert_eq!(taken, (3 + 12 + 2, 0));
}

/// Unicorn ends a block after `CPSIE`, so the next block's start sees the interrupt.
#[test]
fn cpsie_with_an_interrupt_pending_lets_it_in_at_the_next_instruction() {
    let taken = irq0_after(
        "
        cpsid i
        ldr r3, =0xE000E200    @ NVIC_ISPR0
        str r1, [r3]           @ IRQ 0 pending, masked by PRIMASK
        b 1f
    1:  ldr r0, =0xE0001004
        ldr r4, [r0]           @ CYCCNT at t: 2
        cpsie i                @ t + 2 (1)",
    );
    assert_eq!(taken, (3 + 12 + 2, 0));
}

#[test]
fn a_tick_scheduled_by_a_store_in_the_same_block_is_taken_at_its_instruction() {
    let (o, _, mut m) = run(&format!(
        "{CYCCNT_ON}
        b 1f
    1:  ldr r3, =0xE000E010    @ SYST_CSR, an address this block forms itself
        movs r1, #5
        str r1, [r3, #4]       @ RVR = 5
        movs r1, #7
        ldr r0, =0xE0001004
        ldr r4, [r0]           @ CYCCNT at t: 2
        str r1, [r3]           @ t + 2: enabled, ticks 1 + 5 clocks later, at t + 8
    start:
        .rept 20
        nop                    @ nop k at t + 3 + k: the tick is taken before nop 5
        .endr
        bkpt #0
        .ltorg
        {}",
        log_interrupted("SysTick_Handler")
    ));
    assert!(matches!(o, Outcome::Breakpoint { .. }), "{o:?}");
    assert_eq!(log(&mut m, 2), [m.register(4) + 8 + 12 + 2, 5 * 2]);
}

#[test]
fn an_interrupt_arriving_during_unstacking_pops_into_its_handler() {
    let (o, _, mut m) = run(&format!(
        "{CYCCNT_ON}
        ldr r3, =0xE000E100    @ NVIC_ISER0
        movs r1, #1
        str r1, [r3]           @ IRQ 0 enabled
        ldr r3, =0xE000E200    @ NVIC_ISPR0
        str r1, [r3]           @ IRQ 0 pends: its handler runs at once
    start:
        nop
        bkpt #0
        .ltorg
        .thumb_func
    IRQ0_Handler:
        ldr r3, =0xE000E010    @ SYST_CSR
        movs r1, #5
        str r1, [r3, #4]       @ RVR = 5
        movs r1, #7
        ldr r0, =0xE0001004
        ldr r4, [r0]           @ CYCCNT at t: 2
        str r1, [r3]           @ t + 2: SysTick on, ticking 1 + 5 clocks later, at t + 8
        bx lr                  @ t + 3 (1): the return unstacks over t + 4 .. t + 14
        .ltorg
        {}",
        log_interrupted("SysTick_Handler")
    ));
    assert!(matches!(o, Outcome::Breakpoint { .. }), "{o:?}");
    // The tick at t + 8 comes during the unstacking and may preempt thread mode: the return
    // is abandoned and SysTick's handler starts 6 cycles later (a tail-chain), at t + 14,
    // reading CYCCNT at t + 16; without pop pre-emption it would start at t + 14 + 12. The
    // frame left stacked is thread mode's, returning to `start`.
    assert_eq!(log(&mut m, 2), [m.register(4) + 16, 0]);
}

/// A SysTick handler that reads CYCCNT first thing (r8 holds its address) into the word at r9,
/// switches SysTick off (r10 holds SYST_CSR) and returns: 2 + 1 + 1 + 1 + 1, so the return
/// starts 6 cycles after the handler does and ends 10 later.
const READ_AND_RETURN: &str = "
        .thumb_func
    SysTick_Handler:
        ldr r1, [r8]
        str r1, [r9]
        movs r2, #0
        str r2, [r10]
        bx lr
";

/// Runs `instruction` at D + 103 with SysTick ticking at D + 108 (see [`TICK_AT_108`]), then
/// reads CYCCNT into r6. Returns the CYCCNT the handler read and r6.
fn tick_during(instruction: &str) -> (u32, u32) {
    let (o, _, mut m) = run(&format!(
        "
        ldr r8, =0xE0001004
        ldr r9, =0x20000100
        ldr r10, =0xE000E010
        {CYCCNT_ON}{TICK_AT_108}{PAIRS_TO_D103}
        {instruction}          @ D + 103
        ldr r6, [r8]
        bkpt #0
        .ltorg
        {READ_AND_RETURN}"
    ));
    assert!(matches!(o, Outcome::Breakpoint { .. }), "{o:?}");
    (log(&mut m, 1)[0], m.register(6))
}

#[test]
fn an_interrupt_stops_push_and_ldrd_part_way() {
    // PUSH {r0-r7} runs D + 103 .. 112; the tick at D + 108 stops it 5 cycles in. The handler
    // starts at D + 120 (not 124), its return ends at D + 136, and the PUSH continues for its
    // last 4 cycles: the LDR after it reads CYCCNT at D + 140.
    assert_eq!(tick_during("push {r0-r7}"), (120, 140));
    // An LDRD at D + 103 .. 106 completes; the LDR after it reads at D + 106 and completes
    // at the tick, which is taken after it.
    assert_eq!(tick_during("ldrd r0, r1, [r5]"), (120, 106));
    // An LDRD at D + 106 .. 109 is under way at the tick: abandoned, the handler starts at
    // D + 120 (not 121), and it runs again in full after the return (D + 136 .. 139).
    assert_eq!(
        tick_during("nop\n nop\n nop\n ldrd r0, r1, [r5]"),
        (120, 139)
    );
}

#[test]
fn a_store_through_a_pointer_pends_exactly_from_its_second_run_on() {
    // `pend` writes NVIC_ISPR0 through the pointer in r0, an address its block does not form.
    // The first time, IRQ 0 is taken at the end of that block, after the BX: at the caller's
    // next instruction. The store is then learned, and the second time IRQ 0 is taken right
    // after it, before the ADD.
    let (o, _, m) = run("
        ldr r3, =0xE000E100    @ NVIC_ISER0
        movs r1, #1
        str r1, [r3]           @ IRQ 0 enabled
        ldr r0, =0xE000E200    @ NVIC_ISPR0
        ldr r5, =0x20000100
        bl pend
    after_first:
        bl pend
        ldr r6, =after_first
        ldr r7, =pend_add
        bkpt #0
        .thumb_func
    pend:
        str r1, [r0]           @ IRQ 0 pends
    pend_add:
        adds r2, #1
        bx lr
        .ltorg
        .thumb_func
    IRQ0_Handler:
        ldr r3, [sp, #24]      @ the stacked return address
        str r3, [r5], #4
        bx lr
        .ltorg");
    assert!(matches!(o, Outcome::Breakpoint { .. }), "{o:?}");
    let returns: Vec<u32> = m
        .read_memory(0x2000_0100, 8)
        .chunks(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    assert_eq!(returns, [m.register(6), m.register(7)]);
    assert_eq!(m.register(2), 2);
}

#[test]
fn a_block_entered_after_a_taken_and_a_not_taken_branch_pays_each_its_own() {
    // The block at 2 is entered after `beq 2f` taken (a refill) and after `beq 3f` not taken
    // (none), in turn: its hook's shortcut must follow what ran before it, not only the block.
    let body = "
        movs r0, #100        @ 1
    1:  lsls r1, r0, #31     @ 100 x 1: Z when r0 is even
        beq 2f               @ 50 x (1 + P=1) taken, 50 x 1 not
        cmp r0, #0           @ 50 x 1 (odd r0)
        beq 3f               @ 50 x 1, never taken: falls into 2
    2:  subs r0, #1          @ 100 x 1
        bne 1b               @ 99 x (1 + P=1) + 1
    3:  bkpt #0              @ 1
    ";
    let (_, cycles, m) = run(body);
    assert_eq!(
        cycles,
        1 + 100 + (50 * 2 + 50) + 50 + 50 + 100 + (99 * 2 + 1) + 1
    );
    assert_eq!(m.instructions(), 1 + 100 + 100 + 50 + 50 + 100 + 100 + 1);
    let mut stepped = machine(body);
    step_through(&mut stepped, |_| {});
    assert_eq!(totals(&stepped), totals(&m));
}

#[test]
fn a_call_probed_after_its_callee_ran_reports_every_call_after() {
    // Nine calls run unprobed first, so the callee's block is charged by its memo's shortcut
    // by then; probed, each of the eleven calls after must still report its start.
    let body = "
        movs r4, #20         @ 1
    1:  bl 2f                @ 1 + P=1
        subs r4, #1          @ 1
        bne 1b               @ 1 + P=2 (taken): the BL is 32-bit at 4n+2
        bkpt #0
    2:  adds r0, #1          @ 1
        bx lr                @ 1 + P=1
    ";
    let mut m = machine(body);
    // 1 + 9 iterations of 9 cycles: it stops before the tenth call.
    assert_eq!(m.run(82).expect("engine"), Outcome::CycleLimit);
    assert_eq!((m.cycles(), m.register(4), m.register(0)), (82, 11, 9));
    let resume = (m.register(14) & !1) as u32;
    m.probe_calls(&[emulator::CallProbe {
        call: resume - 4,
        resumes: vec![resume],
        id_reg: 0,
        id_path: vec![],
    }])
    .expect("probes");
    m.drain_events();
    assert!(matches!(
        m.run(1_000_000).expect("engine"),
        Outcome::Breakpoint { .. }
    ));
    let events = m.drain_events();
    let calls: Vec<u64> = events
        .iter()
        .filter_map(|e| match e {
            Event::Call { cycle, .. } => Some(*cycle),
            _ => None,
        })
        .collect();
    // Each call starts after its BL's 2 cycles, 9 cycles apart.
    assert_eq!(calls, (0..11).map(|k| 82 + 2 + 9 * k).collect::<Vec<u64>>());
}

#[test]
fn a_store_that_pends_stops_the_next_block_even_where_it_has_a_shortcut() {
    // The store writes RAM through r5 three times, so the block after it is charged by its
    // memo's shortcut by then; the fourth time r5 holds NVIC_ISPR0, and IRQ 0 is taken
    // before that block runs again (the handler sees 3 of them), not after it.
    let (o, _, mut m) = run("
        ldr r3, =0xE000E100    @ NVIC_ISER0
        movs r1, #1
        str r1, [r3]           @ IRQ 0 enabled
        ldr r7, =targets
        ldr r8, =0x20000100
        movs r4, #4
        movs r6, #0
    1:  ldr r5, [r7], #4
        str r1, [r5]           @ RAM three times, then NVIC_ISPR0
        b 2f
    2:  adds r6, #1            @ counts the blocks after the store
        subs r4, #1
        bne 1b
        bkpt #0
        .ltorg
        .align 2
    targets:
        .word 0x20000200, 0x20000200, 0x20000200, 0xE000E200
        .thumb_func
    IRQ0_Handler:
        str r6, [r8]
        bx lr
        .ltorg");
    assert!(matches!(o, Outcome::Breakpoint { .. }), "{o:?}");
    assert_eq!((log(&mut m, 1), m.register(6)), (vec![3], 4));
}

#[test]
fn a_loop_of_one_block_is_interrupted_at_the_exact_instruction_as_stepping_it_is() {
    // From its third run on, the loop's block only counts its runs (`Repeat`); the tick
    // still comes at the instruction stepping takes it at.
    let source = format!(
        "{CYCCNT_ON}{TICK_AT_108}
        movs r0, #40           @ D + 10
    start:                     @ run k from 0: subs at D + 11 + 3k, bne (taken: 2) at D + 12 + 3k
        subs r0, #1
        bne start
        bkpt #0
        .ltorg
        {}",
        log_interrupted("SysTick_Handler")
    );
    let mut straight = cyclops_tests::machine(&source);
    assert!(matches!(
        straight.run(1_000_000).unwrap(),
        Outcome::Breakpoint { .. }
    ));
    let mut stepped = cyclops_tests::machine(&source);
    assert!(matches!(
        step_through(&mut stepped, |_| {}),
        Outcome::Breakpoint { .. }
    ));
    // The tick comes at D + 108, as run 32's branch would start: the exception is taken
    // there, returning to that branch; the handler reads CYCCNT 12 + 2 cycles after entry.
    assert_eq!(log(&mut straight, 2), [108 + 12 + 2, 2]);
    assert_eq!(log(&mut stepped, 2), log(&mut straight, 2));
    assert_eq!(totals(&stepped), totals(&straight));
}

#[test]
fn a_loop_of_one_block_polling_cyccnt_reads_the_exact_cycle_run_whole_or_in_slices() {
    // Its load of CYCCNT settles the block's counted runs before it reads; budgets that
    // end inside the loop stop where they would without the count.
    let source = format!(
        "{CYCCNT_ON}
        ldr r2, =1000          @ D + 1 (2)
    1:  ldr r1, [r0]           @ run k from 0 reads D + 3 + 5k
        cmp r1, r2
        bcc 1b                 @ 2 taken
        bkpt #0
        .ltorg"
    );
    let mut straight = cyclops_tests::machine(&source);
    assert!(matches!(
        straight.run(1_000_000).unwrap(),
        Outcome::Breakpoint { .. }
    ));
    // The first run k with 3 + 5k >= 1000 is k = 200.
    assert_eq!(straight.register(1), 3 + 5 * 200);
    let mut sliced = cyclops_tests::machine(&source);
    let mut slices = 0;
    while sliced.run(37).unwrap() == Outcome::CycleLimit {
        slices += 1;
    }
    assert!(slices > 20, "{slices}");
    assert_eq!(sliced.register(1), straight.register(1));
    assert_eq!(totals(&sliced), totals(&straight));
}

#[test]
fn a_conditional_branch_to_the_next_instruction_pays_its_refill_only_when_taken() {
    // Where the next block starts does not tell whether such a branch was taken: the
    // flags do.
    let body = "
        movs r0, #0            @ 1: Z set
        beq 1f                 @ to the next instruction, taken: 1 + P = 2
    1:  movs r0, #1            @ 1: Z clear
        beq 2f                 @ to the next instruction, not taken: 1
    2:  cmp r0, #1             @ 1: Z set
        it eq                  @ 1
        beq 3f                 @ governed by the IT, taken: 2
    3:  it ne                  @ 1
        bne 4f                 @ governed, its condition fails: 1
    4:  ldr r1, =after_bx + 1  @ 2
        it eq                  @ 1
        bxeq r1                @ governed, to the next instruction, taken: 2
    after_bx:
        bkpt #1                @ 1
        .ltorg
    ";
    let (o, cycles, m) = run(body);
    assert!(matches!(o, Outcome::Breakpoint { imm: 1, .. }), "{o:?}");
    assert_eq!(cycles, 1 + 2 + 1 + 1 + 1 + 1 + 2 + 1 + 1 + 2 + 1 + 2 + 1);
    assert_eq!(m.instructions(), 13);
    let mut stepped = machine(body);
    step_through(&mut stepped, |_| {});
    assert_eq!(totals(&stepped), totals(&m));
}
