class User:
    query = None
