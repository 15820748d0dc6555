import micropython
from micropython import const

LIMIT = const(10)
MASK = const(0xFF)
print(LIMIT, MASK, LIMIT * 2, micropython.const(3))
micropython.heap_lock()
try:
    [1, 2, 3] + [4]
    print("allocated")
except MemoryError:
    print("MemoryError while heap locked")
micropython.heap_unlock()
print([1] * 3)
