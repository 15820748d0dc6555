def countdown(n):
    if n == 0:
        raise OverflowError("bottom reached")
    return countdown(n - 1)

countdown(4)
