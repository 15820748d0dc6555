class Config:
    def __init__(self):
        self.port = 8080

c = Config()
print(c.port)
print(c.host)
