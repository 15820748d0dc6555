class Greeter:
    def __init__(self, greeting):
        self.greeting = greeting
    def greet(self, name):
        return self.greeting + ", " + name

g = Greeter("hi")
bound = g.greet
print(bound("ann"), Greeter.greet(g, "bob"))
funcs = [Greeter("hello").greet, Greeter("hey").greet]
print([f("x") for f in funcs])
print(list(map(g.greet, ["a", "b"])))
class Holder:
    pass
h = Holder()
h.fn = lambda x: x * 2
print(h.fn(21))
append = [].append
lst = []
add = lst.append
add(1)
add(2)
print(lst)
