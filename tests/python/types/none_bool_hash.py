print(hash(1), hash(-7), hash(0), hash(True))
print(hash(2 ** 10), hash((1, 2)) == hash((1, 2)))
print(hash("abc") == hash("abc"), hash(b"x") == hash(b"x"))
class H:
    def __hash__(self):
        return 42
print(hash(H()))
try:
    hash([1])
except TypeError as e:
    print("TypeError:", e)
try:
    {}[[1]] = 2
except TypeError as e:
    print("TypeError:", e)
