print(len(""), len("abc"), len([1, 2]), len((1,)), len({1: 2}), len({1, 2, 3}))
print(len(range(10)), len(b"xy"), len(bytearray(5)), len("é☺"))
class L:
    def __len__(self):
        return 7
print(len(L()))
try:
    len(5)
except TypeError as e:
    print("TypeError:", e)
