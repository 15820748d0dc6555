def show(f):
    try:
        print(repr(f()))
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)

show(lambda: int("12"))
show(lambda: int(""))
show(lambda: int("1 2"))
show(lambda: int("0x1G", 16))
show(lambda: int([]))
show(lambda: int(None))
show(lambda: str(b"raw"))
show(lambda: bytes("text"))
show(lambda: bytes(-1))
show(lambda: list(5))
show(lambda: tuple(None))
show(lambda: dict([1, 2]))
show(lambda: chr(0x110000))
show(lambda: ord(""))
