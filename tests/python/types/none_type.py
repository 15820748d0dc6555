x = None
print(x, repr(x), str(x), type(x).__name__)
print(x is None, x == None, x != 0, bool(x))
def f():
    pass
print(f() is None)
d = {None: 1}
print(d[None])
print([None] * 3)
try:
    None + 1
except TypeError as e:
    print("TypeError:", e)
try:
    None.foo
except AttributeError as e:
    print("AttributeError:", e)
