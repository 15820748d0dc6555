class Account:
    def __init__(self, balance):
        if balance < 0:
            raise ValueError("negative balance: %d" % balance)
        self.balance = balance

ok = Account(10)
print(ok.balance)
bad = Account(-5)
