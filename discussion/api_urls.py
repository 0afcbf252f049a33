from rest_framework.routers import SimpleRouter

from . import api, api_moderation

router = SimpleRouter()
router.register("comments", api.CommentViewSet, basename="comment")
router.register("flags", api.FlagViewSet, basename="flag")
router.register("follows", api.FollowViewSet, basename="follow")
router.register("notifications", api.NotificationViewSet, basename="notification")
router.register(
    "moderation/flags", api_moderation.ModerationFlagViewSet, basename="moderation-flag"
)
router.register(
    "moderation/actions",
    api_moderation.ModerationActionViewSet,
    basename="moderation-action",
)
router.register(
    "moderation/members",
    api_moderation.ModerationMemberViewSet,
    basename="moderation-member",
)

urlpatterns = [*router.urls]
