"""Sign-up of an organisation with its first delegate, confirmation, invitations."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from matchforum.api.selectors import api_tokens_of
from matchforum.api.services import api_token_revoke
from matchforum.core.forms import form_add_service_error, message_service_error
from matchforum.core.shortcuts import request_forum
from matchforum.forums.models import Forum
from matchforum.organisations.selectors import delegate_for_user
from matchforum.organisations.services import (
    invitation_accept,
    invitation_needs_account,
    invitation_open_by_token,
)

from .address_limit import password_reset_request_allowed
from .forms import (
    InvitationAcceptForm,
    PasswordResetRequestForm,
    ResendConfirmationForm,
    SignUpForm,
)
from .models import User
from .services import (
    account_confirm,
    account_confirmation_resend,
    account_for_sign_up_address,
    account_password_reset_complete,
    account_password_reset_request,
    account_sign_up,
    account_sign_up_address_taken,
    account_sign_up_cost_equalise,
)
from .tokens import password_reset_token_generator

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
        existing = account_for_sign_up_address(email=data["email"])
        if existing is not None:
            return _sign_up_address_taken(
                request, existing, email=data["email"], password=data["password1"]
            )
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
            existing = account_for_sign_up_address(email=data["email"])
            if existing is not None:  # taken at the same moment by another sign-up
                return _sign_up_address_taken(request, existing, email=data["email"], password=None)
            form_add_service_error(form, error)
        else:
            request.session["signed_up_email"] = user.email
            return redirect("accounts:sign_up_done")
    return render(request, "accounts/sign_up.html", {"form": form, "forum": forum})


def _sign_up_address_taken(
    request: HttpRequest, user: User, *, email: str, password: str | None
) -> HttpResponse:
    """The same answer as a sign-up; the owner hears of it by e-mail.

    An owner who never confirmed gets the confirmation link again, the others a note
    with the way to sign in. Nothing is created or changed.
    """
    if password is not None:
        account_sign_up_cost_equalise(password=password)
    account_sign_up_address_taken(user=user)
    request.session["signed_up_email"] = email
    return redirect("accounts:sign_up_done")


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
        account_confirmation_resend(email=form.cleaned_data["email"])
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
    account_exists = not signed_in_as_invitee and not invitation_needs_account(invitation=invite)
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


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link. The answer is the same for any address: the lookup and the
    e-mail happen in a task. Requests are limited per address and per e-mail address."""

    form_class = PasswordResetRequestForm
    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if not password_reset_request_allowed(request=self.request, email=email):
            return render(self.request, "accounts/password_reset_limited.html", status=429)
        account_password_reset_request(email=email)
        return redirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    token_generator = password_reset_token_generator
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        account_password_reset_complete(user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    """The person's API tokens: scope, expiry, last use; each revocable."""
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "tokens": api_tokens_of(user=request.user),
            "now": timezone.now(),
            "default_days": settings.API_TOKEN_DEFAULT_DAYS,
        },
    )


@login_required
@require_POST
def api_token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(api_tokens_of(user=request.user), pk=pk)
    api_token_revoke(token=token)
    messages.success(request, _("The token is revoked; it no longer works."))
    return redirect("accounts:api_tokens")
