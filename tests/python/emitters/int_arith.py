# Small-int arithmetic, signs and floor semantics.
def arith(a, b):
    return a + b, a - b, a * b, a // b, a % b, -a, +b

for a, b in ((7, 3), (-7, 3), (7, -3), (-7, -3), (0, 5), (1000, 7)):
    print(a, b, arith(a, b))
print(2 ** 10, (-2) ** 3, 7 ** 0, abs(-9))
x = 5
x += 3
x *= 2
x -= 1
x //= 4
print(x)
