# Comparisons and chained comparisons on ints.
def cmp(a, b):
    return a < b, a <= b, a == b, a != b, a > b, a >= b

for a, b in ((1, 2), (2, 2), (3, 2), (-5, 5), (1 << 40, 1 << 41)):
    print(a, b, cmp(a, b))
x = 5
print(1 < x < 10, 1 < x > 10, x == 5 == 5, 0 <= x <= 4)
print(max(3, 9, 2), min(-1, 4), sorted([5, -2, 9, 0]))
