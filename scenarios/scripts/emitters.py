# The seed's three code emitters on one integer loop: the sum of range(n) as bytecode,
# with @micropython.native, and with @micropython.viper and type hints. Each is called
# three times with the same n: every call must cost the same cycles.
import micropython


def sum_bytecode(n):
    s = 0
    for i in range(n):
        s += i
    return s


@micropython.native
def sum_native(n):
    s = 0
    for i in range(n):
        s += i
    return s


@micropython.viper
def sum_viper(n: int) -> int:
    s = 0
    for i in range(n):
        s += i
    return s


for f in (sum_bytecode, sum_native, sum_viper):
    print(f(100), f(100), f(100))
