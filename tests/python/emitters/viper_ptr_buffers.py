# Viper pointers on other buffer-protocol objects: bytes (read), a memoryview slice (writes
# reach the bytearray behind it), array('B') and array('i').
import micropython
from array import array

# Bytecode stand-ins for viper's pointer casts (viper code compiles them as casts).
def ptr8(x):
    return x

def ptr32(x):
    return x

@micropython.viper
def sum8(buf, n: int) -> int:
    p = ptr8(buf)
    s = 0
    for i in range(n):
        s += p[i]
    return s

@micropython.viper
def mark(buf, n: int, v: int):
    p = ptr8(buf)
    for i in range(n):
        p[i] = v + i

@micropython.viper
def double32(a, n: int):
    p = ptr32(a)
    for i in range(n):
        p[i] = p[i] * 2

print(sum8(b'\x01\x02\x03\x04', 4), sum8(array('B', [10, 20, 30]), 3))
ba = bytearray(8)
mark(memoryview(ba)[2:6], 4, 100)
print(ba)
w = array('i', [1, 20, 300, 4000])
double32(w, 4)
print(w)
