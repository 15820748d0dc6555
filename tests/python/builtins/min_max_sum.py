print(min(3, 1, 2), max(3, 1, 2), min([5, 4]), max("hello"))
print(min([], default=0), max([], default="none"))
print(min(["bb", "a", "ccc"], key=len), max(["bb", "a", "ccc"], key=len))
print(max([(1, "b"), (1, "c"), (0, "z")]))
print(sum([1, 2, 3]), sum([], 10), sum(range(5), 100), sum([[1], [2]], []))
print(sum([2 ** 64, 2 ** 64]))
try:
    min([])
except ValueError as e:
    print("ValueError:", e)
print(max(1, 2, key=lambda x: -x))
