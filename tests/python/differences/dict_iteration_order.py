# MicroPython dicts iterate in hash-table order, not insertion order: str keys here
# come out in the order their hashes place them.
d = {}
for k in ["a", "b", "c", "d", "e", "f", "g", "h"]:
    d[k] = ord(k)
print(list(d))
print({"zeta": 1, "alpha": 2, "mid": 3})
n = {}
for k in [5, 3, 9, 1, 12]:
    n[k] = None
print(list(n))
print({7, 2, 5, 1, 3})
