class Empty:
    def __len__(self):
        return 0
class Full:
    def __len__(self):
        return 3
class Falsy:
    def __bool__(self):
        return False
class Plain:
    pass
for o in (Empty(), Full(), Falsy(), Plain()):
    print(type(o).__name__, bool(o), "truthy" if o else "falsy", not o)
