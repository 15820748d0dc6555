name = "world"
n = 42
print(f"hello {name}!")
print(f"{n} {n * 2} {n:05d} {n:x} {n:>6}|")
items = [1, 2, 3]
print(f"{len(items)} items: {items}")
print(f"{'nested quotes'}")
print(f"{{braces}} {n}")
d = {"k": "v"}
print(f"{d['k']}")
def f(x):
    return x * 3
print(f"{f(2)} {f('ab')}")
w = 8
print(f"{n:{w}}|")
print(f"{name!r}")
print(f"a" f"b{n}" "c")
x = 5
print(f"{x if x > 3 else 0} {'yes' if x else 'no'}")
