# nonlocal and global.
g = 0

def bump():
    global g
    g += 1
    return g

def make():
    x = 0
    def inc():
        nonlocal x
        x += 2
        return x
    def get():
        return x
    return inc, get

print(bump(), bump(), g)
inc, get = make()
print(inc(), inc(), get())
def shadow():
    g = 100
    return g
print(shadow(), g)
