@ case: ldr-single
@ cycles: 2 = LDR
    ldr r0, [r1]

@ case: ldr-three-independent-pipeline
@ cycles: 4 = 2 + 1 + 1: each load after a load pipelines (TRM: N loads take N + 1)
    ldr r0, [r1]
    ldr r2, [r3]
    ldr r4, [r5]

@ case: ldr-dependent-address-does-not-pipeline
@ cycles: 4 = 2 + 2: the second address needs the first load's value
    ldr r0, [r1]
    ldr r2, [r0]

@ case: ldr-after-alu-on-its-base-stalls
@ cycles: 4 = 1 (ADDS) + 2 + 1: no forwarding from the ALU to the address generator
    adds r1, #0
    ldr r0, [r1]

@ case: ldr-after-alu-on-another-register
@ cycles: 3 = 1 + 2
    adds r2, #0
    ldr r0, [r1]

@ case: str-immediate
@ cycles: 1 = STR with an immediate offset retires in 1 (write buffer)
    str r0, [r1]

@ case: str-register-offset
@ cycles: 2 = STR with a register offset
    str r0, [r1, r6]

@ case: str-then-ldr
@ cycles: 4 = 1 + 2 + 1: a load right after a store waits for the write buffer
    str r0, [r1, #4]
    ldr r2, [r3]

@ case: ldr-then-str-register-offset
@ cycles: 3 = 2 + (2 - 1): the store pipelines after the load
    ldr r0, [r1]
    str r2, [r3, r6]

@ case: ldr-literal
@ cycles: 2 = LDR (literal)
    ldr r0, =0x12345678

@ case: ldrb-ldrh-ldrsb-ldrsh-pipeline
@ cycles: 5 = 2 + 1 + 1 + 1
    ldrb r0, [r1]
    ldrh r2, [r3]
    ldrsb r4, [r5, r6]
    ldrsh r7, [r1, r6]

@ case: ldr-wide-immediate
@ cycles: 2 = LDR.W
    ldr.w r0, [r1, #8]

@ case: str-wide-immediate
@ cycles: 1 = STR.W with an immediate offset
    str.w r0, [r1, #8]

@ case: str-wide-register-offset
@ cycles: 2 = STR.W with a shifted register offset
    str.w r0, [r1, r6, lsl #2]

@ case: ldrd
@ cycles: 3 = 1 + N, N = 2
    ldrd r2, r3, [r1]

@ case: strd
@ cycles: 3 = 1 + N, N = 2
    strd r2, r3, [r1]

@ case: ldrd-does-not-pipeline
@ cycles: 5 = 2 + 3: LDRD never pipelines with its neighbours
    ldr r0, [r1]
    ldrd r2, r3, [r1]

@ case: ldm-four
@ cycles: 5 = 1 + N, N = 4
    ldm r1, {r2, r3, r4, r5}

@ case: stm-three
@ cycles: 4 = 1 + N, N = 3
    stm r1, {r2, r3, r4}

@ case: push-pop
@ cycles: 6 = (1 + 2) + (1 + 2)
    push {r2, r3}
    pop {r2, r3}

@ case: push-wide-with-lr
@ cycles: 7 = PUSH.W 1 + N (N = 5, LR counts) + ADD SP 1
    push.w {r4-r7, lr}
    add sp, #20

@ case: ldr-post-and-pre-indexed
@ cycles: 3 = 2 + 1: the pre-indexed load pipelines after the post-indexed one
    ldr r0, [r1], #4
    ldr r2, [r3, #4]!

@ case: ldrh-strb-immediate
@ cycles: 3 = LDRH 2 + STRB 1
    ldrh r0, [r1, #2]
    strb r0, [r1, #3]

@ case: ldr-sp-relative
@ cycles: 7 = SUB SP 1 + STR 1 + LDR 2 + 1 (after the store) + ADD SP 1 ... +1: the STR's base SP came from the ALU (SUB SP) = STR (SP) 1 + LDR (SP) 2 + 1 (a load right after a store)
    sub sp, #8
    str r0, [sp]
    ldr r2, [sp]
    add sp, #8

@ case: ldm-writeback-then-stmdb
@ cycles: 6 = LDMIA! (1 + 2) + STMDB! (1 + 2)
    ldmia r1!, {r2, r3}
    stmdb r1!, {r2, r3}

@ case: four-independent-loads
@ cycles: 5 = 2 + 1 + 1 + 1
    ldr r0, [r1]
    ldr r2, [r3, #4]
    ldr.w r4, [r5, #8]
    ldrb r7, [r1, r6]

@ case: load-chain-broken-by-dependency
@ cycles: 5 = 2 + 1 + 2: the third needs the second's value
    ldr r0, [r1]
    ldr r2, [r3]
    ldr r4, [r2]

@ case: alu-then-store-address
@ cycles: 3 = MOV 1 + STR (1 + 1): the store's base came from the ALU
    mov r2, r1
    str r0, [r2]

@ case: alu-then-store-data
@ cycles: 2 = ADDS 1 + STR 1: only address registers stall
    adds r0, #1
    str r0, [r1]
