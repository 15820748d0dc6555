# Ordinary Python decorators.
def trace(f):
    def wrapper(*args, **kw):
        print('call', f.__name__, args)
        r = f(*args, **kw)
        print('ret', r)
        return r
    return wrapper

def times(n):
    def deco(f):
        def w(x):
            return f(x) * n
        return w
    return deco

@trace
def add(a, b):
    return a + b

@times(3)
@times(2)
def ident(x):
    return x

add(2, 3)
print(ident(7))
