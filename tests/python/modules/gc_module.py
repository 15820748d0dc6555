import gc
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
gc.collect()
print("collected")
junk = [[i] * 10 for i in range(100)]
del junk
gc.collect()
print(type(gc.mem_free()).__name__, type(gc.mem_alloc()).__name__)
print(gc.mem_free() > 0, gc.mem_alloc() > 0)
