def none_implicit():
    x = 1

def early(n):
    if n < 0:
        return "negative"
    return

def multiple():
    return 1, "two", [3]

def nested_return(n):
    for i in range(n):
        for j in range(n):
            if i * j == 6:
                return (i, j)
    return None

print(none_implicit(), early(-1), early(1))
a, b, c = multiple()
print(a, b, c, multiple())
print(nested_return(5), nested_return(2))
