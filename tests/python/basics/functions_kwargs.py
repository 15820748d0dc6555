def f(**kw):
    return sorted(kw.items())

print(f())
print(f(a=1, b=2))

def g(a, *args, b=0, **kw):
    print(a, args, b, sorted(kw.items()))

g(1)
g(1, 2, 3, b=4, c=5, d=6)
opts = {"b": 10, "z": 26}
g(0, **opts)
g(0, *[1], **{"b": 2}, y=3)

def h(x, y, z):
    return x - y - z

print(h(**{"z": 1, "x": 10, "y": 2}))
print(h(10, **{"z": 1, "y": 2}))
