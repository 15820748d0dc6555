# Default arguments: evaluated once, shared mutable defaults.
def f(x, acc=[]):
    acc.append(x)
    return acc

print(f(1), f(2), f(3, []), f(4))
base = 10
def g(x, y=base):
    return x + y
base = 20
print(g(1), g(1, 2))
def h(a, b=2, *args, c=3, **kw):
    return a, b, args, c, sorted(kw.items())
print(h(1), h(1, 5, 6, 7, c=8, z=9, y=0))
