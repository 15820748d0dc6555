//! The Cyclops Python runtime. The host compiles Python with MicroPython's `mpy-cross`;
//! this crate loads the resulting `.mpy` files (and, to come, runs them).
//!
//! `no_std` with `alloc`, so the same code runs in the firmware and in host tests.

#![no_std]

extern crate alloc;

pub mod mpy;
pub mod qstr;
