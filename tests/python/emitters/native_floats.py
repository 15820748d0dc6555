# Floats through native code: arithmetic, comparisons, conversions (values exact in single
# precision).
import micropython

@micropython.native
def poly(x):
    return 0.5 * x * x - 2.25 * x + 1.0

@micropython.native
def mean(xs):
    total = 0.0
    for x in xs:
        total += x
    return total / len(xs)

@micropython.native
def compare(a, b):
    return a < b, a == b, a >= b, max(a, b), min(a, b)

print(poly(2.0), poly(-1.5), poly(4))
print(mean([1.5, 2.5, 3.0, 1.0]), mean([8, 4]))
print(compare(1.5, 2), compare(2.0, 2), int(poly(10.0)), float(3) / 8)
