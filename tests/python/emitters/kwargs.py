# **kwargs in definitions and calls.
def f(**kw):
    return sorted(kw.items())

def g(a, b=0, **kw):
    return a, b, sorted(kw)

print(f(), f(x=1), f(y=2, x=1))
d = {'a': 1, 'b': 2, 'c': 3}
print(g(**d), f(**d), g(9, **{'z': 1}))
def h(*args, **kw):
    return args, sorted(kw.items())
print(h(1, *[2, 3], k=4, **{'j': 5}))
