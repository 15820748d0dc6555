# Seed, "Accessing hardware directly": toggle_n toggles X1 (PA0) n times through a ptr16
# to GPIOA's output data register. X1 is made an output first (the tutorial's board has
# it configured); the test checks the exact transitions on PA0.
import machine
import micropython
import stm

machine.Pin("X1", machine.Pin.OUT)

BIT0 = const(1)
@micropython.viper
def toggle_n(n: int):
    odr = ptr16(stm.GPIOA + stm.GPIO_ODR)
    for _ in range(n):
        odr[0] ^= BIT0

toggle_n(6)
print(machine.Pin("X1").value())
