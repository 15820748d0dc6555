# Viper ptr16 and ptr32 on arrays: items of the array's size.
import micropython
from array import array

# Bytecode stand-ins for viper's pointer casts (viper code compiles them as casts).
def ptr16(x):
    return x

def ptr32(x):
    return x

@micropython.viper
def scale16(a, n: int, k: int):
    p = ptr16(a)
    for i in range(n):
        p[i] = p[i] * k

@micropython.viper
def sum32(a, n: int) -> int:
    p = ptr32(a)
    s = 0
    for i in range(n):
        s += p[i]
    return s

h = array('H', [1, 2, 3, 1000])
scale16(h, 4, 3)
print(h)
w = array('I', [100000, 200000, 7])
print(sum32(w, 3))
