s = "  Hello World \t\n"
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print("xxhixx".strip("x"), "abcba".strip("ab"), "..a..".lstrip("."), "..a..".rstrip("."))
print("Hello".upper(), "Hello".lower(), "MiXeD 123".lower(), "é".upper())
print("ABC".isupper(), "abc".islower(), "123".isdigit(), "abc".isalpha(), " \t".isspace(), "a1".isalpha())
print("".isdigit(), "A".isupper(), "Ab".isupper())
