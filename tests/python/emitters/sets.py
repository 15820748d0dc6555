# Sets: operations and membership (printed sorted).
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
a.add(10)
a.discard(1)
print(sorted(a), 10 in a, 1 in a, len(a))
print({1, 2} <= {1, 2, 3}, {1, 2} == {2, 1}, sorted(set('banana')))
s = set()
for i in range(10):
    s.add(i % 3)
print(sorted(s))
