results = []
for v in ["1", "x", "3", None, "5"]:
    try:
        results.append(int(v))
    except ValueError:
        results.append("bad")
    except TypeError:
        results.append("none")
print(results)
def safe_div(a, b):
    try:
        return a // b
    except ZeroDivisionError:
        return 0
print([safe_div(10, d) for d in range(3)])
count = 0
while True:
    try:
        count += 1
        if count > 3:
            raise StopIteration
    except StopIteration:
        break
print(count)
