def g():
    received = []
    for i in range(3):
        x = yield i
        received.append(x)
    yield received

gen = g()
print(next(gen), gen.send(None), next(gen), gen.send("last"))
def counter(start):
    n = start
    while True:
        step = yield n
        n += 1 if step is None else step
c = counter(10)
print(next(c), next(c), c.send(5), next(c), c.send(-20))
