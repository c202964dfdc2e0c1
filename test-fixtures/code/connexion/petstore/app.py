# connexion: the routes are the OpenAPI documents' operations, bound to api/*.py functions by operationId.
import connexion

app = connexion.FlaskApp(__name__, specification_dir="openapi/")
app.add_api("petstore.yaml")  # expect: code-route-without-auth
# the admin API's scheme names no x-apikeyInfoFunc: connexion cannot check the key
app.add_api("admin.yaml", base_path="/admin")  # expect: code-route-without-auth

if __name__ == "__main__":
    app.run(port=8080)
