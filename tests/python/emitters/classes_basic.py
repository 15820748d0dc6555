# Classes: instances, methods, attributes.
class Point:
    count = 0
    def __init__(self, x, y):
        self.x = x
        self.y = y
        Point.count += 1
    def norm1(self):
        return abs(self.x) + abs(self.y)
    def moved(self, dx, dy=0):
        return Point(self.x + dx, self.y + dy)

p = Point(3, -4)
q = p.moved(1).moved(0, 10)
print(p.x, p.y, p.norm1(), q.x, q.y, Point.count)
m = p.norm1
print(m(), hasattr(p, 'x'), hasattr(p, 'z'), getattr(p, 'z', 'none'))
p.z = 5
print(p.z, isinstance(p, Point), type(p).__name__)
