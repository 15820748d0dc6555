@ case: b-forward-to-16-bit
@ cycles: 3 = B 1 + P 1 (16-bit target) + MOVS 1
    b 1f
    nop
1:  movs r0, #1

@ case: bne-not-taken
@ cycles: 2 = CMP 1 + BNE 1 (not taken)
    cmp r0, r0
    bne 1f
1:

@ case: bne-taken
@ cycles: 4 = CMP 1 + BNE 1 + P 1 + NOP 1
    cmp r0, #0
    bne 1f
    nop
1:  nop

@ case: cbz-not-taken-cbnz-taken
@ cycles: 5 = CBZ 1 (not taken) + CBNZ 1 + P 1 + MOVS 1 + NOP 1
    cbz r0, 1f
    cbnz r0, 2f
1:  nop
2:  movs r0, #0
    nop

@ case: bl-and-return
@ cycles: 6 = BL 1 + P 1, BX LR 1 + P 1, B 1 + P 1 (every target 16-bit)
    bl 1f
    b 2f
1:  bx lr
2:

@ case: branch-to-unaligned-32-bit
@ cycles: 4 = B 1 + P 2 (a 32-bit target at a halfword address) + ADD.W 1
    b 1f
    .align 2
    nop
1:  add.w r0, r0, #1

@ case: branch-to-aligned-32-bit
@ cycles: 3 = B 1 + P 1 + ADD.W 1
    b 1f
    nop
    .align 2
1:  add.w r0, r0, #1

@ case: countdown-loop
@ cycles: 12 = MOVS 1 + 4 x SUBS 1 + 3 x BNE taken (1 + P 1) + BNE not taken 1
    movs r0, #4
1:  subs r0, #1
    bne 1b

@ case: b-wide-forward
@ cycles: 3 = B.W 1 + P 1 + NOP 1
    b.w 1f
    nop
    nop
1:  nop

@ case: bne-wide-not-taken
@ cycles: 2 = CMP 1 + BNE.W 1
    cmp r0, r0
    bne.w 1f
1:

@ case: bne-wide-taken
@ cycles: 4 = CMP 1 + BNE.W 1 + P 1 + NOP 1
    cmp r0, #0
    bne.w 1f
    nop
1:  nop

@ case: cbz-taken
@ cycles: 4 = MOVS 1 + CBZ 1 + P 1 + NOP 1
    movs r2, #0
    cbz r2, 1f
    nop
1:  nop

@ case: bl-push-pop-pc
@ cycles: 9 = BL (1 + P 1) + PUSH {lr} (1 + 1) + POP {pc} (1 + 1 + P 1) + B (1 + P 1)
    bl 1f
    b 2f
1:  push {lr}
    pop {pc}
2:

@ case: blx-register
@ cycles: 8 = ADR 1 + ADDS 1 + BLX (1 + P 1) + BX LR (1 + P 1) + B (1 + P 1)
    adr r2, 1f
    adds r2, #1
    blx r2
    b 2f
    .align 2
1:  bx lr
2:

@ case: tbb
@ cycles: 5 = MOVS 1 + TBB (2 + P 1) + NOP 1: entry 1 of the table
    movs r2, #1
    tbb [pc, r2]
1:  .byte (2f - 1b) / 2
    .byte (3f - 1b) / 2
    .align 1
2:  nop
3:  nop

@ case: tbh
@ cycles: 5 = MOVS 1 + TBH (2 + P 1) + NOP 1: entry 1 of the table
    movs r2, #1
    tbh [pc, r2, lsl #1]
1:  .hword (2f - 1b) / 2
    .hword (3f - 1b) / 2
2:  nop
3:  nop

@ case: mov-pc
@ cycles: 7 = ADR 1 + ADDS 1 + MOV LR 1 + MOV PC (1 + P 1) + B (1 + P 1)
    adr r2, 1f
    adds r2, #1
    mov lr, r2
    mov pc, lr
    .align 2
1:  b 2f
2:

@ case: countdown-loop-wide-branch
@ cycles: 12 = MOVS 1 + 4 x SUBS 1 + 3 x BNE.W taken (1 + P 1) + BNE.W not taken 1
    movs r0, #4
1:  subs r0, #1
    bne.w 1b

@ case: beq-taken-to-the-next-instruction
@ cycles: 4 = CMP 1 + BEQ 1 + P 1 (taken, though it goes where it would fall through) + NOP 1
    cmp r0, r0
    beq 1f
1:  nop

@ case: bne-wide-not-taken-to-the-next-instruction
@ cycles: 3 = CMP 1 + BNE.W 1 (not taken) + NOP 1
    cmp r0, r0
    bne.w 1f
1:  nop

@ case: it-beq-taken-to-the-next-instruction
@ cycles: 5 = CMP 1 + IT 1 + B 1 (EQ holds) + P 1 + NOP 1
    cmp r0, r0
    it eq
    beq 1f
1:  nop
