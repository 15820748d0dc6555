l = [3, 1, 2]
l.append(5)
l.extend([7, 8])
l.insert(0, 0)
l.insert(-1, 9)
l.insert(100, 10)
print(l)
print(l.pop(), l.pop(0), l.pop(-2))
print(l)
l.remove(2)
print(l, l.index(5), l.count(1))
l.reverse()
print(l)
l.sort()
print(l)
l.sort(reverse=True)
print(l)
l.sort(key=lambda x: -x if x % 2 else x)
print(l)
c = l.copy()
c.clear()
print(l, c)
print([1, 2] + [3], [0] * 4, [[]] * 2, 3 in [1, 2, 3])
print(list(range(4)), list("abc"), list((1, 2)))
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    [1].remove(5)
except ValueError as e:
    print("ValueError:", e)
x = [1, 2, 3]
x *= 2
x += (9,)
print(x, len(x))
print([1, 2, 3] == [1, 2, 3], [1, 2] < [1, 2, 0])
