# Caching object references (the seed's "Caching object references"): an attribute or a
# global is looked up by name every time it is used; a local is a slot in the frame.
# Each pair does the same work with the lookup inside the loop and cached before it.
# `cyclops bench examples/lookups.py`; `--sweep` shows what native and viper make of it.

scale = 3


class Buffer:
    def __init__(self):
        self.ba = bytearray(64)

    def fill_attribute(self):
        for i in range(64):
            self.ba[i] = i

    def fill_cached(self):
        ba = self.ba
        for i in range(64):
            ba[i] = i


def scale_global(n):
    s = 0
    for i in range(n):
        s += i * scale
    return s


def scale_local(n):
    k = scale
    s = 0
    for i in range(n):
        s += i * k
    return s


b = Buffer()
b.fill_attribute()
b.fill_cached()
print(scale_global(64), scale_local(64), sum(b.ba))
