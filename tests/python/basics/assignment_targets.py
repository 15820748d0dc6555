a = b = c = [1]
a.append(2)
print(a, b, c, a is c)
d = {}
d["k"] = d["j"] = 0
print(sorted(d.items()))
class O:
    pass
o = O()
o.x = o.y = 7
print(o.x, o.y)
lst = [0, 0, 0]
i = 0
i, lst[i] = 1, 5
print(i, lst)
m = [[0] * 3 for _ in range(2)]
m[1][2] = 9
print(m)
x = 1
x += x
x *= x
print(x)
(a1, b1), c1 = [1, 2], 3
print(a1, b1, c1)
