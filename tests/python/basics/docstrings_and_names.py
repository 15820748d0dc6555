def documented():
    """This function has a docstring."""
    return 1

print(documented())
print(documented.__name__)
class K:
    """A class docstring."""
    def method(self):
        return "m"

print(K.__name__, K().method())
print(__name__)
x = 1
print("x" in globals(), "nope" in globals())
