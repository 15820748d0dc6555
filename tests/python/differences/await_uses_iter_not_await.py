# `await obj` in MicroPython iterates obj (its __iter__); a class with only __await__ is
# not awaitable.
class OnlyAwait:
    def __await__(self):
        yield "from __await__"

async def main():
    await OnlyAwait()

try:
    main().send(None)
except TypeError as e:
    print("TypeError:", e)
