# bytearray items cannot be deleted in MicroPython; slice assignment works instead.
b = bytearray(b"abcd")
try:
    del b[0]
except TypeError as e:
    print("TypeError:", e)
b[0:1] = b""
print(b)
