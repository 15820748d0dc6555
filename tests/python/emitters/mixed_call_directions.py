# Calls in every direction: bytecode -> native -> viper -> bytecode and back.
import micropython

def bc_double(x):
    return 2 * x

@micropython.native
def nat_apply(f, x):
    return f(x) + 1

@micropython.viper
def vip_sum(n: int) -> int:
    s = 0
    for i in range(n):
        s += i
    return s

@micropython.native
def nat_calls_viper(n):
    return vip_sum(n) * 2

@micropython.viper
def vip_calls_bytecode(x: int) -> int:
    return int(bc_double(x)) + 1

@micropython.viper
def vip_calls_native(x: int) -> int:
    return int(nat_apply(bc_double, x)) * 10

def bc_calls_all(n):
    return nat_apply(bc_double, n), nat_calls_viper(n), vip_calls_bytecode(n), vip_calls_native(n)

print(bc_calls_all(5))
print(nat_apply(vip_sum, 10), nat_apply(lambda v: v * v, 7))
print([vip_sum(i) for i in range(6)])
