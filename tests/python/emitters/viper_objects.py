# Viper functions that take and return objects next to ints: method calls, containers,
# and ints converted both ways.
import micropython

@micropython.viper
def tally(words) -> int:
    n = 0
    for w in words:
        n += int(len(w))
    return n

@micropython.viper
def tag(name, n: int):
    return name + '#' + str(n)

@micropython.viper
def fill_list(n: int):
    out = []
    for i in range(n):
        out.append(i * i)
    return out

@micropython.viper
def first_big(xs, limit: int):
    for x in xs:
        if int(x) > limit:
            return x
    return None

print(tally(['ab', 'cde', '']), tag('item', 7), fill_list(5))
print(first_big([3, 9, 27, 81], 10), first_big([1, 2], 10))
