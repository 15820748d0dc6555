# A bytearray slice takes only bytes-like values; values out of 0..255 are truncated.
b = bytearray(4)
b[0:2] = b"\x01\x02"
print(b)
try:
    b[2:3] = [5, 6]
except NotImplementedError as e:
    print("NotImplementedError:", e)
b[3] = 0x1FF
print(b)
