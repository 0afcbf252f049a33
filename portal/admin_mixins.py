"""Admin permissions shared by every app's records that only services write.

Audit trails, delivery logs and published snapshots are created by a service
with its checks; an admin form would bypass them, so staff may look only.
"""


class NoAddOrChangeAdminMixin:
    """Staff may list, view and delete such rows, never add or edit them."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdminMixin(NoAddOrChangeAdminMixin):
    """Staff may list and view such rows; nobody deletes them either."""

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
