def delete_all_users():
    return {"deleted": True}


def list_users():
    return []
