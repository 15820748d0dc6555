rows = [(1, "a", True), (2, "b", False)]
for num, letter, flag in rows:
    print(num, letter, flag)
for first, *rest in [[1, 2, 3], [4], "xyz"]:
    print(first, rest)
for (a, b), c in [((1, 2), 3), ((4, 5), 6)]:
    print(a + b + c)
for i, (x, y) in enumerate(zip("ab", "cd")):
    print(i, x + y)
pts = {}
for pts["k"] in range(3):
    pass
print(pts)
class Holder:
    pass
h = Holder()
for h.attr in "xy":
    pass
print(h.attr)
