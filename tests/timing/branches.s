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
