# Only values exact in single precision with short reprs: see tests/python/README.md.
print(0.5, 0.25, 1.5, 2.75, -3.125, 100.0, 0.0, -0.0)
print(1.0, 2.0, 1e3, 2.5e2, 1024.0, 65536.0)
print(repr(0.75), str(0.375), [0.5, 1.25], (8.0,))
print(float(3), float("2.5"), float("-0.125"), float(" 16 "), float("1e2"))
print(float("inf"), float("-inf"), float("nan"))
print(type(1.5).__name__, isinstance(0.5, float))
