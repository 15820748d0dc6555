# Functions stored in containers and passed around.
def double(x):
    return 2 * x

def square(x):
    return x * x

ops = {'d': double, 's': square}
print(ops['d'](4), ops['s'](4), [f(3) for f in (double, square)])
def apply_all(fs, x):
    for f in fs:
        x = f(x)
    return x
print(apply_all([double, square, double], 3), double.__name__)
table = [(double, 1), (square, 5)]
print([f(a) for f, a in table])
