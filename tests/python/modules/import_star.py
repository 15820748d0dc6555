from micropython import *
from sys import *

print(const(7), byteorder, maxsize > 0)
print("implementation" in globals(), "const" in globals())
