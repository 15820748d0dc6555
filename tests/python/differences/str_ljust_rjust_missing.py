# str.ljust/str.rjust are not implemented; format() with alignment does the same job.
for name in ("ljust", "rjust", "center", "zfill"):
    print(name, hasattr("", name))
print("{:<6}|{:>6}|".format("ab", "cd"))
try:
    "x".rjust(3)
except AttributeError as e:
    print("AttributeError:", e)
