class Rec:
    kind = "rec"
    def __init__(self, a, b):
        self.a = a
        self.b = b

r = Rec(1, 2)
print(sorted(r.__dict__.items()))
r.c = 3
print(r.c, hasattr(r, "c"), "c" in r.__dict__)
r.a = 10
print(sorted(r.__dict__.items()), r.kind, "kind" in r.__dict__)
print(type(r).__name__, r.__class__.__name__, r.__class__ is Rec)
