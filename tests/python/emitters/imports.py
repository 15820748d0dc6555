# Imports of built-in modules in several forms.
import sys
import micropython
from micropython import const
import array as arr
from struct import pack, unpack

N = const(4)
print(sys.implementation.name, N)
a = arr.array('h', range(N))
print(a, pack('<h', -2), unpack('<H', b'\xff\x00'))
def inner():
    import gc
    return gc.isenabled()
print(inner(), micropython.const(9))
