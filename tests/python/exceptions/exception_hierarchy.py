pairs = [
    (ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError),
    (KeyError, LookupError), (IndexError, LookupError), (LookupError, Exception),
    (StopIteration, Exception), (GeneratorExit, BaseException), (GeneratorExit, Exception),
    (KeyboardInterrupt, Exception), (SystemExit, BaseException), (Exception, BaseException),
    (NotImplementedError, RuntimeError), (AttributeError, Exception), (MemoryError, Exception),
    (OSError, Exception), (TypeError, ValueError), (UnicodeError, ValueError),
    (AssertionError, Exception), (NameError, Exception), (ImportError, Exception),
]
for sub, sup in pairs:
    print(sub.__name__, sup.__name__, issubclass(sub, sup))
try:
    {}["x"]
except LookupError as e:
    print("LookupError caught", type(e).__name__)
try:
    1 / 0
except ArithmeticError as e:
    print("ArithmeticError caught", type(e).__name__)
