a, b, c = 1, 2, 3
print(a < b < c, a < b > c, a == 1 == True)
print(1 < 2 <= 2 < 3 != 4)
print(3 > 2 > 1 > 0 > -1)
print(1 is 1, None is None, [] is [])
x = [1, 2]
y = x
print(x is y, x is not y, x == [1, 2], x != [1, 2])
print("a" < "b", "abc" < "abd", "ab" < "abc", "B" < "a")
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), [3] > [2, 9])
def noisy(v):
    print("eval", v)
    return v
print(noisy(1) < noisy(0) < noisy(5))
