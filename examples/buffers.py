# Passing part of a buffer: a slice of a bytearray is a copy (an allocation the size of
# the slice, and sooner or later a garbage collection), a slice of a memoryview is a small
# fixed-size view of the same memory (the seed's "Arrays" section). Both functions pass
# bytes 30..1030 of a 2000-byte buffer to the same function 20 times.
# Each runs after a collection, so neither pays for the other's garbage.
# `cyclops bench examples/buffers.py`
import gc

ba = bytearray(2000)
mv = memoryview(ba)


def first_byte(buf):
    return buf[0]


def pass_slice(n):
    for _ in range(n):
        first_byte(ba[30:1030])


def pass_memoryview(n):
    for _ in range(n):
        first_byte(mv[30:1030])


gc.collect()
pass_slice(20)
gc.collect()
pass_memoryview(20)
