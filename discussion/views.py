"""Pages for comments, reports, following, notifications and flag moderation.

Every form works without JavaScript: a POST, then a redirect to the comment
(`#comment-<pk>`) or back to the page, or the form again with its errors.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.access import (
    has_staff_perm,
    is_participant,
    participant_required,
    staff_required,
)
from portal.forms import add_service_errors
from portal.http import safe_next
from portal.ratelimit import action_limited
from priorities.lookups import visible_priority_or_404
from priorities.models import Priority

from . import comments as comment_services
from . import moderation
from . import threads as threads_module
from .forms import (
    AuditFilterForm,
    BlockForm,
    CommentEditForm,
    CommentForm,
    FlagForm,
    ModerationReasonForm,
    NotificationSettingsForm,
    ReplyForm,
)
from .models import Comment, Flag, ModerationAction, Notification
from .notifications import (
    email_mode_for,
    follow_priority,
    notification_mark_read,
    notification_settings_update,
    unfollow_priority,
)

NOT_ALLOWED = "discussion/comment_not_allowed.html"


# --- Helpers ------------------------------------------------------------------------


def _not_allowed(request, message: str, status: int = 403) -> HttpResponse:
    return render(request, NOT_ALLOWED, {"message": message}, status=status)


def _visible_comment(request, pk: int) -> Comment:
    qs = Comment.objects.visible_to(request.user).select_related("priority")
    return get_object_or_404(qs, pk=pk)


# --- Comments -----------------------------------------------------------------------


@participant_required
@require_POST
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    priority = get_object_or_404(
        comment_services.priorities_to_comment_on(request.user), pk=pk
    )
    is_reply = "parent" in request.POST
    form = (ReplyForm if is_reply else CommentForm)(request.POST)
    ctx = {"form": form, "priority": priority, "is_reply": is_reply}
    if action_limited(request, "comment"):
        form.is_valid()
        form.add_error(
            None,
            _(
                "You have posted several comments in a short time. Please wait a "
                "few minutes and try again; your text is below so nothing is lost."
            ),
        )
        return render(request, "discussion/comment_form.html", ctx, status=429)
    if form.is_valid():
        data = form.cleaned_data
        parent = None
        if is_reply:
            parent = Comment.objects.filter(pk=data["parent"]).first()
            if parent is None:
                form.add_error(None, _("The comment you replied to no longer exists."))
        if not form.errors:
            try:
                comment = comment_services.comment_create(
                    author=request.user,
                    priority=priority,
                    body=data["body"],
                    stance=data.get("stance", ""),
                    parent=parent,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Your comment is posted."))
                return redirect(comment.get_absolute_url())
    return render(request, "discussion/comment_form.html", ctx, status=400)


@participant_required
@require_http_methods(["GET", "POST"])
def comment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _visible_comment(request, pk)
    if comment.author_id != request.user.pk:
        return _not_allowed(request, _("Only the author can edit a comment."))
    if not comment_services.comment_can_edit(comment, request.user):
        # Checked before any form is built: a closed window is a refusal, not a
        # form error, whatever the request carries.
        return _not_allowed(
            request,
            _(
                "This comment can no longer be edited: the edit window has closed "
                "(comments can be changed for %(minutes)d minutes after posting)."
            )
            % {"minutes": settings.COMMENT_EDIT_WINDOW.total_seconds() // 60},
        )
    is_reply = comment.parent_id is not None
    form = CommentEditForm(
        request.POST if request.method == "POST" else None,
        is_reply=is_reply,
        initial={"body": comment.body, "stance": comment.stance},
    )
    if request.method == "POST" and form.is_valid():
        try:
            comment = comment_services.comment_edit(
                comment=comment,
                user=request.user,
                body=form.cleaned_data["body"],
                stance=None if is_reply else form.cleaned_data.get("stance", ""),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your comment is updated."))
            return redirect(comment.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "discussion/comment_edit.html",
        {"form": form, "comment": comment},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def comment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.select_related("priority"), pk=pk)
    if comment.author_id != request.user.pk:
        return _not_allowed(request, _("Only the author can delete a comment."))
    if request.method == "POST":
        comment_services.comment_delete(comment=comment, user=request.user)
        messages.success(
            request, _("Your comment is removed. Replies to it stay in the thread.")
        )
        return redirect(comment.get_absolute_url())
    return render(
        request, "discussion/comment_confirm_delete.html", {"comment": comment}
    )


# --- Reports --------------------------------------------------------------------------


def _flag(request, *, comment=None, priority=None) -> HttpResponse:
    target_priority = priority or comment.priority
    form = FlagForm(request.POST if request.method == "POST" else None)
    ctx = {"form": form, "comment": comment, "priority": target_priority}
    if request.method == "POST":
        if action_limited(request, "flag"):
            form.add_error(
                None,
                _(
                    "You have sent many reports in a short time. Please wait an hour "
                    "or write to us through the contact page."
                ),
            )
            return render(
                request, "discussion/moderation_flags_report.html", ctx, status=429
            )
        if form.is_valid():
            try:
                moderation.flag_create(
                    user=request.user,
                    comment=comment,
                    priority=priority,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Thank you. Staff will review your report.")
                )
                target = comment or priority
                return redirect(target.get_absolute_url())
        return render(
            request, "discussion/moderation_flags_report.html", ctx, status=400
        )
    return render(request, "discussion/moderation_flags_report.html", ctx)


@participant_required
@require_http_methods(["GET", "POST"])
def flag_comment(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _visible_comment(request, pk)
    if comment.is_removed:
        raise Http404
    return _flag(request, comment=comment)


@participant_required
@require_http_methods(["GET", "POST"])
def flag_priority(request: HttpRequest, pk: int) -> HttpResponse:
    return _flag(request, priority=visible_priority_or_404(request.user, pk))


# --- Following and notifications -------------------------------------------------


@participant_required
@require_POST
def follow(request: HttpRequest, pk: int) -> HttpResponse:
    priority = visible_priority_or_404(request.user, pk)
    if request.POST.get("action") == "unfollow":
        unfollow_priority(user=request.user, priority=priority)
        messages.success(request, _("You no longer follow this priority."))
    else:
        follow_priority(user=request.user, priority=priority)
        messages.success(
            request,
            _(
                "You follow this priority: you will hear about new comments and "
                "changes."
            ),
        )
    return redirect(safe_next(request, priority.get_absolute_url() + "#discussion"))


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    qs = Notification.objects.filter(user=request.user).select_related("priority")
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    unread = Notification.objects.filter(user=request.user, read_at__isnull=True)
    return render(
        request,
        "discussion/notification_list.html",
        {"page": page, "unread_count": unread.count()},
    )


@login_required
@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    if request.POST.get("all"):
        notification_mark_read(user=request.user)
        messages.success(request, _("All notifications are marked as read."))
    else:
        try:
            ids = [int(request.POST.get("id", ""))]
        except ValueError:
            ids = []
        notification_mark_read(user=request.user, notification_ids=ids)
    return redirect(safe_next(request, reverse("discussion:notifications")))


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request: HttpRequest) -> HttpResponse:
    form = NotificationSettingsForm(
        request.POST if request.method == "POST" else None,
        initial={"email_mode": email_mode_for(request.user)},
    )
    if request.method == "POST" and form.is_valid():
        notification_settings_update(
            user=request.user, email_mode=form.cleaned_data["email_mode"]
        )
        messages.success(request, _("Your notification settings are saved."))
        return redirect("discussion:notification_settings")
    return render(request, "discussion/notification_settings.html", {"form": form})


# --- Staff: reports, audit, blocking ----------------------------------------------


@staff_required(perm="discussion.change_flag")
def moderation_flags(request: HttpRequest) -> HttpResponse:
    open_flags = Flag.objects.filter(resolved_at__isnull=True).select_related("user")
    needs_review = Q(flag_count__gt=0) | Q(is_hidden=True)
    comments = (
        Comment.objects.filter(needs_review)
        .select_related("author", "priority")
        .prefetch_related(Prefetch("flags", queryset=open_flags, to_attr="open_flags"))
        .order_by("-is_hidden", "-flag_count", "-pk")
    )
    priorities = (
        Priority.objects.filter(needs_review)
        .select_related("author")
        .prefetch_related(Prefetch("flags", queryset=open_flags, to_attr="open_flags"))
        .order_by("-is_hidden", "-flag_count", "-pk")
    )
    return render(
        request,
        "discussion/moderation_flags.html",
        {
            "comments": Paginator(comments, 25).get_page(request.GET.get("cpage")),
            "priorities": Paginator(priorities, 25).get_page(request.GET.get("ppage")),
            "reason_form": ModerationReasonForm(auto_id=False),
        },
    )


ACTIONS = moderation.DECISIONS


@staff_required(perm="discussion.change_flag")
@require_POST
def moderation_flag_action(
    request: HttpRequest, kind: str, pk: int, action: str
) -> HttpResponse:
    if kind not in ("comment", "priority") or action not in ACTIONS:
        raise Http404
    model = Comment if kind == "comment" else Priority
    target = get_object_or_404(model, pk=pk)
    form = ModerationReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("reason", [])))
    else:
        try:
            ACTIONS[action](
                actor=request.user, reason=form.cleaned_data["reason"], **{kind: target}
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Done: the decision is logged."))
    return redirect(safe_next(request, reverse("discussion:moderation_flags")))


@staff_required(perm="discussion.view_moderationaction")
def moderation_audit(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    qs = ModerationAction.objects.select_related(
        "actor", "member", "priority", "comment__priority"
    )
    if form.is_valid():
        if form.cleaned_data.get("action"):
            qs = qs.filter(action=form.cleaned_data["action"])
        if form.cleaned_data.get("member"):
            qs = qs.filter(member_id=form.cleaned_data["member"])
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "discussion/moderation_audit.html",
        {
            "form": form,
            "page": Paginator(qs, 50).get_page(request.GET.get("page")),
            "query": query.urlencode(),
        },
    )


def _member(pk: int):
    User = get_user_model()
    return get_object_or_404(
        User.objects.annotate(
            n_comments=Count("comments", distinct=True),
            n_flags=Count("flags", distinct=True),
        ),
        pk=pk,
        deleted_at__isnull=True,
    )


def _member_decide(request, pk, *, form_class, decide, done, blocking: bool):
    """Block and unblock share one page and flow: a reason, then one service."""
    member = _member(pk)
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            decide(
                actor=request.user, member=member, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done % {"name": member.public_name})
            return redirect("discussion:moderation_audit")
    return render(
        request,
        "discussion/member_block.html",
        {"member": member, "form": form, "blocking": blocking},
        status=400 if form.errors else 200,
    )


@staff_required(perm="portal.change_user")
@require_http_methods(["GET", "POST"])
def member_block(request: HttpRequest, pk: int) -> HttpResponse:
    return _member_decide(
        request,
        pk,
        form_class=BlockForm,
        decide=moderation.member_block,
        done=_("%(name)s is blocked from taking part."),
        blocking=True,
    )


@staff_required(perm="portal.change_user")
@require_http_methods(["GET", "POST"])
def member_unblock(request: HttpRequest, pk: int) -> HttpResponse:
    return _member_decide(
        request,
        pk,
        form_class=ModerationReasonForm,
        decide=moderation.member_unblock,
        done=_("%(name)s can take part again."),
        blocking=False,
    )


# --- Paged threads ------------------------------------------------------------------


def _thread_context(request, priority, page) -> dict:
    viewer = request.user
    return {
        "priority": priority,
        "thread": page.threads,
        "thread_page": page,
        "participant": is_participant(viewer),
        "is_staff": has_staff_perm(viewer, "discussion.change_flag"),
        "is_open": priority.is_open_for_support,
    }


@require_http_methods(["GET", "HEAD"])
def threads(request: HttpRequest, pk: int) -> HttpResponse:
    """The next threads of a priority's discussion, for the "show more" link.

    htmx swaps the returned list items in place of the link; a browser without
    JavaScript follows the link's own address (the priority page) instead, and
    is sent there if it lands here.
    """
    priority = visible_priority_or_404(request.user, pk)
    page = threads_module.clean_page(request.GET.get("page"))
    order = threads_module.clean_order(request.GET.get("order"))
    if not request.htmx:
        url = reverse("priorities:detail", args=[priority.pk])
        return redirect(f"{url}?comments_page={page}&comments_order={order}#discussion")
    found = threads_module.thread_page(
        priority, viewer=request.user, page=page, order=order
    )
    return render(
        request, "discussion/_threads.html", _thread_context(request, priority, found)
    )


@require_http_methods(["GET", "HEAD"])
def thread(request: HttpRequest, pk: int) -> HttpResponse:
    """One thread whole: a top-level comment and all its replies, paged."""
    root = _visible_comment(request, pk)
    if root.parent_id is not None:
        top = root.parent.parent_id or root.parent_id
        return redirect("discussion:thread", top)
    priority = visible_priority_or_404(request.user, root.priority_id)
    found = threads_module.thread_replies_page(
        root,
        viewer=request.user,
        page=threads_module.clean_page(request.GET.get("page")),
    )
    return render(
        request, "discussion/thread.html", _thread_context(request, priority, found)
    )
