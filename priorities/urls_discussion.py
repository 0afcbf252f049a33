# HTML pages for comments, flags, follows, notifications and flag moderation.
urlpatterns: list = []
