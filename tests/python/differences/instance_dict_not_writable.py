# An instance's __dict__ can be read, but storing into it raises TypeError in MicroPython.
class Rec:
    def __init__(self):
        self.a = 1

r = Rec()
print(sorted(r.__dict__.items()))
try:
    r.__dict__["b"] = 2
    print("stored", r.b)
except TypeError as e:
    print("TypeError", repr(str(e)))
setattr(r, "b", 2)
print(sorted(r.__dict__.items()))
