class Pet:
    query = None
