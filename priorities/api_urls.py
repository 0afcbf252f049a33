from rest_framework.routers import SimpleRouter

from . import api_discussion
from .api import PriorityViewSet, TopicViewSet

router = SimpleRouter()
router.register("priorities", PriorityViewSet, basename="priority")
router.register("priority-topics", TopicViewSet, basename="priority-topic")
api_discussion.register(router)

urlpatterns = [*router.urls]
