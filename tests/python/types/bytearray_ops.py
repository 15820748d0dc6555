ba = bytearray(b"abc")
ba[0] = 65
ba.append(100)
ba.extend(b"ef")
print(ba, len(ba), ba[1], ba[-1])
ba[1:3] = b"XYZ"
print(ba)
ba[0:1] = b""
print(ba)
print(bytearray(4), bytearray([1, 2, 255]), bytearray("hi", "utf-8"))
print(bytes(ba), ba == b"XYZdef", ba.decode())
ba2 = bytearray(3)
for i in range(3):
    ba2[i] = i * 10
print(list(ba2))
print(ba.find(b"d"), ba + b"!")
try:
    ba[0] = 256
except ValueError as e:
    print("ValueError:", e)
print(ba)
