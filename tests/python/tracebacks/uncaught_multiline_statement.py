def f(a,
      b):
    return a + b

values = [
    1,
    2,
]
total = f(values[0],
          values[1])
print(total)
result = f(1,
           "two")
