# yield from: delegation and return values.
def inner(n):
    for i in range(n):
        yield i
    return n * 10

def outer():
    r = yield from inner(3)
    print('inner returned', r)
    r2 = yield from [7, 8]
    print('list gave', r2)
    yield 'last'

print(list(outer()))
def flatten(x):
    for item in x:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item
print(list(flatten([1, [2, [3, 4]], [], 5])))
