# Generators: yield, iteration, return values and closing.
def gen(n):
    for i in range(n):
        yield i * i
    return 'done'

print(list(gen(5)))
g = gen(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print('stop', e.args)
def fibs():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fibs()
print([next(f) for _ in range(10)])
def closing():
    try:
        yield 1
        yield 2
    finally:
        print('closed')
c = closing()
print(next(c))
c.close()
