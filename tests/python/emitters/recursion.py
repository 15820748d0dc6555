# Recursive functions.
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

def hanoi(n, a, b, c, moves):
    if n:
        hanoi(n - 1, a, c, b, moves)
        moves.append((a, c))
        hanoi(n - 1, b, a, c, moves)
    return moves

print([fact(n) for n in range(8)], fact(20))
print([fib(n) for n in range(15)])
print(hanoi(3, 'A', 'B', 'C', []))
