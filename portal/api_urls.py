from rest_framework.routers import SimpleRouter

from .api import FAQViewSet

router = SimpleRouter()
router.register("faq", FAQViewSet, basename="faq")

urlpatterns = router.urls
