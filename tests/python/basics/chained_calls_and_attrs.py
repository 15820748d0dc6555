class Builder:
    def __init__(self):
        self.parts = []
    def add(self, p):
        self.parts.append(p)
        return self
    def build(self):
        return "-".join(self.parts)

print(Builder().add("a").add("b").add("c").build())
print(" Mixed Case ".strip().lower().replace(" ", "_").upper())
data = {"users": [{"name": "ann", "tags": ["x", "y"]}]}
print(data["users"][0]["tags"][-1].upper())
print(len([1, 2, 3].copy()), str(12345)[1:3], "a,b".split(",")[1].upper().lower())
