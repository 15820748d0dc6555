def f(a, *, key, opt=None):
    return (a, key, opt)

print(f(1, key=2), f(a=0, key=1, opt=2))
def show(fn):
    try:
        print(fn())
    except TypeError as e:
        print("TypeError:", e)

show(lambda: f(1))
show(lambda: f(1, 2))
show(lambda: f(1, key=2, nope=3))
show(lambda: f(1, a=1, key=2))
def g(*, only):
    return only
show(lambda: g(only="yes"))
show(lambda: g())
