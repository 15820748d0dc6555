# str.format does not support attribute or index access in fields.
class P:
    x = 5
for fmt, arg in (("{0.x}", P()), ("{0[1]}", [7, 8])):
    try:
        print(fmt.format(arg))
    except NotImplementedError as e:
        print("NotImplementedError:", e)
