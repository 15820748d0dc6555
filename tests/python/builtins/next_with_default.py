it = iter([1])
print(next(it, "none"), next(it, "none"), next(it, "again"))
