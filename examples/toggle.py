# Three ways to toggle pin X1 (PA0) from the seed's "Accessing hardware directly": the
# Pin object's value() (two method calls a toggle), a read-modify-write of the GPIO
# output data register through machine.mem16, and a viper ptr16 to that register. Each
# function toggles N times, so its cycles per call / N is one toggle (with its share of
# the loop). Run as written: `cyclops bench examples/toggle.py` (a sweep makes no sense
# here: ptr16 exists only in viper).
import machine
import micropython
import stm

N = const(100)
BIT0 = const(1)
ODR = stm.GPIOA + stm.GPIO_ODR
x1 = machine.Pin("X1", machine.Pin.OUT)


def toggle_value(n):
    for _ in range(n):
        x1.value(x1.value() ^ 1)


def toggle_mem16(n):
    for _ in range(n):
        machine.mem16[ODR] ^= BIT0


@micropython.viper
def toggle_ptr16(n: int):
    # The cast is done once, before the loop, as the seed advises.
    odr = ptr16(stm.GPIOA + stm.GPIO_ODR)
    for _ in range(n):
        odr[0] ^= BIT0


toggle_value(N)
toggle_mem16(N)
toggle_ptr16(N)
print("X1 toggled", 3 * N, "times")
