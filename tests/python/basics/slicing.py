s = list(range(10))
print(s[2:5], s[:3], s[7:], s[-3:], s[:-7])
print(s[::2], s[1::3], s[::-1], s[8:2:-2])
print(s[100:], s[-100:2], s[5:2])
t = tuple(s)
print(t[1:4], t[-2:])
st = "abcdefgh"
print(st[1:4], st[-2:], st[:-5])
b = b"abcdef"
print(b[2:], b[:-2], b[1:5])
s[2:4] = ["x", "y", "z"]
print(s)
s[:3] = []
print(s)
del s[1:3]
print(s)
s[1:1] = [99]
print(s)
u = [0, 1, 2, 3, 4, 5]
u[-2:] = ["a", "b"]
print(u, u[::-2])
