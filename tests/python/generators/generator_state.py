def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

out = []
for v in fib():
    if v > 200:
        break
    out.append(v)
print(out)
f = fib()
print([next(f) for _ in range(10)])
def take(n, it):
    for _, v in zip(range(n), it):
        yield v
print(list(take(5, fib())))
gens = [fib() for _ in range(2)]
next(gens[0])
print(next(gens[0]), next(gens[1]))
def closure_gen(k):
    def mul(v):
        return v * k
    for i in range(3):
        yield mul(i)
print(list(closure_gen(7)))
