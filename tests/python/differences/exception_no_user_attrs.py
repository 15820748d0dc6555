# Instances of built-in exception types take no new attributes in MicroPython.
e = ValueError("msg")
try:
    e.extra = 1
    print("set", e.extra)
except AttributeError as err:
    print("AttributeError:", err)
class Mine(Exception):
    pass
m = Mine("x")
m.extra = 2
print("subclass instance takes attributes:", m.extra)
