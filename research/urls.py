app_name = "research"

# HTML pages of this app; filled in by its own issue.
urlpatterns: list = []
