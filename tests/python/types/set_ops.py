s = {3, 1, 2}
print(sorted(s), len(s), 1 in s, 5 in s)
s.add(4)
s.add(1)
s.discard(2)
s.discard(99)
s.remove(3)
print(sorted(s))
try:
    s.remove(99)
except KeyError as e:
    print("KeyError:", e)
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(sorted(a.union(b)), sorted(a.intersection(b)), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
print({1, 2} <= a, {1, 9} <= a, a >= {1}, a.issubset({1, 2, 3, 4, 5}), a.issuperset({2}), a.isdisjoint({9}))
c = set(a)
c |= {10}
c &= {1, 10}
print(sorted(c))
c.update([7, 8])
print(sorted(c), c.pop() in {1, 7, 8, 10})
print(set(), set("aab") == {"a", "b"}, len({x % 3 for x in range(10)}))
e = {1}
e.clear()
print(e, {1, 2} == {2, 1})
