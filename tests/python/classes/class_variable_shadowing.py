class Base:
    greeting = "hello"
    def greet(self):
        return self.greeting

class Child(Base):
    greeting = "hi"

class Grand(Child):
    pass

b, c, g = Base(), Child(), Grand()
print(b.greet(), c.greet(), g.greet())
Child.greeting = "hey"
print(c.greet(), g.greet(), b.greet())
g.greeting = "own"
print(g.greet(), Grand.greeting)
del g.greeting
print(g.greet())
del Child.greeting
print(c.greet(), g.greet())
