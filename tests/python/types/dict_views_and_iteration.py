d = {1: "one", 2: "two"}
keys = d.keys()
vals = d.values()
items = d.items()
print(len(keys), len(vals), len(items), 1 in keys, "two" in vals, (2, "two") in items)
d[3] = "three"
print(len(keys), sorted(keys), sorted(vals), sorted(items))
total = 0
for k, v in d.items():
    total += k * len(v)
print(total)
print(sorted(k for k in d), sorted(v.upper() for v in d.values()))
