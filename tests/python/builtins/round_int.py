print(round(5), round(-3), round(7, 0), round(-7, 1))
print(round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2))
print(round(15, -1), round(25, -1))
