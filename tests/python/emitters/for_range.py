# for over ranges with steps, negative steps and empty ranges.
def total(r):
    s = 0
    for i in r:
        s += i
    return s

print(total(range(10)), total(range(2, 20, 3)), total(range(10, 0, -2)), total(range(5, 5)))
for i in range(3):
    for j in range(i):
        print(i, j)
for i in range(4):
    if i == 2:
        break
else:
    print('not reached')
for i in range(2):
    pass
else:
    print('for else', i)
print(list(range(-3, 3)), len(range(0, 100, 7)), range(1, 10, 2)[2])
