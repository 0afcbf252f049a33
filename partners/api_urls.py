from rest_framework.routers import SimpleRouter

from .api import InstitutionViewSet, PartnerViewSet, ResearchAreaViewSet

router = SimpleRouter()
router.register("partners", PartnerViewSet, basename="partner")
router.register("research-areas", ResearchAreaViewSet, basename="research-area")
router.register("institutions", InstitutionViewSet, basename="institution")

urlpatterns = router.urls
