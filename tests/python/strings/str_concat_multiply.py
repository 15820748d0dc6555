s = ""
for i in range(5):
    s += str(i)
print(s)
print("ab" * 3, 3 * "x", "a" * 0, "a" * -1)
parts = []
for w in ["alpha", "beta", "gamma"]:
    parts.append(w.upper())
print("/".join(parts))
try:
    "a" + 1
except TypeError as e:
    print("TypeError:", e)
print("x" + "y" + "z", "abc" + "")
