def greet(name, greeting="hello", punct="!"):
    return greeting + " " + name + punct

print(greet("bob"))
print(greet("bob", "hi"))
print(greet("bob", punct="?"))
print(greet(greeting="yo", name="al"))

def acc(x, into=[]):
    into.append(x)
    return into

print(acc(1))
print(acc(2))
print(acc(3, []))

def f(a, b=2, *, c, d=4):
    return (a, b, c, d)

print(f(1, c=3))
print(f(1, 5, c=6, d=7))
