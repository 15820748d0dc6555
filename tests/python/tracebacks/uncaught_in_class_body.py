print("before class")

class Broken:
    value = 1
    other = value + "x"

print("after class")
