class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return self.suppress

with CM("a") as c:
    print("body", c.name)
with CM("b", suppress=True):
    raise ValueError("swallowed")
print("after b")
try:
    with CM("c"):
        raise KeyError("propagates")
except KeyError as e:
    print("caught", e)
with CM("outer") as o, CM("inner") as i:
    print("both", o.name, i.name)
def early():
    with CM("ret"):
        return "returned"
print(early())
for k in range(3):
    with CM("loop%d" % k):
        if k == 1:
            break
