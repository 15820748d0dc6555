# MicroPython sorts lists with an unstable quicksort: items with equal keys need not keep
# their original order (CPython's sort is stable). The output is the order MicroPython's
# algorithm gives.
words = ["bb", "a", "ccc", "dd", "e", "ff", "g"]
print(sorted(words, key=len))
pairs = [(2, "first"), (1, "x"), (2, "second"), (1, "y"), (2, "third")]
print(sorted(pairs, key=lambda p: p[0]))
print(sorted(pairs, key=lambda p: p[0], reverse=True))
nums = [3, 1, 2]
nums.sort(reverse=True)
print(nums)
