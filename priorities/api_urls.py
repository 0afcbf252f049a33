from rest_framework.routers import SimpleRouter

from . import api_discussion

router = SimpleRouter()
api_discussion.register(router)

urlpatterns = [*router.urls]
