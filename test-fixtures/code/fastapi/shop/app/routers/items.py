# Included under /api with Depends(get_current_user) (see main.py): every route here is authenticated.
import httpx
from fastapi import APIRouter, Depends
from pydantic import BaseModel

from app import crud
from app.deps import get_current_user, get_db
from app.models import Item

router = APIRouter(prefix="/items", tags=["items"])


class ItemIn(BaseModel):
    name: str
    price: float
    owner_id: int
#   ^^^^^^^^ code-mass-assignment


class PreviewIn(BaseModel):
    url: str


@router.get("/{item_id}")
def read_item(item_id: int, db=Depends(get_db)):  # ok: code-route-without-auth
    item = db.get(Item, item_id)
    #         ^^^ code-object-lookup-without-ownership
    return {"id": item.id, "name": item.name}


@router.get("/{item_id}/mine")
def read_own_item(item_id: int, db=Depends(get_db), user=Depends(get_current_user)):
    item = db.query(Item).filter(Item.id == item_id, Item.owner_id == user["id"]).first()  # ok: code-object-lookup-without-ownership
    return {"id": item.id}


@router.post("")
def create_item(payload: ItemIn, db=Depends(get_db)):
    # ItemIn lists the accepted fields (its privileged owner_id is reported on the model)
    item = Item(**payload.dict())  # ok: code-mass-assignment
    db.add(item)
    return {"id": item.id}


@router.post("/preview")
async def preview(body: PreviewIn):
    async with httpx.AsyncClient() as client:
        response = await client.get(body.url)
        #                           ^^^^^^^^ code-ssrf
    return {"status": response.status_code}


@router.post("/mirror")
async def mirror(name: str):
    response = httpx.get(f"https://images.example.com/{name}")  # ok: code-ssrf
    return {"status": response.status_code}


@router.get("/{item_id}/via-crud")
def read_item_via_crud(item_id: int, db=Depends(get_db)):
    item = crud.get_item(db, item_id)  # expect: code-object-lookup-without-ownership
    return {"id": item.id}


@router.get("/{item_id}/mine-via-crud")
def read_own_item_via_crud(item_id: int, db=Depends(get_db), user=Depends(get_current_user)):
    item = crud.get_owned_item(db, item_id, user["id"])  # ok: code-object-lookup-without-ownership
    return {"id": item.id}
