b = b"  Hello, Bytes  "
print(b.strip(), b.lstrip(), b.rstrip(), b.lower(), b.upper())
print(b.split(), b.split(b","), b",".join([b"a", b"b"]))
print(b.find(b"B"), b.rfind(b"e"), b.count(b" "), b.replace(b" ", b""))
print(b"abc".startswith(b"ab"), b"abc".endswith(b"bc"), b"12".isdigit(), b"ab".isalpha())
print(b"x=1".partition(b"="), b"a=b=c".rpartition(b"="))
print(bytes([1, 2, 3]) + bytearray(b"\x04"), b"ab" < b"b")
print(b"hello".center(9))
