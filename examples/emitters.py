# The same integer loop under MicroPython's three code emitters. As written every
# function here is bytecode; `cyclops bench examples/emitters.py --sweep` compiles the
# script once per emitter (each `def` gets @micropython.native, then @micropython.viper)
# and shows what each costs per call, exactly, with the speed-up against bytecode.


def sum_squares(n: int) -> int:
    # Integer arithmetic in a loop: the viper emitter's best case (machine words, no
    # objects). The type hints are what viper needs; bytecode and native ignore them.
    s = 0
    for i in range(n):
        s += i * i
    return s


def count_odd(items) -> int:
    # Untyped: as viper `c` is a machine int and each item an object, and mpy-cross
    # refuses to mix them (`c += x & 1`): the sweep shows why instead of a number.
    c = 0
    for x in items:
        c += x & 1
    return c


def checksum(data: int) -> int:
    # Viper's integers are 32-bit machine words: the product overflows and wraps, so the
    # viper run prints a different number (the sweep warns that the output differs).
    h = 1
    for i in range(data):
        h = h * 31 + i
    return h


print(sum_squares(100), count_odd([1, 2, 3, 4, 5, 6, 7]), checksum(12))
