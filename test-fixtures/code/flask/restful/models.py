class User:
    query = None

    def __init__(self, **fields):
        self.__dict__.update(fields)


class Order:
    query = None


class Report:
    query = None
