# Tuples, lists, dicts, sets, slicing and unpacking in native code.
import micropython

@micropython.native
def work(xs):
    t = tuple(xs)
    l = [x * 2 for x in xs]
    d = {x: x * x for x in xs}
    s = {x % 3 for x in xs}
    first, *mid, last = l
    return t[1:], l[::-1], sorted(d.items())[:2], sorted(s), first, mid, last

print(work([1, 2, 3, 4, 5]))
@micropython.native
def build(n):
    out = []
    for i in range(n):
        out.append((i, str(i) * i))
    return dict(out)
print(sorted(build(4).items()))
