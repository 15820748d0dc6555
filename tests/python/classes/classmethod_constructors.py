class Date:
    def __init__(self, y, m, d):
        self.y, self.m, self.d = y, m, d
    @classmethod
    def parse(cls, text):
        y, m, d = text.split("-")
        return cls(int(y), int(m), int(d))
    @classmethod
    def epoch(cls):
        return cls(1970, 1, 1)
    def __str__(self):
        return "%04d/%02d/%02d" % (self.y, self.m, self.d)

class BirthDate(Date):
    def __str__(self):
        return "born " + super().__str__()

print(Date.parse("2024-3-9"), Date.epoch(), BirthDate.parse("1999-12-31"))
print(type(BirthDate.epoch()).__name__)
