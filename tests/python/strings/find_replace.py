s = "the quick brown fox jumps over the lazy dog"
print(s.find("the"), s.find("the", 1), s.find("cat"), s.rfind("the"), s.rfind("o"))
print(s.index("quick"), s.rindex("o"), s.count("o"), s.count("the"), s.count(""))
try:
    s.index("cat")
except ValueError as e:
    print("ValueError:", e)
print(s.replace("the", "a"), s.replace("o", "0", 2))
print("aaa".replace("a", "bb"), "abc".replace("", "-"), "x".replace("y", "z"))
print(s.startswith("the"), s.startswith("quick", 4), s.endswith("dog"), s.endswith(("cat", "dog")))
print(s.startswith(("a", "t")), "abc".find("c", -1), "abc".find("a", -1))
