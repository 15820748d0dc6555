print(list(map(abs, [-1, 2, -3])))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5, 6, 7])))
print(list(map(str, range(3))))
print(list(filter(None, [0, 1, "", "x", [], [0], None])))
print(list(filter(lambda s: s.startswith("a"), ["apple", "bob", "avocado"])))
m = map(lambda x: x * 2, [1, 2])
print(next(m), next(m))
try:
    next(m)
except StopIteration:
    print("exhausted")
print(sum(map(int, "12345")))
