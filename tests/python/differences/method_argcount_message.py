# Argument-count errors for methods.
class K:
    def m(self, a):
        return a

try:
    K().m()
except TypeError as e:
    print("TypeError:", e)
try:
    K().m(1, 2)
except TypeError as e:
    print("TypeError:", e)
def f(a, b):
    pass
try:
    f(1)
except TypeError as e:
    print("TypeError:", e)
try:
    f(1, 2, c=3)
except TypeError as e:
    print("TypeError:", e)
