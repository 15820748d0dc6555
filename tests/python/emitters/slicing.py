# Slicing of lists, tuples and strings, and slice assignment.
l = list(range(10))
print(l[2:5], l[:3], l[7:], l[-3:], l[::2], l[::-1], l[1:8:3], l[8:2:-2])
print('abcdef'[1:4], (1, 2, 3, 4)[1:], 'abc'[5:], l[-100:2])
l[2:5] = ['a', 'b']
print(l)
l[:2] = []
print(l)
del l[1:3]
print(l)
print([9, 8, 7, 6][1:3])
