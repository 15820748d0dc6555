class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return V(self.x + o.x, self.y + o.y)
    def __sub__(self, o):
        return V(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        return V(self.x * k, self.y * k)
    def __neg__(self):
        return V(-self.x, -self.y)
    def __eq__(self, o):
        return self.x == o.x and self.y == o.y
    def __repr__(self):
        return "V(%d, %d)" % (self.x, self.y)

a = V(1, 2)
b = V(10, 20)
print(a + b, b - a, a * 3, -a)
print(a == V(1, 2), a == b, a != b)
c = a
c += b
print(c, a)
try:
    a / 2
except TypeError as e:
    print("TypeError:", e)
