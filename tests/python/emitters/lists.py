# Lists: methods and in-place operations.
l = [5, 3, 8]
l.append(1)
l.insert(0, 9)
l.extend([7, 7])
print(l, l.pop(), l.pop(0), l)
l.sort()
print(l, l.index(7), l.count(7))
l.reverse()
l.remove(7)
print(l, len(l), 3 in l, 4 in l)
l[1] = 'x'
del l[0]
print(l, l * 2, [0] + l)
m = l
m += [1]
print(l is m, l)
