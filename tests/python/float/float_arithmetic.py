print(0.5 + 0.25, 1.5 * 4, 10.0 - 2.5, 7.0 / 2, 1 / 4, 3 / 8)
print(2 ** -1, 2.0 ** 3, 4 ** 0.5, 0.5 ** 2)
print(7.5 // 2, 7.5 % 2, -7.5 // 2, -7.5 % 2, divmod(9.5, 4))
print(-0.5, abs(-2.25), +1.5, -(-4.0))
print(3 * 0.5, 1 + 0.5, 10 - 0.25, 6 / 3)
x = 1.0
for _ in range(4):
    x *= 2
x /= 32
print(x)
s = 0.0
for v in [0.5, 0.25, 0.125, 0.0625]:
    s += v
print(s)
try:
    1.0 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
