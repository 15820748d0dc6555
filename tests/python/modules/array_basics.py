# array.array: construction, indexing, slicing, append/extend, repr, equality.
from array import array

a = array('h', [1, 2, 3])
print(a, len(a), a[0], a[-1])
a.append(4)
a.extend([5, 6])
print(a)
print(list(a), sum(a))
b = a[1:4]
b[0] = 100
print(a[1:4], b)
a[0:2] = array('h', [7, 8, 9])
print(a)
print(array('i'), array('B', b'ab'), array('b', bytearray(b'\xff\x01')))
print(array('h', [1, 2]) == array('h', [1, 2]), array('h', [1]) == array('h', [2]))
print(array('H', [1]) == array('h', [1]), array('B', b'ab') == b'ab')
print(array('h', [1]) == [1])
c = array('I', [1]) + array('I', [2, 3])
print(c)
c += array('I', [4])
print(c, bool(array('f')), bool(c))
for x in array('b', [-1, 2]):
    print(x)
print(array('l', range(4)))
print(array('h', [5, 6, 7])[-2:])
try:
    array('h', [1])[5]
except IndexError as e:
    print('IndexError', e)
try:
    array('z')
except ValueError as e:
    print('ValueError', e)
