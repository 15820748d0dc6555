# An uncaught exception: the runtime prints the traceback on USART1 and exits with 1.
def check(level):
    if level > 2:
        raise ValueError("level %d is too high" % level)
    return level


for level in range(5):
    print("level", check(level))
