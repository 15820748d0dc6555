class AppError(Exception):
    pass

class NotFound(AppError):
    def __init__(self, name):
        super().__init__("not found: " + name)
        self.name = name

class WithCode(AppError):
    def __init__(self, code, msg):
        super().__init__(code, msg)
        self.code = code
    def __str__(self):
        return "E%d" % self.code

try:
    raise NotFound("file.txt")
except AppError as e:
    print(type(e).__name__, e, e.name, e.args)
try:
    raise WithCode(404, "gone")
except WithCode as e:
    print(e, e.code, e.args)
print(issubclass(NotFound, Exception), isinstance(NotFound("x"), AppError))
class Plain(Exception):
    pass
try:
    raise Plain("a", "b")
except Exception as e:
    print(repr(e), e)
