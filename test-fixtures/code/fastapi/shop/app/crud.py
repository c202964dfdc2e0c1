# The data layer the item routes call.
from app.models import Item


def get_item(db, item_id: int):
    return db.get(Item, item_id)


def get_owned_item(db, item_id: int, owner_id: int):
    return db.query(Item).filter(Item.id == item_id, Item.owner_id == owner_id).first()
