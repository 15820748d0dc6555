import sys
import gc as collector
from sys import byteorder, maxsize as biggest
from micropython import const
print(byteorder, biggest, collector.isenabled(), const(1))
print(type(sys).__name__, sys.__name__, collector.__name__)
try:
    import no_such_module
except ImportError as e:
    print("ImportError:", e)
try:
    from sys import no_such_name
except ImportError as e:
    print("ImportError:", e)
def local_import():
    import micropython
    return micropython.__name__
print(local_import())
import sys
print(sys is __import__("sys"))
