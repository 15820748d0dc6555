def gen():
    yield 1
    return "done"
g = gen()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e.value, e.args)
e = StopIteration(5)
print(e.value)
def delegate():
    r = yield from gen()
    print("yield from result", r)
print(list(delegate()))
