# MicroPython does not call __del__ on user classes (CPython prints "deleted").
import gc

class Tracked:
    def __del__(self):
        print("deleted")

t = Tracked()
del t
gc.collect()
for _ in range(3):
    Tracked()
gc.collect()
print("no __del__ output above")
