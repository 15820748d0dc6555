# Lambdas as values, arguments and sort keys.
sq = lambda x: x * x
print(sq(7), (lambda: 'none')(), (lambda *a: a)(1, 2))
pairs = [(3, 'c'), (1, 'a'), (2, 'b')]
print(sorted(pairs, key=lambda p: p[0]), sorted(pairs, key=lambda p: p[1], reverse=True))
compose = lambda f, g: lambda x: f(g(x))
print(compose(sq, lambda x: x + 1)(3))
print(list(map(lambda x: x * 10, [1, 2, 3])), list(filter(lambda x: x % 2, range(7))))
