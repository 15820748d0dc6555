# array.array used the way native and viper code use it.
from array import array

a = array('H', [1, 2, 3, 65535])
b = array('I', range(4))
c = array('b', [-1, 2, -3])
def total(arr):
    s = 0
    for i in range(len(arr)):
        s += arr[i]
    return s
for x in (a, b, c):
    print(x, total(x), len(x))
a[0] = 70000
b[1] = -1
print(a, b, sum(c))
