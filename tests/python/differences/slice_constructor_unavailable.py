# slice() cannot be called directly; slices still appear from subscripts.
try:
    slice(1, 2)
except TypeError as e:
    print("TypeError:", e)
class Grab:
    def __getitem__(self, k):
        return k
s = Grab()[1:5:2]
print(s, s.start, s.stop, s.step)
