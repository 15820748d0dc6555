# *args in definitions and calls.
def f(*args):
    return len(args), args

def g(a, b, *rest):
    return a, b, rest

print(f(), f(1), f(1, 2, 3))
print(g(1, 2), g(1, 2, 3, 4))
xs = [5, 6, 7]
print(f(*xs), g(*xs), g(0, *xs), f(*xs, *'ab'))
print(f(*range(4)), max(*xs), min(*(9, 2, 4)))
