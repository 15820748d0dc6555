data = bytearray(range(16))
view = memoryview(data)
half = view[8:]
print(len(half), half[0], half[-1])
for i in range(len(half)):
    half[i] = 255 - half[i]
print(list(data))
window = view[2:6]
window[:] = b"\x01\x02\x03\x04"
print(list(data[:8]), bytes(window))
print(bytes(memoryview(b"abcdef")[1:4]), memoryview(b"xyz")[1])
print(bytearray(view[14:]) , list(memoryview(bytes(3))))
