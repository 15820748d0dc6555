# Building strings in loops, with join and formatting.
parts = []
for i in range(5):
    parts.append('%d:%s' % (i, 'x' * i))
print(','.join(parts))
s = ''
n = 0
while len(s) < 20:
    s += str(n)
    n += 1
print(s, n)
table = '\n'.join('{:2d} {:3d}'.format(i, i * i) for i in range(1, 5))
print(table)
print(''.join(reversed('stressed')), 'abc'.center(7))
