# Methods compiled to native code, with super() and special methods.
import micropython

class Base:
    def __init__(self, v):
        self.v = v
    @micropython.native
    def get(self):
        return self.v

class Child(Base):
    @micropython.native
    def __init__(self, v, w):
        super().__init__(v)
        self.w = w
    @micropython.native
    def get(self):
        return super().get() + self.w
    @micropython.native
    def __add__(self, other):
        return Child(self.v + other.v, self.w + other.w)
    def __repr__(self):
        return 'Child(%d, %d)' % (self.v, self.w)

a = Child(1, 2)
b = Child(10, 20)
print(a.get(), b.get(), a + b, (a + b).get())
