b = b"hello"
print(b, len(b), b[0], b[-1], b[1:3], b + b"!", b * 2)
print(bytes(3), bytes([65, 66, 67]), bytes("hé", "utf-8"), bytes(range(5)))
print(b"\x00\xff\n\t\\", b"'", b'"', b"'\"")
print(b.upper(), b.find(b"l"), b.replace(b"l", b"L"), b.split(b"e"))
print(b.startswith(b"he"), b.endswith(b"lo"), b"ll" in b, 104 in b)
print(b.decode(), b"caf\xc3\xa9".decode("utf-8"))
print(list(b"abc"), b == b"hello", b < b"help", b"-".join([b"a", b"b"]))
print(b.hex(), bytearray(b"\x01\xab").hex())
print(bytes.fromhex("deadbeef"), bytes.fromhex("00 ff"))
try:
    b[0] = 1
except TypeError as e:
    print("TypeError")
print(b.strip(b"ho"), b" x ".strip(), b.count(b"l"), b.index(b"o"))
