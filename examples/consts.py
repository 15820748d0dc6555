# const(): the compiler puts the number itself where the name is used, as #define does in
# C; a plain global is looked up in the module's dictionary each time.
# `cyclops bench examples/consts.py`
from micropython import const

MASK = const(0x0F)
mask = 0x0F


def with_const(n):
    s = 0
    for i in range(n):
        s += i & MASK
    return s


def with_global(n):
    s = 0
    for i in range(n):
        s += i & mask
    return s


print(with_const(100), with_global(100))
