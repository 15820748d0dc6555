records = [("ann", 3), ("bob", 9), ("cy", 9), ("di", 1)]
print(max(records, key=lambda r: r[1]), min(records, key=lambda r: r[1]))
print(max("apple", "fig", "banana", key=len), min("apple", "fig", "kiwi", key=len))
print(max([], default=None), min((x for x in []), default="empty"))
print(max([3, 1, 2], key=lambda x: -x), max(-5, 3, key=abs))
try:
    max()
except TypeError as e:
    print("TypeError")
