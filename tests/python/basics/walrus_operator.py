data = [3, 8, 1, 9, 4]
if (n := len(data)) > 4:
    print("long list", n)
vals = []
i = 0
while (i := i + 1) < 5:
    vals.append(i)
print(vals)
print([y for x in data if (y := x * 2) > 6])
def f(x):
    return x + 1
print([(v := f(k), v * 10) for k in range(3)])
print(v)
