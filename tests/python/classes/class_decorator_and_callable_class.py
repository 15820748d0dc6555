def add_repr(cls):
    def __repr__(self):
        return cls.__name__ + "(" + ", ".join("%s=%r" % (k, getattr(self, k)) for k in cls.fields) + ")"
    cls.__repr__ = __repr__
    return cls

@add_repr
class Point:
    fields = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y

print(Point(1, "two"))
class CountCalls:
    def __init__(self, fn):
        self.fn = fn
        self.calls = 0
    def __call__(self, *args):
        self.calls += 1
        return self.fn(*args)

@CountCalls
def square(x):
    return x * x

print(square(3), square(4), square.calls)
