class P:
    cls_attr = "shared"
    def __init__(self):
        self.x = 1
p = P()
print(getattr(p, "x"), getattr(p, "cls_attr"), getattr(p, "nope", "dflt"))
setattr(p, "y", 2)
print(p.y, hasattr(p, "y"), hasattr(p, "z"))
delattr(p, "y")
print(hasattr(p, "y"))
try:
    getattr(p, "missing")
except AttributeError as e:
    print("AttributeError:", e)
name = "dyn"
setattr(P, name, lambda self: "dynamic method")
print(p.dyn())
print(hasattr("str", "upper"), getattr([1, 2], "count")(2))
