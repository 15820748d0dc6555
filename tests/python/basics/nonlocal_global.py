g = 0

def bump():
    global g
    g += 1

bump()
bump()
print(g)

def define_global():
    global created
    created = "made"

define_global()
print(created)

def outer():
    a = 1
    b = 1
    def inner():
        nonlocal a
        a = 5
        b = 5
        return b
    inner()
    return a, b

print(outer())

def shadow():
    g = 100
    return g

print(shadow(), g)

def levels():
    x = "outer"
    def l1():
        def l2():
            nonlocal x
            x = "changed by l2"
        l2()
    l1()
    return x

print(levels())
