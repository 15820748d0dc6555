# sys: what every MicroPython port shares.
import sys

print(sys.implementation.name)
print(type(sys.implementation.version), len(sys.implementation.version), sys.implementation.version[3])
print(sys.byteorder, sys.maxsize > 0, type(sys.argv), type(sys.path), sys.version_info[0])
print('_mpy' in dir(sys.implementation) or hasattr(sys.implementation, '_mpy'))
impl = sys.implementation
print(type(impl), isinstance(impl, tuple), impl[0], impl[:2][0], impl == impl, len(impl) > 3)
