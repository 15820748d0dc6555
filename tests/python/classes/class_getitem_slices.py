class Matrix:
    def __init__(self, rows):
        self.rows = rows
    def __getitem__(self, idx):
        if isinstance(idx, tuple):
            r, c = idx
            return self.rows[r][c]
        return self.rows[idx]
    def __setitem__(self, idx, v):
        r, c = idx
        self.rows[r][c] = v

m = Matrix([[1, 2], [3, 4]])
print(m[0], m[1, 0], m[0:1])
m[0, 1] = 9
print(m.rows)
class Rev:
    def __init__(self, data):
        self.data = data
    def __getitem__(self, s):
        if isinstance(s, slice):
            return self.data[s][::-1]
        return self.data[-1 - s]
r = Rev([1, 2, 3, 4])
print(r[0], r[1:3], r[:])
