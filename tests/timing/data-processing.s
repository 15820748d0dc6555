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

@ case: compare-and-test
@ cycles: 4 = CMP, CMN, TST, TEQ: 1 each
    cmp r0, r1
    cmn r0, r1
    tst r0, r1
    teq r0, r1

@ case: arithmetic-with-carry
@ cycles: 4 = ADCS, SBCS, RSB, NEGS: 1 each
    adcs r0, r1
    sbcs r0, r1
    rsb r0, r1, #7
    negs r0, r1

@ case: shifts-by-register-and-rrx
@ cycles: 4 = LSL.W, ASR.W, ROR.W by register, RRX: 1 each
    lsl.w r0, r1, r6
    asr.w r0, r1, r6
    ror.w r0, r1, r6
    rrx r0, r1

@ case: logic
@ cycles: 5 = ANDS, ORRS, EORS, BICS, ORN: 1 each
    ands r0, r1
    orrs r0, r1
    eors r0, r1
    bics r0, r1
    orn r0, r1, r2

@ case: moves
@ cycles: 4 = MOV, MVN, MOVS.W, MOV (register): 1 each
    mov r0, r1
    mvn r0, r1
    movs.w r0, #0x100
    mov r8, r9

@ case: extend-and-accumulate
@ cycles: 4 = SXTB, SXTH, UXTAH, SXTAB: 1 each
    sxtb r0, r1
    sxth r0, r1
    uxtah r0, r1, r2
    sxtab r0, r1, r2

@ case: bit-field
@ cycles: 4 = BFC, UBFX, REV16, REVSH: 1 each
    bfc r0, #4, #8
    ubfx r0, r1, #2, #6
    rev16 r0, r1
    revsh r0, r1

@ case: saturation
@ cycles: 4 = SSAT, USAT16, QSUB, QDADD: 1 each
    ssat r0, #16, r1
    usat16 r0, #8, r1
    qsub r0, r1, r2
    qdadd r0, r1, r2

@ case: simd
@ cycles: 4 = UADD8, SSUB16, SEL, USAD8: 1 each
    uadd8 r0, r1, r2
    ssub16 r0, r1, r2
    sel r0, r1, r2
    usad8 r0, r1, r2

@ case: long-multiplies
@ cycles: 4 = SMULL, UMLAL, UMAAL, SMLALBB: 1 each
    smull r2, r3, r0, r1
    umlal r2, r3, r0, r1
    umaal r2, r3, r0, r1
    smlalbb r2, r3, r0, r1

@ case: dsp-multiplies
@ cycles: 5 = SMULBT, SMLAWB, SMUAD, SMMUL, SMMLA: 1 each
    smulbt r0, r1, r2
    smlawb r0, r1, r2, r3
    smuad r0, r1, r2
    smmul r0, r1, r2
    smmla r0, r1, r2, r3

@ case: adr-and-sp-arithmetic
@ cycles: 4 = ADR, ADD r0, SP, SUB SP, ADD SP: 1 each
    adr r0, 1f
    add r0, sp, #8
    sub sp, #16
    add sp, #16
    .align 2
1:

@ case: wide-immediates
@ cycles: 4 = ADD.W, SUBW, ADDW, CMP.W with modified immediates: 1 each
    add.w r0, r1, #0x00ff00ff
    subw r0, r1, #0xfff
    addw r0, r1, #1
    cmp.w r0, #0x10000
