s = "Hello World"
print(s.count("o"), s.count("l", 5), s.find("o", 5), s.rfind("l", 0, 5), s.index("W"))
print(s.startswith("World", 6), s.endswith("World"), s.startswith(("x", "H")))
print(s.lower().islower(), s.upper().isupper(), "  ".isspace(), "".isspace(), "x1".isdigit())
print(s.replace("l", ""), s.replace("World", "There").split(), s.partition(" "))
print("-".join(s.split("o")), s.strip("Hd"), s.lstrip("Hel"), s.rstrip("dlr"))
print("{} has {} chars".format(s, len(s)), s.encode()[:5])
print("%s|%s" % (s[:5].upper(), s[6:].lower()), "ab".join("123"))
