@ case: push-one-and-eight
@ cycles: 12 = PUSH {r0} (1 + 1) + PUSH {r0-r7} (1 + 8) + ADD SP 1
    push {r0}
    push {r0-r7}
    add sp, #36

@ case: pop-eight
@ cycles: 10 = SUB SP 1 + POP {r0-r7} (1 + 8): POP is not a single load, so no address stall
    sub sp, #32
    pop {r0-r7}

@ case: stmia-one
@ cycles: 2 = STMIA! 1 + N, N = 1
    stmia r1!, {r2}

@ case: ldmia-pc
@ cycles: 11 = BL (1 + P 1) + PUSH {r0, lr} (1 + 2) + LDMIA SP! {r0, pc} (1 + 2 + P 1) + B (1 + P 1)
    bl 1f
    b 2f
1:  push {r0, lr}
    ldmia sp!, {r0, pc}
2:

@ case: ldr-pc-literal
@ cycles: 4 = LDR PC (2 + P 1) + NOP 1
    ldr pc, =1f + 1
    nop
    nop
    .ltorg
1:  nop

@ case: cbnz-not-taken
@ cycles: 3 = MOVS 1 + CBNZ 1 + NOP 1
    movs r2, #0
    cbnz r2, 1f
1:  nop

@ case: movw-movt-pair
@ cycles: 2 = MOVW 1 + MOVT 1
    movw r2, #0x5678
    movt r2, #0x1234

@ case: mul-result-as-offset
@ cycles: 4 = MUL 1 + LDR (2 + 1): the offset register came from the ALU
    mul r3, r6, r6
    ldr r0, [r1, r3]

@ case: mov-then-ldrh
@ cycles: 4 = MOV 1 + LDRH (2 + 1)
    mov r2, r1
    ldrh r0, [r2]

@ case: store-store
@ cycles: 2 = STR 1 + STR 1
    str r0, [r1]
    str r0, [r1, #4]

@ case: three-stores
@ cycles: 3 = STR 1 + STRH 1 + STRB 1
    str r0, [r1]
    strh r0, [r1, #4]
    strb r0, [r1, #6]

@ case: store-then-register-offset-store
@ cycles: 3 = STR 1 + STR (register offset) 2
    str r0, [r1]
    str r0, [r1, r6]

@ case: load-alu-load
@ cycles: 6 = LDR 2 + ADDS 1 + LDR (2 + 1): its base came from the ALU
    ldr r0, [r1]
    adds r2, r1, #4
    ldr r4, [r2]

@ case: load-then-alu-on-the-loaded-value
@ cycles: 3 = LDR 2 + ADDS 1 (load-use on a data operand costs nothing extra)
    ldr r0, [r1]
    adds r0, #1

@ case: ldrex-does-not-pipeline
@ cycles: 4 = LDR 2 + LDREX 2
    ldr r0, [r1]
    ldrex r2, [r1]

@ case: strex-then-load
@ cycles: 4 = STREX 2 + LDR 2 (STREX is not a plain store: no write-buffer wait modelled)
    strex r2, r0, [r1]
    ldr r4, [r3]

@ case: udiv-17-bit-quotient
@ cycles: 10 = MOVW 1 + MOVT 1 + MOVS 1 + UDIV (2 + ceil(17 / 4) = 7): 0x10001 / 1 has clz(1) + 1 - clz(0x10001) = 31 + 1 - 15 = 17 quotient bits
    movw r2, #1
    movt r2, #1
    movs r3, #1
    udiv r0, r2, r3

@ case: udiv-8-bit-quotient
@ cycles: 6 = MOVS 1 + MOVS 1 + UDIV (2 + ceil(8 / 4) = 4): 255 / 1 has 31 + 1 - 24 = 8 quotient bits
    movs r2, #255
    movs r3, #1
    udiv r0, r2, r3

@ case: sdiv-both-negative
@ cycles: 7 = NEGS 1 + NEGS 1 + SDIV (2 + ceil(1 / 4) + 2 negative operands = 5): -4 / -4
    negs r2, r6
    negs r3, r6
    sdiv r0, r2, r3

@ case: ite-passing-store-failing-load
@ cycles: 4 = CMP 1 + ITE 1 + STREQ 1 + LDRNE 1 (fails)
    cmp r0, r0
    ite eq
    streq r2, [r1]
    ldrne r3, [r1]

@ case: itt-both-pass
@ cycles: 4 = CMP 1 + ITT 1 + ADDEQ 1 + MOVEQ 1
    cmp r0, r0
    itt eq
    addeq r2, r2, #1
    moveq r3, #2

@ case: ite-alu-one-fails
@ cycles: 4 = CMP 1 + ITE 1 + MOVEQ 1 + MOVNE 1 (fails: 1, as when it runs)
    cmp r0, r0
    ite eq
    moveq r2, #1
    movne r3, #2

@ case: itt-alu-both-fail
@ cycles: 4 = CMP 1 + ITT 1 + ADDNE 1 + EORNE 1 (both fail)
    cmp r0, r0
    itt ne
    addne r2, r2, #1
    eorne r3, r3, r2

@ case: it-failing-divide
@ cycles: 3 = CMP 1 + IT 1 + UDIVNE 1 (fails: 1, not its divide time)
    cmp r0, r0
    it ne
    udivne r2, r1, r6

@ case: fp-conversions
@ cycles: 4 = VCVT (int to float, float to int, with fraction bits), VCVTR: 1 each
    vcvt.f32.u32 s0, s1
    vcvt.u32.f32 s0, s1
    vcvt.f32.s32 s0, s0, #4
    vcvtr.s32.f32 s0, s1

@ case: fp-multiply-accumulate-negated
@ cycles: 6 = VNMLA 3 + VFMS 3
    vnmla.f32 s0, s1, s2
    vfms.f32 s0, s1, s2

@ case: fp-compare-and-status
@ cycles: 3 = VCMPE 1 + VMRS 1 + VMSR 1
    vcmpe.f32 s0, #0.0
    vmrs r2, fpscr
    vmsr fpscr, r2

@ case: fp-vldr-then-vadd
@ cycles: 3 = VLDR 2 + VADD 1
    vldr s0, [r1]
    vadd.f32 s1, s0, s0

@ case: wide-nops
@ cycles: 4 = NOP.W x 4: 1 each
    nop.w
    nop.w
    nop.w
    nop.w

@ case: branch-over-wide-to-wide-unaligned
@ cycles: 5 = B.W (1 + P 2: a 32-bit target at a halfword address) + ADD.W 1 + ADD.W 1
    b.w 1f
    .align 2
    nop
1:  add.w r2, r2, #1
    add.w r2, r2, #1

@ case: tst-bne-loop-of-two
@ cycles: 8 = MOVS 1 + (SUBS 1 + TST 1 + BNE taken 1 + P 1) + (SUBS 1 + TST 1 + BNE not taken 1)
    movs r2, #2
1:  subs r2, #1
    tst r2, r2
    bne 1b
