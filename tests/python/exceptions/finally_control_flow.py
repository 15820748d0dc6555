def ret_in_finally():
    try:
        return "try"
    finally:
        print("finally runs before return")

print(ret_in_finally())

def override():
    try:
        return 1
    finally:
        return 2

print(override())

def loop_break():
    for i in range(5):
        try:
            if i == 2:
                break
        finally:
            print("finally", i)
    return i

print(loop_break())

def loop_continue():
    out = []
    for i in range(3):
        try:
            if i == 1:
                continue
            out.append(i)
        finally:
            out.append("f%d" % i)
    return out

print(loop_continue())

def swallow():
    try:
        raise ValueError
    finally:
        return "swallowed"

print(swallow())
