a = 17
b = 5
print(a + b, a - b, a * b, a // b, a % b)
print(-a // b, -a % b, a // -b, a % -b)
print(a ** 2, 2 ** 10, (-3) ** 3)
print(a & b, a | b, a ^ b, ~a, a << 3, a >> 2, -a >> 1)
print(+a, -a, abs(-a))
x = 100
x += 5
x -= 3
x *= 2
x //= 7
x %= 10
print(x)
y = 6
y <<= 2
y >>= 1
y |= 1
y &= 0xF
y ^= 0b101
print(y)
print(7 // 1, 0 // 5, 0 % 3)
