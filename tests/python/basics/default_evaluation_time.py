counter = [0]

def next_id():
    counter[0] += 1
    return counter[0]

def make(tag=next_id()):
    return tag

print(make(), make(), make(99), counter[0])
x = 10
def uses_x(v=x):
    return v
x = 20
print(uses_x(), x)
def fresh(lst=None):
    if lst is None:
        lst = []
    lst.append(len(lst))
    return lst
print(fresh(), fresh(), fresh([5]))
