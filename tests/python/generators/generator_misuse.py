def g():
    yield 1

gen = g()
print(list(gen), list(gen))
def reentrant():
    yield next(me)
me = reentrant()
try:
    next(me)
except ValueError as e:
    print("ValueError:", e)
def returns_early():
    return 5
    yield
try:
    next(returns_early())
except StopIteration as s:
    print("StopIteration value", s.value)
