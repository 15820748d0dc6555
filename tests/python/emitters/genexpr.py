# Generator expressions.
print(sum(x * x for x in range(10)))
g = (c.upper() for c in 'abc')
print(next(g), list(g))
print(list(x for x in range(20) if x % 3 == 0), max(len(w) for w in ['a', 'bbb', 'cc']))
print(any(x > 3 for x in [1, 2, 5]), all(x > 0 for x in [1, -1]))
print(tuple((i, j) for i in range(2) for j in range(2)))
