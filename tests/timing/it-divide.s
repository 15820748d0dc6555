@ case: it-passing-load
@ cycles: 4 = CMP 1 + IT 1 + LDREQ 2 (Z is set: it runs)
    cmp r0, r0
    it eq
    ldreq r2, [r1]

@ case: it-failing-load
@ cycles: 3 = CMP 1 + IT 1 + LDRNE 1 (an instruction whose condition fails takes 1)
    cmp r0, r0
    it ne
    ldrne r2, [r1]

@ case: ite-one-passes-one-fails
@ cycles: 5 = CMP 1 + ITE 1 + LDREQ 2 + LDRDNE 1 (fails; 3 when it runs)
    cmp r0, r0
    ite eq
    ldreq r2, [r1]
    ldrdne r2, r3, [r1]

@ case: itttt-all-fail
@ cycles: 6 = CMP 1 + IT 1 + 4 x 1 (PUSH, POP, MUL, LDR all fail)
    cmp r0, r0
    itttt ne
    pushne {r2, r3}
    popne {r2, r3}
    mulne r2, r3, r2
    ldrne r2, [r1]

@ case: it-failing-branch-falls-through
@ cycles: 5 = CMP 1 + IT 1 + BNE 1 (fails: no refill) + NOP 1 + NOP 1
    cmp r0, r0
    it ne
    bne 1f
    nop
    nop
1:

@ case: it-passing-branch
@ cycles: 4 = CMP 1 + IT 1 + BEQ 1 + P 1
    cmp r0, r0
    it eq
    beq 1f
    nop
    nop
1:

@ case: udiv-large-quotient
@ cycles: 9 = 2 + ceil(28 / 4): 0x20000100 / 4 has clz(4) + 1 - clz(0x20000100) = 29 + 1 - 2 = 28 quotient bits
    udiv r0, r1, r6

@ case: udiv-one-quotient-bit
@ cycles: 3 = 2 + ceil(1 / 4): x / x
    udiv r0, r1, r1

@ case: udiv-zero-quotient
@ cycles: 2 = 2 + 0: 4 / 0x20000100, the divisor is the larger
    udiv r0, r6, r1

@ case: udiv-by-zero
@ cycles: 3 = MOVS 1 + UDIV 2 (dividing by zero gives 0 at once)
    movs r2, #0
    udiv r0, r1, r2

@ case: sdiv-negative-dividend
@ cycles: 5 = NEGS 1 + SDIV (2 + ceil(1 / 4) + 1 for the negative dividend): -4 / 4
    negs r2, r6
    sdiv r0, r2, r6

@ case: sdiv-the-bound
@ cycles: 15 = MOVS 1 + LSLS 1 + MOVS 1 + RSBS 1 + SDIV 11: INT_MIN / 1 has 32 quotient bits (2 + 8) and one negative operand (+ 1)
    movs r2, #1
    lsls r2, r2, #31
    movs r3, #1
    rsbs r4, r3, #0
    sdiv r0, r2, r3
