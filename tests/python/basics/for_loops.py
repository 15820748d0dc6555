for i in range(3):
    print(i)
for c in "hey":
    print(c, end=" ")
print()
for k, v in [(1, "a"), (2, "b")]:
    print(k, v)
for i in range(5):
    if i == 3:
        break
else:
    print("no")
for i in range(2):
    pass
else:
    print("else after", i)
total = 0
for i in range(10, 0, -2):
    total += i
print(total)
for i in range(3):
    for j in range(3):
        if j == i:
            continue
        if j > 1:
            break
        print(i, j)
for x in []:
    print("never")
print("done")
