@ case: empty
@ cycles: 0 = nothing

@ case: movs-adds-subs
@ cycles: 3 = 1 + 1 + 1
    movs r0, #1
    adds r0, r0, #2
    subs r0, #1

@ case: wide-data-processing
@ cycles: 5 = MOVW, MOVT, ADD.W, EOR.W, BFI: 1 each
    movw r0, #0x1234
    movt r0, #0x5678
    add.w r2, r3, r4, lsl #2
    eor.w r2, r2, #0xFF
    bfi r2, r3, #4, #8

@ case: multiplies
@ cycles: 5 = MUL, MLA, MLS, UMULL, SMLAL: 1 each on the M4
    muls r0, r1
    mla r0, r1, r2, r3
    mls r0, r1, r2, r3
    umull r4, r5, r1, r2
    smlal r4, r5, r1, r2

@ case: dsp-and-simd
@ cycles: 4 = SMLABB, QADD, SADD16, USAT: 1 each
    smlabb r0, r1, r2, r3
    qadd r0, r1, r2
    sadd16 r0, r1, r2
    usat r0, #8, r1

@ case: bit-operations
@ cycles: 5 = CLZ, RBIT, REV, UXTB, SBFX: 1 each
    clz r0, r1
    rbit r0, r1
    rev r0, r1
    uxtb r0, r1
    sbfx r0, r1, #3, #5

@ case: nop
@ cycles: 1 = NOP
    nop
