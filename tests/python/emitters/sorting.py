# Sorting with keys, reverse, and a hand-written sort.
def insertion(xs):
    xs = list(xs)
    for i in range(1, len(xs)):
        j = i
        while j > 0 and xs[j - 1] > xs[j]:
            xs[j - 1], xs[j] = xs[j], xs[j - 1]
            j -= 1
    return xs

data = [5, 2, 9, 1, 5, 6]
print(insertion(data), sorted(data) == insertion(data))
words = ['pear', 'fig', 'banana', 'kiwi']
print(sorted(words), sorted(words, key=len), sorted(words, key=lambda w: w[-1], reverse=True))
data.sort(reverse=True)
print(data)
