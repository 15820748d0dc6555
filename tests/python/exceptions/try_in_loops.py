out = []
for i in range(6):
    try:
        if i % 3 == 0:
            raise ValueError(i)
        if i == 4:
            continue
        out.append(i)
    except ValueError as e:
        out.append("v%s" % e)
        continue
    finally:
        out.append("f")
print(out)
n = 0
while True:
    try:
        n += 1
        if n == 3:
            break
    finally:
        print("finally n =", n)
print("left loop at", n)
