def nothing():
    pass

print(nothing())
class Empty:
    pass
print(type(Empty()).__name__)
e = ...
print(e, e is Ellipsis)
def stub():
    ...
print(stub())
for _ in range(2):
    pass
print("end")
