# Star unpacking in assignments and for loops.
a, *b = [1, 2, 3]
*c, d = 'xyz'
e, *f, g = range(6)
print(a, b, c, d, e, f, g)
for first, *rest in [(1, 2, 3), (4,)]:
    print(first, rest)
h, (i, *j) = 0, [1, 2, 3]
print(h, i, j)
try:
    k, l = [1, 2, 3]
except ValueError as ex:
    print('ValueError', ex)
print(*[1, 2], *'ab', sep='|')
