# Positional calls: arity errors, return values, nested calls.
def add(a, b):
    return a + b

def apply(f, x, y):
    return f(x, y)

def three():
    return 1, 2, 3

print(add(1, 2), apply(add, 3, 4), apply(lambda a, b: a * b, 5, 6))
a, b, c = three()
print(a, b, c, three())
try:
    add(1)
except TypeError as e:
    print('TypeError', e)
try:
    add(1, 2, 3)
except TypeError as e:
    print('TypeError', e)
print(add(add(1, 2), add(3, add(4, 5))))
