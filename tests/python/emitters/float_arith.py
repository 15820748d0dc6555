# Float arithmetic on values exact in single precision.
def f(a, b):
    return a + b, a - b, a * b, a / b

print(f(1.5, 0.25))
print(f(-2.75, 2.0))
print(f(1000.0, 8.0))
x = 0.5
for i in range(4):
    x = x * 2 + 0.25
print(x, -x, abs(-x))
print(7 // 2.0, 7 % 2.0, 2.0 ** 3, 3 / 4)
