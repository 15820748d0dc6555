def source():
    yield 1
    raise ValueError("source broke")

for item in source():
    print("item", item)
print("unreachable")
