r = range(2, 20, 3)
print(r, list(r), len(r), r[0], r[-1], r[2])
print(list(range(5)), list(range(5, 0, -1)), list(range(0)), list(range(3, 3)))
print(7 in range(10), 10 in range(10), 5 in range(0, 10, 2))
print(range(10)[2:8:2], list(range(10)[::-3]))
print(len(range(0, 100, 7)), len(range(10, 0, -3)))
print(range(3) == range(3), range(0) == range(5, 5))
print(r.start, r.stop, r.step)
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError:", e)
print(sum(range(101)), max(range(7)), list(reversed(range(4))))
