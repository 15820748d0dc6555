# Native and viper functions called from bytecode and from each other, through
# MicroPython's native ABI (mp_fun_table): arguments, globals, attributes, containers,
# closures, classes, and exceptions crossing native frames.
import micropython

SCALE = 3


def bc_twice(x):
    return 2 * x


@micropython.native
def nat_args(a, b=10, *rest, key="k", **more):
    return (a, b, rest, key, sorted(more.items()))


@micropython.native
def nat_calls(n):
    # native -> bytecode -> native
    return bc_twice(n) + vip_add(n, SCALE)


@micropython.viper
def vip_add(a: int, b: int) -> int:
    return a + b


@micropython.viper
def vip_wrap(x: int) -> int:
    return x * 65536 * 65536 + 7


@micropython.viper
def vip_uint(x: uint) -> uint:
    return x - 1


@micropython.viper
def vip_bool(x) -> bool:
    return bool(x)


@micropython.viper
def vip_div(a: int, b: int) -> int:
    return (a // b) * 1000 + a % b


@micropython.viper
def vip_ptr16(buf, n: int) -> int:
    p = ptr16(buf)
    total = 0
    for i in range(n):
        total += p[i]
        p[i] = i
    return total


@micropython.viper
def vip_ptr32(buf) -> uint:
    p = ptr32(buf)
    p[1] = p[0] + 1
    return uint(p[1])


@micropython.native
def nat_containers(x):
    t = (x, x + 1)
    l = [x * i for i in range(4)]
    d = {"a": x, "b": t}
    s = {x, x, 2}
    a, *b = l
    return t, l, sorted(d.items()), sorted(s), a, b, l[1:3]


@micropython.native
def nat_closure(start):
    total = start

    def add(v):
        nonlocal total
        total += v
        return total

    return add


class Counter:
    def __init__(self, n):
        self.n = n

    @micropython.native
    def bump(self, by=1):
        self.n += by
        return self.n


class Doubler(Counter):
    @micropython.native
    def bump(self, by=1):
        return super().bump(2 * by)


@micropython.native
def nat_raise(kind):
    if kind == 1:
        raise ValueError("bad value")
    if kind == 2:
        return {}["missing"]
    return bc_raise()


def bc_raise():
    raise KeyError("from bytecode")


@micropython.native
def nat_try(kind):
    try:
        nat_raise(kind)
    except ValueError as e:
        return "ValueError: " + str(e)
    except KeyError as e:
        return "KeyError: " + repr(e.args[0])
    finally:
        print("finally", kind)


class Manager:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, *exc):
        print("exit", exc[0] is not None)
        return True


@micropython.native
def nat_with():
    with Manager():
        raise OSError(5)
    return "suppressed"


@micropython.native
def nat_global_store(v):
    global SCALE
    SCALE = v
    import gc
    return gc.collect() is None


print(nat_args(1))
print(nat_args(1, 2, 3, 4, key="z", w=5, v=6))
print(nat_calls(5))
print(vip_add(2, 3), vip_add(-7, 3))
print(vip_wrap(1))
print(vip_uint(0))
print(vip_bool([]), vip_bool([0]))
print(vip_div(7, 2), vip_div(-7, 2), vip_div(7, -2))
buf = bytearray(b"\x01\x00\x02\x00\x03\x01")
print(vip_ptr16(buf, 3), list(buf))
words = bytearray(8)
words[0] = 0xFF
words[3] = 0x80
print(vip_ptr32(words), list(words))
print(nat_containers(3))
f = nat_closure(10)
print(f(1), f(5))
c = Counter(1)
print(c.bump(), c.bump(by=5))
d = Doubler(0)
print(d.bump(), d.bump(3))
for kind in (1, 2, 3):
    print(nat_try(kind))
print(nat_with())
print(nat_global_store(7), SCALE, nat_calls(1))
try:
    vip_add(1)
except TypeError as e:
    print("TypeError:", e)
try:
    nat_args()
except TypeError as e:
    print("TypeError:", e)
print(type(nat_args).__name__, nat_args.__name__)
