# gc.threshold: set, read back (a multiple of the block size), unset (-1).
import gc

gc.threshold(4096)
print(gc.threshold())
gc.threshold(-1)
print(gc.threshold())
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
print(gc.collect())
