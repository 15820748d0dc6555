items = ["1", "2", "x"]
print(sum(int(s) for s in items[:2]))
print(sum(int(s) for s in items))
