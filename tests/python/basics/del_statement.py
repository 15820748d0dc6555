x = 5
del x
try:
    print(x)
except NameError as e:
    print("NameError", e)
l = [0, 1, 2, 3, 4]
del l[1]
print(l)
del l[1:3]
print(l)
d = {"a": 1, "b": 2}
del d["a"]
print(d)
try:
    del d["zz"]
except KeyError as e:
    print("KeyError", e)
class C:
    pass
c = C()
c.attr = 1
del c.attr
print(hasattr(c, "attr"))
def f():
    y = 1
    del y
    try:
        return y
    except NameError as e:
        return "local gone"
print(f())
a, b = 1, 2
del a, b
print("ok")
