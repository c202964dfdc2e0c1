class Post:
    query = None

    def __init__(self, **fields):
        self.__dict__.update(fields)
