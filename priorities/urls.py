from . import urls_discussion

app_name = "priorities"

# HTML pages: the priority pages here, comments/flags/follows/moderation of flags
# in urls_discussion.
urlpatterns: list = [
    *urls_discussion.urlpatterns,
]
