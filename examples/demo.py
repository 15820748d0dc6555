# The Cyclops demo (what `cyclops tui` runs with no argument): the pyboard's four LEDs
# light in turn, and while each is lit the seed's ways of toggling pin X1 (PA0) are run
# under each code emitter. The TUI's emitter panel shows every function's exact cycles
# per call; the console prints what one round of each took, once.
import machine
import micropython
import stm
import time

N = const(50)
BIT0 = const(1)
ODR = stm.GPIOA + stm.GPIO_ODR
x1 = machine.Pin("X1", machine.Pin.OUT)


def toggle_value(n):
    # Two method calls per toggle (the seed's first version).
    for _ in range(n):
        x1.value(x1.value() ^ 1)


def toggle_mem16(n):
    # A read-modify-write of the output data register through machine.mem16.
    for _ in range(n):
        machine.mem16[ODR] ^= BIT0


@micropython.native
def toggle_native(n):
    for _ in range(n):
        machine.mem16[ODR] ^= BIT0


@micropython.viper
def toggle_viper(n: int):
    odr = ptr16(stm.GPIOA + stm.GPIO_ODR)
    for _ in range(n):
        odr[0] ^= BIT0


TOGGLES = (
    ("toggle_value", toggle_value),
    ("toggle_mem16", toggle_mem16),
    ("toggle_native", toggle_native),
    ("toggle_viper", toggle_viper),
)
LEDS = [machine.Pin(n, machine.Pin.OUT) for n in ("LED_RED", "LED_GREEN", "LED_YELLOW", "LED_BLUE")]

first = True
while True:
    for led in LEDS:
        led.on()
        for name, toggle in TOGGLES:
            start = time.ticks_cpu()
            toggle(N)
            spent = time.ticks_diff(time.ticks_cpu(), start)
            if first:
                print("{:14} {:6} cycles for {} toggles".format(name, spent, N))
        first = False
        time.sleep_ms(200)
        led.off()
