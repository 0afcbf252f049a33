from rest_framework.permissions import SAFE_METHODS, BasePermission


class IsProfileOwnerOrResearcher(BasePermission):
    """Reads: any signed-in member (to see their own state). Writes: participants.

    Which profile is touched is never taken from the request: /partners/me/
    always means the caller's own, so nobody can edit someone else's.
    """

    message = "Sign in, and verify your e-mail address to edit your profile."

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        # Anyone signed in may read or delete their own profile; editing needs
        # a verified address, like every other way of taking part.
        return request.method in (*SAFE_METHODS, "DELETE") or user.can_participate
