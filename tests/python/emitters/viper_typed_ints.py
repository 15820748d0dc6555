# Viper functions with int arguments, locals and results.
import micropython

@micropython.viper
def add(a: int, b: int) -> int:
    return a + b

@micropython.viper
def poly(x: int) -> int:
    return 3 * x * x - 2 * x + 7

@micropython.viper
def loop_sum(n: int) -> int:
    s = 0
    i = 0
    while i < n:
        s += i * i
        i += 1
    return s

@micropython.viper
def bits(x: int) -> int:
    return ((x << 4) | (x >> 2)) & 0xfff ^ 0x5a

print(add(2, 3), add(-7, 4), poly(5), poly(-3), loop_sum(100), bits(0x123))
print([add(i, i) for i in range(5)], loop_sum(0))
