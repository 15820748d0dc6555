print(..., Ellipsis, NotImplemented)
class C:
    def __eq__(self, o):
        return NotImplemented
print(C() == C(), C() != 1)
