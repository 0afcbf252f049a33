from rest_framework.routers import SimpleRouter

from .api import PriorityViewSet, TopicViewSet

router = SimpleRouter()
router.register("priorities", PriorityViewSet, basename="priority")
router.register("priority-topics", TopicViewSet, basename="priority-topic")

urlpatterns = [*router.urls]
