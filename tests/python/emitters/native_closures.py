# Closures and default arguments in native functions.
import micropython

@micropython.native
def make_counter(start, step=1):
    n = [start]
    def inc():
        n[0] += step
        return n[0]
    return inc

@micropython.native
def adder(k):
    return lambda x: x + k

c = make_counter(10, 5)
print(c(), c(), make_counter(0)())
print(adder(3)(4), [adder(i)(10) for i in range(3)])
@micropython.native
def kw(a, b=2, *args, c=3, **rest):
    return a, b, args, c, sorted(rest.items())
print(kw(1), kw(1, 9, 8, 7, c=0, z=1))
