class Dynamic:
    def __init__(self):
        self.real = "real value"
    def __getattr__(self, name):
        return "computed " + name

d = Dynamic()
print(d.real, d.anything, d.other)
class Strict:
    def __getattr__(self, name):
        if name.startswith("ok_"):
            return name[3:]
        raise AttributeError(name)
s = Strict()
print(s.ok_yes, hasattr(s, "ok_x"), hasattr(s, "bad"))
class Setter:
    def __setattr__(self, name, value):
        print("setting", name, value)
        object.__setattr__(self, name, value * 2)
t = Setter()
t.v = 21
print(t.v)
