from ninja import NinjaAPI

api = NinjaAPI(title="Kenes API", version="1", urls_namespace="api")
