def f():
    pass
class C:
    def __call__(self):
        return 1
class D:
    pass
print(callable(f), callable(C), callable(C()), callable(D()), callable(1), callable(print))
print(all([]), all([1, 2]), all([1, 0]), any([]), any([0, 0, 3]), any(x > 5 for x in range(10)))
print(all(c.isdigit() for c in "123"), any(c.isupper() for c in "abc"))
