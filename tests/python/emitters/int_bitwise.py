# Bitwise operators on ints, including negative ones and shifts.
def bits(a, b):
    return a & b, a | b, a ^ b, ~a, a << 3, a >> 2

for a, b in ((12, 10), (-12, 10), (255, -1), (0, 0), (1 << 20, 3)):
    print(a, b, bits(a, b))
print(1 << 31, 1 << 35, -1 >> 5, (1 << 40) >> 38)
