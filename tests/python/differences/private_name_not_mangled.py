# MicroPython does not mangle __names inside classes.
class Account:
    __pin = 1234
    def pin(self):
        return self.__pin

print(Account().pin(), hasattr(Account, "__pin"), hasattr(Account, "_Account__pin"))
