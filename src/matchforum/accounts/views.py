"""Sign-up of an organisation with its first delegate, confirmation, invitations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from matchforum.core.forms import form_add_service_error, message_service_error
from matchforum.core.shortcuts import request_forum
from matchforum.forums.models import Forum
from matchforum.organisations.selectors import delegate_for_user
from matchforum.organisations.services import invitation_accept, invitation_open_by_token

from .forms import InvitationAcceptForm, ResendConfirmationForm, SignUpForm
from .services import account_confirm, account_sign_up, account_unconfirmed
from .tasks import send_confirmation_email

BACKEND = "matchforum.accounts.backends.RoleBackend"


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    forum = request_forum(request)
    if forum is None:
        raise Http404(_("No forum is open for registration."))
    if request.user.is_authenticated:
        return _signed_in_landing(request, forum)
    if forum.registration_deadline and timezone.now() > forum.registration_deadline:
        return render(request, "accounts/sign_up_closed.html", {"forum": forum})
    form = SignUpForm(request.POST or None, forum=forum)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, _organisation = account_sign_up(
                forum=forum,
                email=data["email"],
                full_name=data["full_name"],
                password=data["password1"],
                organisation_name=data["organisation_name"],
                country=data["country"],
                kind=data["kind"],
                role=data["role"],
                tracks=data["tracks"],
                website=data["website"],
                description=data["description"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            send_confirmation_email.enqueue(user.pk, request.build_absolute_uri("/"))
            request.session["signed_up_email"] = user.email
            return redirect("accounts:sign_up_done")
    return render(request, "accounts/sign_up.html", {"form": form, "forum": forum})


def _signed_in_landing(request: HttpRequest, forum: Forum) -> HttpResponse:
    """Where sign-up sends someone already signed in: their own start page, not a form.

    A delegate goes to the organisation's status page; organisers and vetting officers
    have no organisation of their own, so they go to the console (its vetting queue for
    vetting officers) and are told why.
    """
    if delegate_for_user(user=request.user, forum=forum) is not None:
        return redirect("organisations:status")
    messages.info(
        request,
        _("You are signed in as %(email)s. Sign out to register another organisation.")
        % {"email": request.user.email},
    )
    if request.user.is_organiser:
        return redirect("console:home")
    if request.user.is_vetting_officer:
        return redirect("console:vetting")
    return redirect("core:home")


def sign_up_done(request: HttpRequest) -> HttpResponse:
    return render(
        request, "accounts/sign_up_done.html", {"email": request.session.get("signed_up_email")}
    )


def confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = account_confirm(uidb64=uidb64, token=token)
    if user is None:
        return render(request, "accounts/confirm_invalid.html", status=400)
    login(request, user, backend=BACKEND)
    messages.success(request, _("Your e-mail address is confirmed. Welcome!"))
    return redirect("organisations:status")


@require_http_methods(["GET", "POST"])
def confirm_resend(request: HttpRequest) -> HttpResponse:
    """Send the confirmation link again; the answer never tells whether an account exists."""
    form = ResendConfirmationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = account_unconfirmed(email=form.cleaned_data["email"])
        if user is not None:
            send_confirmation_email.enqueue(user.pk, request.build_absolute_uri("/"))
        request.session["signed_up_email"] = form.cleaned_data["email"]
        return redirect("accounts:sign_up_done")
    return render(request, "accounts/confirm_resend.html", {"form": form})


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    invite = invitation_open_by_token(token=token)
    if invite is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    signed_in_as_invitee = (
        request.user.is_authenticated and request.user.email.lower() == invite.email.lower()
    )
    form = (
        None
        if signed_in_as_invitee
        else InvitationAcceptForm(request.POST or None, email=invite.email)
    )
    account_exists = not signed_in_as_invitee and _account_exists(invite.email)
    if request.method == "POST":
        try:
            if signed_in_as_invitee:
                invitation_accept(invitation=invite, user=request.user)
            elif form is not None and not account_exists and form.is_valid():
                delegate = invitation_accept(
                    invitation=invite,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password1"],
                    role=form.cleaned_data["role"],
                )
                login(request, delegate.user, backend=BACKEND)
            else:
                raise _FormInvalid
        except _FormInvalid:
            pass
        except (ValidationError, PermissionDenied) as error:
            message_service_error(request, error)
        else:
            messages.success(
                request,
                _("You now represent %(organisation)s.") % {"organisation": invite.organisation},
            )
            return redirect("organisations:status")
    context = {
        "invitation": invite,
        "form": form,
        "signed_in_as_invitee": signed_in_as_invitee,
        "account_exists": account_exists,
    }
    return render(request, "accounts/invitation.html", context)


class _FormInvalid(Exception):
    pass


def _account_exists(email: str) -> bool:
    from .models import User

    return User.objects.filter(email__iexact=email).exists()
