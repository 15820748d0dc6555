sq = lambda x: x * x
print(sq(7))
add = lambda a, b=1: a + b
print(add(1), add(1, 5))
print((lambda *a: len(a))(1, 2, 3))
print((lambda **k: sorted(k))(x=1, y=2))
pairs = [(1, "b"), (3, "a"), (2, "c")]
print(sorted(pairs, key=lambda p: p[1]))
print(list(map(lambda x: x + 1, [1, 2, 3])))
print(list(filter(lambda x: x % 2, range(10))))
compose = lambda f, g: lambda x: f(g(x))
print(compose(sq, add)(3))
