a = 0xFFFFFFFFFFFFFFFF
b = 0x123456789ABCDEF0123
print(hex(a & b), hex(a | b), hex(a ^ b))
print(1 << 100, (1 << 100) >> 99, -(1 << 80) >> 70)
print(hex(~a), hex(-b & 0xFFFF))
print(-a & b, -a | 7, -a ^ -b)
print(bin(2 ** 40 + 5), oct(8 ** 25))
n = 1
for _ in range(70):
    n = (n << 1) | 1
print(n, n.to_bytes(9, "little"), n.to_bytes(10, "big"))
