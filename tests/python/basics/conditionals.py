def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"

for n in (-5, 0, 3, 42):
    print(n, classify(n))
x = 5
if x:
    print("truthy")
if 0:
    print("no")
elif "":
    print("no")
else:
    print("fallthrough")
v = None
print("none" if v is None else "some")
print(1 if x else 2, 3 if [] else 4)
