# Filling and scanning bytearrays in loops.
buf = bytearray(16)
for i in range(len(buf)):
    buf[i] = (i * 37) & 0xff
print(buf)
def checksum(b):
    s = 0
    for x in b:
        s = (s + x) & 0xffff
    return s
print(checksum(buf), checksum(b'hello'), max(buf), buf.find(b'\x25'))
mv = memoryview(buf)
for i in range(0, 16, 4):
    mv[i] = 0
print(bytes(buf[:8]))
