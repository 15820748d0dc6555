a = 2 ** 64
b = 3 ** 40
print(a, b)
print(a + b, a - b, b - a, a * b)
print(a // 12345, a % 12345, -a // 7, -a % 7)
print(divmod(b, a), divmod(-b, 1000))
print(a ** 3)
print(12345678901234567890 * 98765432109876543210)
print(-(2 ** 100), abs(-(2 ** 100)))
x = 1
for i in range(1, 31):
    x *= i
print(x)
print(x // (10 ** 20), x % 1000007)
print(2 ** 100 == 2 ** 100, 2 ** 100 > 2 ** 99, -(2 ** 70) < 5)
print(int("123456789012345678901234567890") + 1)
print(0x7FFFFFFF + 1, 0x3FFFFFFF + 1, -0x40000000 - 1)
