def g():
    try:
        yield 1
        yield 2
    finally:
        print("finally in generator")

for v in g():
    print(v)
def early():
    for i in range(10):
        if i == 2:
            return "early"
        yield i
print(list(early()))
def with_except():
    try:
        yield 1
        raise ValueError("inside")
    except ValueError as e:
        yield "caught " + str(e)
    yield "after"
print(list(with_except()))
