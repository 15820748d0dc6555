class Box:
    def __init__(self):
        self.n = 1
        self.items = [1, 2]

b = Box()
b.n += 5
b.n *= 3
b.items += [3]
b.items[0] -= 10
print(b.n, b.items)
d = {"k": 1}
d["k"] += 41
d.setdefault("list", []).append("x")
print(sorted(d.items()))
grid = [[0, 0], [0, 0]]
grid[1][0] += 7
grid[0][1] |= 6
print(grid)
s = "ab"
s += "cd"
s *= 2
print(s)
t = (1,)
t += (2, 3)
print(t)
def calls():
    print("evaluated once")
    return 0
arr = [10]
arr[calls()] += 1
print(arr)
