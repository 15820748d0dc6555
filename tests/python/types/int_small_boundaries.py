edges = [2 ** 29, 2 ** 30 - 1, 2 ** 30, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 62, 2 ** 63]
for e in edges:
    print(e, -e, e + 1, e - 1, e * 2, e // 3)
big = 2 ** 30
print(big - 1 + 1 == big, (big * 4) // 4 == big)
x = 0x3FFFFFFF
x += 1
print(x, type(x).__name__)
y = -0x40000000
y -= 1
print(y)
print(123456 * 654321, 46341 * 46341, -46341 * 46341)
print(2 ** 31 // 2 ** 31, (2 ** 40) % 1000)
print(int("1" * 20) - int("1" * 19))
