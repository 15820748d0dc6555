# Closures capturing variables, counters and late binding.
def counter(start):
    n = [start]
    def inc(by=1):
        n[0] += by
        return n[0]
    return inc

c = counter(10)
print(c(), c(), c(5))
def adders():
    return [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in adders()])
def late():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return [f() for f in fs]
print(late())
def outer(a):
    def middle(b):
        def inner(c):
            return a + b + c
        return inner
    return middle
print(outer(1)(2)(3))
