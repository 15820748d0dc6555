f = frozenset([1, 2, 3])
print(sorted(f), len(f), 2 in f, type(f).__name__)
g = frozenset("abca")
print(sorted(g))
print(sorted(f | {4}), sorted(f & {1, 9}), sorted(f - {1}))
d = {f: "frozen"}
print(d[frozenset([3, 2, 1])])
print(f == {1, 2, 3}, frozenset() == frozenset())
try:
    f.add(4)
except AttributeError as e:
    print("AttributeError")
print(hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
