print(True and False, True or False, not True, not 0)
print(0 and 1, 1 and 2, 0 or 3, "" or "default", [] or None)
print(None and 1, 5 or 1 / 0)
def t(v):
    print("t", v)
    return v
print(t(0) and t(1))
print(t(1) or t(2))
print(bool(0), bool(1), bool(""), bool("x"), bool([]), bool([0]), bool(None))
print(True + True, True * 10, False - 1)
print(int(True), str(False), repr(True))
if not []:
    print("empty is falsy")
x = 3
print("big" if x > 2 else "small", "big" if x > 5 else "small")
