print(2 + 3 * 4, (2 + 3) * 4, 2 ** 3 ** 2, (2 ** 3) ** 2, -2 ** 2, (-2) ** 2)
print(10 - 4 - 3, 100 // 10 // 3, 2 * 3 % 4, -7 // 2 * 2)
print(1 + 2 == 3, not 1 == 2, not (1 and 0), 1 < 2 == True)
print(1 | 2 ^ 3 & 4, (1 | 2) ^ (3 & 4), 1 << 2 + 1, ~0 + 1, -~5)
print(True or False and False, (True or False) and False)
print(3 if 1 > 2 else 4 if 2 > 1 else 5, [1, 2] * 2 + [3])
print("a" + "b" * 2, ("a" + "b") * 2, 2 * 3 ** 2, 7 % 3 ** 2)
x = 5
print(x > 3 and x < 10, 3 < x < 10, not x, x is not None, x in [5] and x not in [6])
