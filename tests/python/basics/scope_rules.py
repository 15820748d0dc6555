x = "global x"

def read_global():
    return x

def local_shadow():
    x = "local x"
    return x

def unbound():
    try:
        print(x)
        x = 1
    except NameError as e:
        print(type(e).__name__, e)

print(read_global(), local_shadow(), x)
unbound()
def enclosing():
    y = "enclosing y"
    def inner():
        return y
    return inner()
print(enclosing())
class C:
    x = "class x"
    def method(self):
        return x
print(C().method(), C.x)
for loop_var in range(3):
    pass
print(loop_var)
