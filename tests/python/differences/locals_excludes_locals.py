# locals() inside a function does not list the function's own local variables.
def f():
    inside = 42
    return "inside" in locals()

print(f())
module_level = 1
print("module_level" in locals())
