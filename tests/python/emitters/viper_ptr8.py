# Viper ptr8 on a bytearray: reads and writes of bytes.
import micropython

# Bytecode stand-in for viper's ptr8() cast (viper code compiles ptr8(x) as a cast).
def ptr8(x):
    return x

@micropython.viper
def fill(buf, n: int):
    p = ptr8(buf)
    for i in range(n):
        p[i] = i * 3

@micropython.viper
def total(buf, n: int) -> int:
    p = ptr8(buf)
    s = 0
    for i in range(n):
        s += p[i]
    return s

@micropython.viper
def invert(buf, n: int):
    p = ptr8(buf)
    for i in range(n):
        p[i] = 255 - p[i]

b = bytearray(10)
fill(b, 10)
print(b, total(b, 10))
invert(b, 4)
print(b, total(b, 10))
