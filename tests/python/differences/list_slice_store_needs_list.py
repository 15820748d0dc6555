# Assigning a non-list iterable to a list slice is not supported in MicroPython.
l = [1, 2, 3]
for rhs in ([7, 8], (7, 8), "ab", range(2)):
    try:
        l[0:2] = rhs
        print(type(rhs).__name__, l)
    except TypeError as e:
        print(type(rhs).__name__, "TypeError:", e)
