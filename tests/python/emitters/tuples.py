# Tuples: packing, unpacking, indexing, comparison.
t = 1, 'two', 3.5
a, b, c = t
print(t, a, b, c, t[1], t[-1], len(t))
print((1, 2) + (3,), (0,) * 3, (1, 2) < (1, 3), (2,) > (1, 9), 2 in t, 'two' in t)
x, y = 1, 2
x, y = y, x
print(x, y)
nested = ((1, 2), (3, (4, 5)))
(p, q), (r, (s, u)) = nested
print(p, q, r, s, u, t.index('two'), (1, 1, 2).count(1))
