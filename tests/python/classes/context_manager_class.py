class Resource:
    log = []
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        Resource.log.append("open " + self.name)
        return self.name.upper()
    def __exit__(self, t, v, tb):
        Resource.log.append("close " + self.name)
        return False

with Resource("a") as r:
    Resource.log.append("use " + r)
try:
    with Resource("b"):
        raise RuntimeError("fail")
except RuntimeError:
    Resource.log.append("handled")
with Resource("x") as x, Resource("y") as y:
    Resource.log.append(x + y)
print(Resource.log)
