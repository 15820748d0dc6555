def level3(x):
    return x["missing"]

def level2(x):
    y = level3(x)
    return y

def level1():
    return level2({})

print("calling")
level1()
