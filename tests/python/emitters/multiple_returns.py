# Functions returning several values and chained calls.
def divmod_sign(a, b):
    q, r = divmod(a, b)
    return q, r, (a < 0) != (b < 0)

def stats(xs):
    return min(xs), max(xs), sum(xs) // len(xs)

print(divmod_sign(17, 5), divmod_sign(-17, 5), divmod_sign(17, -5))
lo, hi, mean = stats([4, 8, 15, 16, 23, 42])
print(lo, hi, mean)
def pipeline(x):
    return str(x).zfill(4) if hasattr('', 'zfill') else str(x)
print(pipeline(42))
