class CM:
    def __init__(self, tag):
        self.tag = tag
    def __enter__(self):
        print("enter", self.tag)
    def __exit__(self, *exc):
        print("exit", self.tag, exc[0].__name__ if exc[0] else None)

def gen():
    with CM("outer"):
        try:
            yield 1
            with CM("inner"):
                yield 2
            yield 3
        finally:
            print("finally")

print(list(gen()))
g = gen()
print(next(g), next(g))
try:
    g.throw(ValueError("boom"))
except ValueError as e:
    print("propagated", e)
