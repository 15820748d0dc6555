buf = bytearray(b"0123456789")
mv = memoryview(buf)
print(len(mv), mv[0], mv[-1], bytes(mv[2:5]))
part = mv[4:8]
part[0] = ord("X")
part[1:3] = b"YZ"
print(buf)
buf[5] = ord("!")
print(bytes(part))
sub = part[1:]
sub[0] = ord("q")
print(buf, len(sub))
print(list(mv[:3]), bytes(mv[::1]) == bytes(buf))
ro = memoryview(b"immutable")
print(bytes(ro[2:5]))
try:
    ro[0] = 1
except TypeError as e:
    print("TypeError")
print(bytearray(mv[0:2]), bytes(mv[7:7]), mv.hex())
