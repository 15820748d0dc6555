# The seed's two ways of toggling the pyboard's green LED (LED_GREEN, CPU pin A14):
# through Pin.value(), then straight on GPIOA's output data register.
import machine
import stm
from machine import Pin

BIT14 = const(1 << 14)
mypin = Pin("LED_GREEN", Pin.OUT)
for _ in range(4):
    mypin.value(mypin.value() ^ 1)
for _ in range(4):
    machine.mem16[stm.GPIOA + stm.GPIO_ODR] ^= BIT14
