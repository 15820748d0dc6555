class Grab:
    def __getitem__(self, k):
        return k
g = Grab()
print(g[1:2], g[::3], g[1:2, 3], g[...], g[:])
s = g[1:10:2]
print(type(s).__name__, s.start, s.stop, s.step)
data = list(range(12))
print(data[s], data[g[:3]], data[g[-2:]])
