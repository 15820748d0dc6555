g = "global"

def drop_global():
    global g
    del g

drop_global()
print("g" in globals())

def closure_delete():
    cell = "captured"
    def read():
        return cell
    print(read())
    del cell
    try:
        read()
    except NameError as e:
        print("NameError:", e)

closure_delete()

def local_delete():
    a, b = 1, 2
    del a
    b += 1
    try:
        a
    except NameError as e:
        print("NameError:", e)
    return b

print(local_delete())
