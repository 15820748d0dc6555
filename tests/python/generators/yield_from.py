def inner():
    yield 1
    yield 2
    return "inner done"

def outer():
    result = yield from inner()
    print("inner returned", result)
    yield 3
    yield from [4, 5]
    yield from range(6, 8)
    yield from "ab"

print(list(outer()))
def chain(*iterables):
    for it in iterables:
        yield from it
print(list(chain([1], (2, 3), "x")))
def relay():
    got = yield from echo()
    yield "relay got " + str(got)
def echo():
    a = yield "first"
    b = yield "second " + str(a)
    return [a, b]
r = relay()
print(next(r), r.send("A"), r.send("B"))
def flatten(x):
    if isinstance(x, list):
        for y in x:
            yield from flatten(y)
    else:
        yield x
print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))
