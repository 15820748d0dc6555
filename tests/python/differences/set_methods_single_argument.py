# set.union/intersection/difference take exactly one argument in MicroPython.
a = {1, 2, 3}
print(sorted(a.union({4})), sorted(a.intersection([2, 3])), sorted(a.difference((1,))))
try:
    a.union({4}, {5})
except TypeError as e:
    print("TypeError:", e)
