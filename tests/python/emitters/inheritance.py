# Inheritance, overriding and super().
class Animal:
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.name + ' makes a sound'
    def describe(self):
        return 'I am ' + self.speak()

class Dog(Animal):
    def speak(self):
        return self.name + ' barks'

class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def speak(self):
        return super().speak() + ' softly'

for a in (Animal('cat'), Dog('rex'), Puppy('bit', 1)):
    print(a.describe())
print(isinstance(Puppy('x', 2), Animal), issubclass(Dog, Puppy))
