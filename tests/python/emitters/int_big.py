# Results beyond the small-int range become big ints.
def grow(n):
    v = 1
    for i in range(n):
        v = v * 3 + i
    return v

print(grow(5), grow(30), grow(60))
a = 1 << 40
print(a, a + 1, a * a, a // 3, a % 1000, -a)
print(2 ** 100 - 2 ** 99, (2 ** 64) // (2 ** 32))
m = 1073741823
print(m + 1, m * 2, -m - 2)
