# User exception classes, args and hierarchy.
class AppError(Exception):
    pass

class ConfigError(AppError):
    def __init__(self, key, value):
        super().__init__(key, value)
        self.key = key

def load(key):
    raise ConfigError(key, 42)

try:
    load('port')
except AppError as e:
    print(type(e).__name__, e.key, e.args, isinstance(e, Exception))
try:
    raise AppError
except AppError as e:
    print('bare', e.args)
print(issubclass(ConfigError, AppError), issubclass(AppError, ConfigError))
