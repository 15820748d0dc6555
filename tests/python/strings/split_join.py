s = "a,b,,c"
print(s.split(","), s.split(",", 1), "  a  b c ".split(), "".split(), "".split(","))
print("a b c".split(None, 1), "x".split("x"), "1<>2<>3".split("<>"))
print("a,b,c".rsplit(",", 1), "a b c".rsplit())
print("line1\nline2\n".splitlines(), "a\r\nb".splitlines(), "x\n\ny".splitlines())
print(",".join(["x", "y", "z"]), "".join(["a", "b"]), "-".join("abc"), " ".join([]))
try:
    ",".join([1, 2])
except TypeError as e:
    print("TypeError")
print("k=v".partition("="), "no sep".partition("="), "a=b=c".rpartition("="))
