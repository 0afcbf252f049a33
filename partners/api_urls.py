# REST endpoints of this app, mounted under /api/v1/; filled in by its own issue.
urlpatterns: list = []
