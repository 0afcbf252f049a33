from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("evidence/factors", api.FactorViewSet, basename="evidence-factor")
router.register("evidence/summaries", api.SummaryViewSet, basename="evidence-summary")
router.register("evidence/findings", api.FindingViewSet, basename="evidence-finding")
router.register("evidence/citations", api.CitationViewSet, basename="evidence-citation")
router.register(
    "evidence/recommendations",
    api.RecommendationViewSet,
    basename="evidence-recommendation",
)

urlpatterns = router.urls
