s = "Hello, World"
print(s, len(s), s[0], s[-1], s[7:], s * 2, s + "!")
print("ell" in s, "xyz" not in s, s == "Hello, World", s < "Hi")
print(str(123), str([1, "a"]), str((1,)), str({"k": "v"}), str(None))
print(repr("it's"), repr('say "hi"'), repr("both ' and \""), repr("tab\tnl\n\\"))
print("a" "b" "c", "multi\
line")
print("""triple
quoted""", '''also''')
print(r"raw\n\t", "\x41\u00e9\101")
print(ord("A"), chr(97), ord("é"), chr(0x263A))
print(len("é☺"), "é☺"[1], "héllo"[1:3])
for ch in "ab":
    print(ch)
try:
    s[0] = "h"
except TypeError as e:
    print("TypeError")
print(str(), str(b"x", "utf-8"))
