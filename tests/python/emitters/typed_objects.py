# Object arguments and results next to int ones, compiled by every emitter (viper too).
def label(name, n: int):
    return name + ':' + str(n)

def pick(items, i: int):
    return items[i]

def count_positive(items) -> int:
    c = 0
    for x in items:
        if int(x) > 0:
            c += 1
    return c

def build(n: int):
    out = []
    for i in range(n):
        out.append(i * i)
    return out

print(label('n', 5), pick(['a', 'b', 'c'], 1), count_positive([3, -1, 4, 0, 5]), build(5))
