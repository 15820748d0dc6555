def describe(v):
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, str):
        return "str"
    if isinstance(v, (list, tuple)):
        return "seq of %d" % len(v)
    if isinstance(v, dict):
        return "dict"
    if v is None:
        return "none"
    return type(v).__name__

for v in [True, 3, 2 ** 80, "s", [1], (1, 2), {}, None, b"b", range(2), set()]:
    print(describe(v))
