class Faulty:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, *exc):
        print("exit")
        raise RuntimeError("exit failed")

with Faulty():
    print("body")
print("not reached")
