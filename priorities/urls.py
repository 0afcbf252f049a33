app_name = "priorities"

# HTML pages of this app; filled in by its own issue.
urlpatterns: list = []
