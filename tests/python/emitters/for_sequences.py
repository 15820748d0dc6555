# for over lists, tuples, strings, dicts and with unpacking.
for x in [3, 1, 2]:
    print(x)
for c in 'abc':
    print(c, ord(c))
for a, b in [(1, 2), (3, 4)]:
    print(a + b)
d = {'one': 1}
for k in d:
    print(k, d[k])
for i, (a, b) in enumerate(zip('xy', [10, 20])):
    print(i, a, b)
for x in (1, 2, 3):
    if x == 2:
        continue
    print('t', x)
