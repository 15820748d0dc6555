g = (x * x for x in range(5))
print(type(g).__name__, next(g), list(g))
print(sum(x for x in range(10) if x % 3 == 0))
print(max(len(w) for w in ["a", "abc", "ab"]))
print(list((i, j) for i in range(3) for j in range(i)))
print(tuple(c.upper() for c in "hey"), sorted(n % 4 for n in range(8)))
total = 0
for v in (n for n in [3, 4, 5]):
    total += v
print(total)
print(any(x > 3 for x in [1, 5]), all(x for x in []))
