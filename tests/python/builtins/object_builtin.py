o = object()
print(type(o).__name__, isinstance(o, object))
try:
    o.x = 1
except AttributeError as e:
    print("AttributeError")
class Base(object):
    pass
print(issubclass(Base, object), Base.__bases__)
print(object() == object(), o == o)
