# Dict and set comprehensions.
d = {x: x * x for x in range(6)}
print(sorted(d.items()))
s = {x % 4 for x in range(20)}
print(sorted(s))
inv = {v: k for k, v in d.items() if v > 3}
print(sorted(inv.items()))
print(sorted({c for c in 'mississippi'}), len({(i, j) for i in range(3) for j in range(3)}))
