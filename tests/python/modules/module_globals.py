counter = 0

def increment():
    global counter
    counter += 1
    return counter

increment()
increment()
g = globals()
print(g["counter"], "increment" in g, g["__name__"])
g["injected"] = "via globals()"
print(injected)
