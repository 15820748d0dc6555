s = "héllo €"
b = s.encode()
print(b, len(s), len(b))
print(b.decode(), s.encode("utf-8") == b)
print(bytes(s, "utf-8") == b, str(b, "utf-8"))
print("abc".encode(), b"abc".decode("ascii"))
try:
    b"\xff\xfe".decode()
except UnicodeError as e:
    print("UnicodeError")
print(list("€".encode()))
