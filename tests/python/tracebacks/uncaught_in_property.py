class Sensor:
    @property
    def reading(self):
        return self.raw * 2

s = Sensor()
s.raw = 4
print(s.reading)
del s.raw
print(s.reading)
