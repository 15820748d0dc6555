# List comprehensions, nested and filtered.
print([x * 2 for x in range(5)])
print([(x, y) for x in range(3) for y in range(x)])
print([x for x in range(30) if x % 4 == 0 if x % 3 == 0])
m = [[i * 3 + j for j in range(3)] for i in range(3)]
print(m, [row[i] for i, row in enumerate(m)], [[r[i] for r in m] for i in range(3)])
n = 10
print([n + k for k in range(3)])
