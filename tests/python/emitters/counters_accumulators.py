# Accumulator loops of several shapes.
def mean(xs):
    total = 0
    n = 0
    for x in xs:
        total += x
        n += 1
    return total // n

def running(xs):
    out = []
    s = 0
    for x in xs:
        s += x
        out.append(s)
    return out

def histogram(xs):
    h = [0] * 5
    for x in xs:
        h[x % 5] += 1
    return h

xs = [3, 1, 4, 1, 5, 9, 2, 6]
print(mean(xs), running(xs), histogram(xs))
