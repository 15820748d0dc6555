import sys

def fail():
    return {}["missing"]

try:
    fail()
except KeyError as e:
    sys.print_exception(e)
try:
    raise ValueError("custom message", 2)
except ValueError as e:
    sys.print_exception(e)
print("still running")
