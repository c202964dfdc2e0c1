# Handlers of petstore.yaml: connexion passes path, query and body parameters as arguments.
from .models import Pet


def list_pets():
    return [{"id": p.id, "name": p.name} for p in Pet.query.all()]


def get_pet(pet_id):
    pet = Pet.query.get(pet_id)  # expect: code-object-lookup-without-ownership
    return {"id": pet.id, "name": pet.name}


def delete_pet(pet_id):
    Pet.query.filter_by(id=pet_id).delete()
    return None, 204
