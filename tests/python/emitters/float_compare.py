# Float comparisons and mixing ints with floats.
def order(a, b):
    return a < b, a == b, a > b

print(order(1.5, 2), order(2.0, 2), order(3, 2.5))
print(1 + 0.5, 2 * 0.25, 10 - 0.5, int(3.75), float(6), round(2.5), round(3.5))
vals = [2.5, -1.0, 0.125, 4]
print(sorted(vals), max(vals), min(vals), sum(vals))
