def outer(k):
    def scaled(x, factor=2, *, offset=0):
        return x * factor * k + offset
    return scaled

f = outer(10)
print(f(1), f(1, 3), f(1, offset=5), f(2, factor=1, offset=-1))
def make(n):
    return [lambda x, m=m: x * m + n for m in range(3)]
print([g(10) for g in make(1)])
def counter(start=0, step=1):
    value = start
    def tick(times=1):
        nonlocal value
        value += step * times
        return value
    return tick
t = counter(100, 5)
print(t(), t(3), t())
