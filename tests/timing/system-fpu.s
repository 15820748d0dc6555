@ case: special-registers
@ cycles: 5 = MRS 1 + MSR 2 + CPSID 1 + CPSIE 1
    mrs r0, primask
    msr primask, r0
    cpsid i
    cpsie i

@ case: msr-basepri
@ cycles: 3 = MOVS 1 + MSR 2
    movs r0, #0
    msr basepri, r0

@ case: barriers
@ cycles: 4 = DMB 1 + DSB 1 + ISB 2 (a refill)
    dmb
    dsb
    isb

@ case: hints
@ cycles: 3 = NOP.W 1 + SEV 1 + YIELD 1
    nop.w
    sev
    yield

@ case: exclusive-access
@ cycles: 5 = LDREX 2 + STREX 2 + CLREX 1
    ldrex r0, [r1]
    strex r2, r0, [r1]
    clrex

@ case: fp-add-mul
@ cycles: 4 = VADD, VSUB, VMUL, VNMUL: 1 each
    vadd.f32 s0, s1, s2
    vsub.f32 s0, s1, s2
    vmul.f32 s0, s1, s2
    vnmul.f32 s0, s1, s2

@ case: fp-multiply-accumulate
@ cycles: 12 = VMLA, VMLS, VFMA, VFNMS: 3 each
    vmla.f32 s0, s1, s2
    vmls.f32 s0, s1, s2
    vfma.f32 s0, s1, s2
    vfnms.f32 s0, s1, s2

@ case: fp-divide-and-square-root
@ cycles: 29 = VDIV 1; VSQRT waits for the divide (13) + 1; VMOV to a core register waits for the root (13) + 1
    vdiv.f32 s0, s1, s2
    vsqrt.f32 s0, s1
    vmov r0, s0

@ case: integer-work-in-the-shadow-of-a-divide
@ cycles: 15 = VDIV 1; four ADDS 4 while it runs; VADD waits for it (14 - 5 = 9) + 1
    vdiv.f32 s0, s1, s2
    adds r0, #1
    adds r0, #1
    adds r0, #1
    adds r0, #1
    vadd.f32 s3, s0, s1

@ case: a-divide-running-across-a-branch
@ cycles: 15 = VDIV 1; B 1 + P 1; ADDS 1; VADD, in the next block, waits for the divide (14 - 4 = 10) + 1
    vdiv.f32 s0, s1, s2
    b 1f
1:  adds r0, #1
    vadd.f32 s3, s0, s1

@ case: fp-moves-and-conversions
@ cycles: 6 = VMOV (immediate), VMOV (register), VABS, VNEG, VCVT, VCMP: 1 each
    vmov.f32 s0, #1.0
    vmov.f32 s1, s0
    vabs.f32 s2, s1
    vneg.f32 s3, s2
    vcvt.s32.f32 s4, s3
    vcmp.f32 s0, s1

@ case: fp-core-register-transfers
@ cycles: 5 = VMOV S from R 1 + VMOV R from S 1 + VMOV two registers 2 + VMRS 1
    vmov s0, r0
    vmov r2, s0
    vmov s0, s1, r0, r1
    vmrs APSR_nzcv, fpscr

@ case: fp-load-store
@ cycles: 4 = VLDR 2 + VSTR 2
    vldr s0, [r1]
    vstr s0, [r1, #4]

@ case: fp-push-pop
@ cycles: 10 = VPUSH (1 + 4) + VPOP (1 + 4)
    vpush {s16-s19}
    vpop {s16-s19}

@ case: fp-load-store-multiple
@ cycles: 6 = VLDM (1 + 2) + VSTM (1 + 2)
    vldm r1, {s0-s1}
    vstm r1, {s0-s1}
