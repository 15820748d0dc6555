for i, c in enumerate("abc"):
    print(i, c)
print(list(enumerate([10, 20], 5)))
print(list(enumerate([], 1)))
print(list(zip([1, 2, 3], "ab")))
print(list(zip()), list(zip([1])))
print(list(zip(range(3), range(10, 13), "xyz")))
names = ["a", "b"]
vals = [1, 2]
print(sorted(dict(zip(names, vals)).items()))
e = enumerate("xy")
print(next(e), next(e))
z = zip([1], [2])
print(next(z))
