def f(a, b, c=3, *args, d=4, **kw):
    return "a=%r b=%r c=%r args=%r d=%r kw=%r" % (a, b, c, args, d, sorted(kw.items()))

print(f(1, 2))
print(f(1, 2, 5, 6, 7))
print(f(1, b=2, d=8, e=9))
print(f(*[1, 2, 3, 4], **{"d": 0, "z": 1}))
print(f(1, *(2,), c=9))
class K:
    def m(self, x, *rest, **kw):
        return (x, rest, sorted(kw))
    @staticmethod
    def s(*a):
        return a
k = K()
print(k.m(1), k.m(1, 2, 3, y=4), K.m(k, "v", flag=True))
print(k.s(), K.s(1, 2), getattr(k, "m")(0))
args = (1, 2)
kwargs = {"q": 3}
print(k.m(*args, **kwargs))
print(f(**{"a": "A", "b": "B"}))
