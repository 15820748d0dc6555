# The seed's `toggle_n` as viper code: a ptr16 read-modify-write of GPIOA's ODR per
# iteration (PA14, the pyboard's green LED). tests/tests/viper_timing.rs checks that one
# iteration costs exactly the sum of its machine instructions' Cortex-M4 cycles.
import micropython

N = 1000


@micropython.viper
def toggle_n(n: int):
    odr = ptr16(0x40020014)
    for _ in range(n):
        odr[0] ^= 1 << 14


toggle_n(N)
