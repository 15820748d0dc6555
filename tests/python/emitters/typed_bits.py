# Bit manipulation on int-annotated values, compiled by every emitter (viper too).
def popcount(x: int) -> int:
    c = 0
    while x:
        c += x & 1
        x = x >> 1
    return c

def reverse8(x: int) -> int:
    r = 0
    for i in range(8):
        r = (r << 1) | ((x >> i) & 1)
    return r

def mix(a: int, b: int) -> int:
    return ((a ^ b) & 0xff) | ((a | b) << 8) & 0xff00

print(popcount(255), popcount(0x1234), reverse8(1), reverse8(0x0f), mix(0x35, 0x0c))
