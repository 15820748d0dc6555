# MicroPython's sort is not stable (see differences/sort_not_stable.py): equal keys come out
# in the order its quicksort leaves them.
people = [("ann", 30), ("bob", 25), ("cat", 30), ("dan", 25), ("eve", 35)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1], reverse=True))
l = list(people)
l.sort(key=lambda p: p[0], reverse=True)
print(l)
nums = [5, -3, 2, -8, 0, 7]
print(sorted(nums, key=abs), sorted(nums, key=lambda x: (x % 2, x)))
words = ["bb", "a", "ccc", "dd", "e"]
words.sort(key=len)
print(words)
big = list(range(50, 0, -1))
big.sort()
print(big[:5], big[-5:])
