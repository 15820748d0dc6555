# A with-block inside a generator that is abandoned early never runs __exit__ in MicroPython.
class CM:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, *exc):
        print("exit")

def gen():
    with CM():
        yield 1
        yield 2

for v in gen():
    print("got", v)
    break
print("loop left")
