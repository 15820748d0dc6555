print(list(range(-3, 3)), list(range(3, -3, -2)), list(range(-5)))
print(range(0, 10, 3)[1:], range(10)[-1], range(10)[::2], len(range(-10, 10, 7)))
r = range(5)
print(r[-5], r[4], 3 in r)
try:
    r[5]
except IndexError as e:
    print("IndexError:", e)
print(list(range(2 ** 30 - 2, 2 ** 30 + 1)))
print(sum(range(0, 1000, 7)), range(1, 2) == range(1, 2, 5))
