t = (1, 2, 3)
print(t, len(t), t[0], t[-1], t + (4,), t * 2, 2 in t, 9 not in t)
print((), (1,), tuple(), tuple([1, 2]), tuple("ab"))
print(t.count(2), t.index(3))
print((1, 2) == (1, 2), (1, 2) < (1, 3), (1, (2, 3)) > (1, (2, 2)))
try:
    t[0] = 5
except TypeError as e:
    print("TypeError:", e)
a, b, c = t
print(a + b + c)
nested = ((1, 2), (3, 4))
print([x for pair in nested for x in pair])
print(hash((1, 2)) == hash((1, 2)))
try:
    t.index(9)
except ValueError as e:
    print("ValueError:", e)
print(min(t), max(t), sum(t), sorted((3, 1, 2)))
