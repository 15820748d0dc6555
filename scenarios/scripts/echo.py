# machine.UART(1) is USART1, which the scenario writes to: a line read into a preallocated
# buffer through a memoryview, then echoed.
from machine import UART

uart = UART(1, 115200, timeout=1000)
buf = bytearray(16)
mv = memoryview(buf)
print("ready")
n = uart.readinto(mv[:5])
print("got", bytes(mv[:n]))
uart.write(b"bye\n")
