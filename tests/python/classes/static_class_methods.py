class Shape:
    count = 0
    def __init__(self, kind):
        self.kind = kind
        Shape.count += 1
    @staticmethod
    def area_of_square(side):
        return side * side
    @classmethod
    def square(cls):
        return cls("square")
    @classmethod
    def how_many(cls):
        return cls.__name__ + ": " + str(cls.count)

class Circle(Shape):
    pass

print(Shape.area_of_square(4), Shape("x").area_of_square(3))
s = Shape.square()
print(s.kind, type(s).__name__)
c = Circle.square()
print(type(c).__name__, Shape.how_many(), Circle.how_many())
f = Shape.area_of_square
print(f(5))
