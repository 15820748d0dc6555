# Augmented assignment to names, attributes and subscripts.
class Box:
    def __init__(self):
        self.v = 1
        self.items = [1, 2]

b = Box()
b.v += 5
b.v *= 3
b.items[0] += 10
b.items += [3]
d = {'k': 1}
d['k'] -= 4
d['k'] <<= 2
s = 'a'
s += 'b'
t = (1,)
t += (2,)
n = 100
n //= 7
n %= 5
n **= 3
n |= 8
n ^= 1
n >>= 1
print(b.v, b.items, d, s, t, n)
