# __init_subclass__ is not called when a subclass is created.
class Registry:
    names = []
    def __init_subclass__(cls):
        Registry.names.append(cls.__name__)

class PluginA(Registry):
    pass

print(Registry.names)
