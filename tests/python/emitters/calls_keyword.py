# Keyword arguments and keyword-only parameters.
def f(a, b, c=3):
    return (a, b, c)

def g(a, *, key, flag=False):
    return (a, key, flag)

print(f(1, 2), f(1, b=5), f(c=9, b=8, a=7), f(1, 2, c=0))
print(g(1, key='k'), g(2, flag=True, key=None))
try:
    g(1)
except TypeError as e:
    print('TypeError', e)
try:
    f(1, 2, d=4)
except TypeError as e:
    print('TypeError', e)
