# Viper uint and bool values.
import micropython

# Bytecode stand-in for viper's uint() cast (viper code compiles uint(x) as a cast).
def uint(x):
    return x & 0xffffffff

@micropython.viper
def as_uint(x: int) -> uint:
    return uint(x)

@micropython.viper
def is_big(x: int) -> bool:
    return x > 100

@micropython.viper
def count_true(n: int) -> int:
    c = 0
    for i in range(n):
        if bool(i % 3):
            c += 1
    return c

print(as_uint(5), as_uint(-1), as_uint(-2))
print(is_big(50), is_big(500), count_true(10))
