items = {"apple": 3, "kiwi": 12}
for name in sorted(items):
    print(f"{name:<8}|{items[name]:>4}|{items[name] * 2:04d}")
width, prec = 10, 3
print(f"{'text':>{width}}|{'abcdef':.{prec}}|")
vals = [1, 2, 3]
print(f"{sum(vals)} {len(vals)} {vals[-1]} {[v * v for v in vals]}")
print(f"{'yes' if vals else 'no'} {vals!r} {str(vals)!s}")
n = 255
print(f"{n:#x} {n:o} {n:b} {n:,} {-n:+d}")
print(f"{{}} {n}{{n}}")
obj = None
print(f"{obj} {obj is None}")
