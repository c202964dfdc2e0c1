class Item:
    query = None

    def __init__(self, **fields):
        self.__dict__.update(fields)


class Group:
    query = None

    def __init__(self, **fields):
        self.__dict__.update(fields)
