# In MicroPython bool is not a subclass of int, although True and False still act as 1 and 0.
print(issubclass(bool, int), isinstance(True, int), isinstance(False, int))
print(True + 1, False * 5, True == 1, [10, 20][True], type(True).__name__)
