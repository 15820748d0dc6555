def trace(fn):
    def wrapper(*args, **kwargs):
        print("call", fn.__name__, args, sorted(kwargs.items()))
        result = fn(*args, **kwargs)
        print("ret", result)
        return result
    return wrapper

@trace
def add(a, b=0):
    return a + b

add(1, 2)
add(5, b=7)

def repeat(n):
    def deco(fn):
        def run(*a):
            return [fn(*a) for _ in range(n)]
        return run
    return deco

@repeat(3)
def hello(name):
    return "hi " + name

print(hello("al"))

def register(registry):
    def deco(fn):
        registry.append(fn.__name__)
        return fn
    return deco

names = []
@register(names)
def first():
    pass
@register(names)
@trace
def second():
    return 2
print(names, second())
