from rest_framework.routers import SimpleRouter

from .api import RoundViewSet

router = SimpleRouter()
router.register("rounds", RoundViewSet, basename="round")

urlpatterns = router.urls
