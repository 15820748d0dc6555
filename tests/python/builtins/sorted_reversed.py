print(sorted([3, 1, 2]), sorted("bca"), sorted((9, 8)), sorted({3: 0, 1: 0}))
print(sorted([3, 1, 2], reverse=True))
words = ["banana", "Apple", "cherry", "date"]
print(sorted(words), sorted(words, key=len), sorted(words, key=lambda w: w.lower()))
print(sorted([(2, "b"), (1, "z"), (2, "a")]))
data = [("x", 3), ("y", 1), ("z", 3), ("w", 2)]
print(sorted(data, key=lambda t: t[1]))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(3))))
l = [5, 2, 8]
print(sorted(l), l)
