# Properties, staticmethod and classmethod.
class Temp:
    scale = 'C'
    def __init__(self, c):
        self._c = c
    @property
    def c(self):
        return self._c
    @c.setter
    def c(self, v):
        print('set', v)
        self._c = v
    @staticmethod
    def twice(x):
        return 2 * x
    @classmethod
    def make(cls, v):
        return cls(v)

t = Temp.make(20)
print(t.c, Temp.twice(4), t.twice(5), Temp.scale)
t.c = 30
print(t.c)
