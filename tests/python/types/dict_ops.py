# Dicts print through sorted(): MicroPython's iteration order follows its hash table, not insertion.
d = {"a": 1, "b": 2}
d["c"] = 3
print(sorted(d.items()), len(d), d["a"], "b" in d, "z" not in d)
print(d.get("a"), d.get("z"), d.get("z", 0))
print(sorted(d.keys()), sorted(d.values()))
print(d.pop("a"), d.pop("zz", "dflt"), sorted(d.items()))
print(d.setdefault("b", 100), d.setdefault("n", 100), sorted(d.items()))
d.update({"x": 9}, y=10)
d.update([("w", 0)])
print(sorted(d.items()))
k, v = d.popitem()
print(k not in d, d.get(k, "gone"), len(d))
e = d.copy()
e.clear()
print(e, d == d.copy(), {"k": "v"}, {1: 2})
print(dict(a=1), dict([(1, 2)]), sorted(dict({3: 4}, k=5).items(), key=str), sorted(dict.fromkeys("ab", 0).items()))
try:
    d["missing"]
except KeyError as e:
    print("KeyError:", e)
print(sorted({i: i * i for i in range(4)}.items()))
for k in sorted({"p": 1, "q": 2}):
    print(k)
dd = {1: "int", (1, 2): "tuple", None: "none", "s": "str"}
print(dd[1], dd[(1, 2)], dd[None], dd["s"], dd[True])
print(sorted(dict(zip("abc", range(3))).items()))
