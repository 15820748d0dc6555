# Exception.__init__ does not exist in MicroPython; subclasses must use super().__init__.
class Direct(Exception):
    def __init__(self, msg):
        Exception.__init__(self, msg)

class ViaSuper(Exception):
    def __init__(self, msg):
        super().__init__(msg)

try:
    Direct("d")
except AttributeError as e:
    print("AttributeError:", e)
print(ViaSuper("s").args)
