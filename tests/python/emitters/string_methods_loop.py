# Character processing loops.
def caesar(s, k):
    out = ''
    for ch in s:
        if 'a' <= ch <= 'z':
            out += chr((ord(ch) - 97 + k) % 26 + 97)
        else:
            out += ch
    return out

def is_palindrome(s):
    s = [c for c in s.lower() if c.isalpha()]
    return s == s[::-1]

print(caesar('hello, world', 3), caesar(caesar('abc xyz', 5), 21))
print(is_palindrome('A man, a plan, a canal: Panama'), is_palindrome('nope'))
print('word count', len('the quick brown fox'.split()), 'x'.isdigit(), '42'.isdigit())
