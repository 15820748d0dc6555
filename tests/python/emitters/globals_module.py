# Module globals read and written from functions.
COUNT = 0
NAMES = []

def register(name):
    global COUNT
    COUNT += 1
    NAMES.append(name)

def report():
    return COUNT, NAMES

for n in ('a', 'b', 'c'):
    register(n)
print(report())
def read_missing():
    try:
        return undefined_name
    except NameError as e:
        return 'NameError'
print(read_missing())
X = 5
def uses_x():
    return X * 2
X = 7
print(uses_x())
