//! The VM's cost per iteration, pinned: a change to what the runtime firmware spends on a
//! bytecode loop must come with a deliberate update here (and of the README's table).

use cyclops_tests::vm_bench::{per_iteration, per_iteration_with, script, PerIteration, N, NAMES};

#[test]
fn integer_loop_cycles_per_iteration() {
    assert_eq!(
        per_iteration(&script("int_loop"), N),
        PerIteration {
            whole: 1798,
            remainder: 0,
            n: u64::from(N)
        },
        "the integer loop's cost changed: if that is meant, update this figure and the \
         README's table (`cargo xtask bench`)"
    );
}

/// With flash wait states (the runtime sets LATENCY 5 with prefetch and both caches), the
/// stalls of the loop's flash fetches and loads come on top: pinned too.
#[test]
fn integer_loop_cycles_per_iteration_with_flash_wait_states() {
    assert_eq!(
        per_iteration_with(&script("int_loop"), N, true),
        PerIteration {
            whole: 1963,
            remainder: 0,
            n: u64::from(N)
        },
        "the integer loop's cost with flash wait states changed: if that is meant, update \
         this figure and FIDELITY.md's"
    );
}

/// Each microbenchmark runs and passes its own check (at a small count, to stay fast).
#[test]
fn microbenchmarks_run() {
    for name in NAMES {
        per_iteration(&script(name), 20);
    }
}
