# bytes and bytearray.
b = b'abc'
ba = bytearray(b'xyz')
ba[0] = 65
ba.append(33)
print(b, ba, b[1], ba[-1], len(ba), b + b'd', bytes([1, 2, 255]))
print(b.decode(), ba.decode(), list(b'hi'), bytes(3), bytearray(2))
m = memoryview(ba)
m[1] = 66
print(ba, bytes(m[1:3]), b'%d' % 5 if False else 'skip')
print(b.hex(), bytes.fromhex('0aff'), b'a,b'.split(b','))
