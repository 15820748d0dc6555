def inner():
    raise RuntimeError("from inner")

def middle():
    try:
        inner()
    except RuntimeError:
        print("middle saw it")
        raise

try:
    middle()
except RuntimeError as e:
    print("top caught:", e)
try:
    raise ValueError
except ValueError as e:
    print("class raised:", repr(e))
def convert():
    try:
        {}["k"]
    except KeyError as e:
        raise ValueError("converted " + str(e))
try:
    convert()
except ValueError as e:
    print(e)
