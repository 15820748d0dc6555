# memoryview and bytearray over an array see its items and its bytes.
from array import array

a = array('h', [1, -2, 300])
m = memoryview(a)
print(len(m), m[0], m[1], m[2], list(m))
m[1] = 1000
print(a)
s = m[1:]
print(len(s), s[0], list(s))
s[0] = -5
print(a)
print(bytearray(a), bytes(a))
w = array('I', [0x11223344])
print(bytes(memoryview(w)), memoryview(w)[0] == 0x11223344)
b = bytearray(4)
memoryview(b)[1:3] = b'xy'
print(b)
f = array('f', [1.5, 2.0])
print(list(memoryview(f)), len(bytes(f)))
print(array('B', a))
a2 = array('b', [1, 2, 3, 4])
a2[1:3] = bytearray(b'\x09\x08')
print(a2)
