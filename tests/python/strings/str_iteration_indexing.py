s = "python"
print([c for c in s], s[0], s[5], s[-6])
try:
    s[6]
except IndexError as e:
    print("IndexError:", e)
print(list(reversed(s)), sorted(s), min(s), max(s))
print(s.index("h"), "t" in s, "th" in s, "" in s)
u = "añb€c"
print(len(u), u[1], u[3], u[1:4], u.find("€"), list(u))
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(sorted(counts.items()))
