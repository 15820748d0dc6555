# array items are truncated to their size when stored, as MicroPython 1.x does.
from array import array

print(array('b', [127, 128, 255, 256, -129]))
print(array('B', [-1, 256, 300]))
print(array('h', [32767, 32768, 65535, -32769]))
print(array('H', [-1, 65536, 70000]))
print(array('i', [2**31 - 1, 2**31, -2**31 - 1]))
print(array('I', [-1, 2**32, 2**32 + 5]))
print(array('q', [2**63 - 1, 2**63, -1]))
print(array('Q', [-1, 2**64 + 3]))
a = array('b', [0])
a[0] = 200
print(a[0])
a = array('H', [0])
a[0] = -2
print(a[0], array('L', [-1])[0], array('l', [2**40 + 7])[0])
print(array('f', [1, 2.5, True]), array('d', [0.5, -3]))
try:
    array('i', [1.5])
except TypeError as e:
    print('TypeError', e)
try:
    array('f', ['x'])
except TypeError as e:
    print('TypeError', e)
