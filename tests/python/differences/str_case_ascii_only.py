# upper()/lower() and the is*() tests only know ASCII letters in MicroPython.
print("straße é ñ".upper(), "ÀÉÎ".lower())
print("é".isalpha(), "É".isupper(), "abc".upper())
