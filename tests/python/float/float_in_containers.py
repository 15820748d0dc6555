values = [2.5, -0.5, 1.0, 0.25, 8.0]
print(sorted(values), max(values), min(values), sum(values))
print({0.5: "half", 2.0: "two"}[0.5], 0.25 in values, values.index(1.0))
print([v * 2 for v in values], tuple(v / 4 for v in values[:2]))
pairs = sorted(zip(values, "abcde"))
print(pairs)
print(str(values), repr((0.5,)), "%s" % [1.5])
