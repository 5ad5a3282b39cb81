"""Annex pages: a viewer's NDA and downloads, an owner's annexes and who opened them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from matchforum.core.access import delegate_required
from matchforum.core.forms import form_add_service_error, message_service_error
from matchforum.core.shortcuts import found_or_404

from . import selectors, services
from .forms import AnnexForm, NdaAcceptForm, OrganisationNdaForm
from .models import NdaAcceptance, text_version


def _offer_at_forum(request: HttpRequest, pk: int):
    offer = found_or_404(selectors.offer_get(pk=pk))
    if offer.organisation.forum_id != request.forum.pk:
        raise Http404
    return offer


@delegate_required
def offer_annexes(request: HttpRequest, pk: int) -> HttpResponse:
    """What a viewer sees of an offer's annexes: titles and sizes, the NDA, the downloads."""
    offer = _offer_at_forum(request, pk)
    delegate = request.delegate
    if offer.organisation_id == delegate.organisation_id:
        return redirect("annexes:mine_offer", pk=offer.pk)
    if not selectors.annex_offer_visible(request.user, offer):
        raise Http404
    text = selectors.nda_text(offer=offer)
    initial = {
        "signer_name": request.user.full_name,
        "signer_organisation": delegate.organisation.name,
        "text_sha256": text_version(text),
    }
    form = NdaAcceptForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.nda_accept(
                offer=offer,
                delegate=delegate,
                signer_name=form.cleaned_data["signer_name"],
                signer_organisation=form.cleaned_data["signer_organisation"],
                text_sha256=form.cleaned_data["text_sha256"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("NDA accepted. The annexes are open to you."))
            return redirect("annexes:offer", pk=offer.pk)
    current = selectors.acceptance_current(offer=offer, organisation=delegate.organisation)
    context = {
        "offer": offer,
        "annexes": selectors.annexes_of(offer=offer),
        "nda_text": text,
        "form": form,
        "may_open": selectors.annex_may_open(delegate=delegate, offer=offer),
        "revoked": current is not None
        and current.revoked_at is not None
        and not current.may_accept_again,
        "acceptance": current,
    }
    return render(request, "annexes/offer.html", context)


@delegate_required
def annex_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The only way to an annex's content: after every check, recorded, never a public URL."""
    annex = found_or_404(selectors.annex_get(pk=pk))
    if annex.profile.organisation.forum_id != request.forum.pk:
        raise Http404
    services.annex_open(annex=annex, delegate=request.delegate, request=request)
    filename = services.annex_filename(annex)
    if annex.is_file:
        return FileResponse(
            annex.file.open("rb"),
            as_attachment=True,
            filename=filename,
            content_type=annex.content_type,
        )
    response = HttpResponse(annex.text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@delegate_required
def mine(request: HttpRequest) -> HttpResponse:
    """The owner's offers with their annexes, and the organisation's own NDA text."""
    organisation = request.delegate.organisation
    own = selectors.organisation_nda(organisation=organisation)
    form = OrganisationNdaForm(request.POST or None, initial={"text": own.text if own else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_nda_set(
                organisation=organisation, editor=request.delegate, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The NDA text is saved."))
            return redirect("annexes:mine")
    context = {
        "offers": selectors.own_offers_with_annexes(organisation=organisation),
        "form": form,
        "forum_template": request.forum.nda_template,
    }
    return render(request, "annexes/mine.html", context)


def _own_offer(request: HttpRequest, pk: int):
    offer = _offer_at_forum(request, pk)
    if offer.organisation_id != request.delegate.organisation_id:
        raise Http404
    return offer


@delegate_required
def mine_offer(request: HttpRequest, pk: int) -> HttpResponse:
    """One own offer: attach annexes, see who accepted and who opened them, revoke."""
    offer = _own_offer(request, pk)
    form = AnnexForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.annex_create(
                offer=offer,
                editor=request.delegate,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The annex is attached."))
            return redirect("annexes:mine_offer", pk=offer.pk)
    context = {
        "offer": offer,
        "form": form,
        "annexes": selectors.annexes_of(offer=offer),
        "nda_text": selectors.nda_text(offer=offer),
        "acceptances": selectors.acceptances_of(offer=offer),
        "downloads": selectors.downloads_of(offer=offer),
    }
    return render(request, "annexes/mine_offer.html", context)


@require_POST
@delegate_required
def annex_remove(request: HttpRequest, pk: int) -> HttpResponse:
    annex = found_or_404(selectors.annex_get(pk=pk))
    offer = _own_offer(request, annex.profile_id)
    services.annex_delete(annex=annex, editor=request.delegate)
    messages.success(request, _("The annex is deleted."))
    return redirect("annexes:mine_offer", pk=offer.pk)


def _own_acceptance(request: HttpRequest, pk: int) -> NdaAcceptance:
    acceptance = found_or_404(NdaAcceptance.objects.filter(pk=pk).select_related("profile").first())
    _own_offer(request, acceptance.profile_id)
    return acceptance


@require_POST
@delegate_required
def acceptance_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    acceptance = _own_acceptance(request, pk)
    services.nda_access_revoke(acceptance=acceptance, editor=request.delegate)
    messages.success(
        request,
        _("%(organisation)s can no longer open these annexes.")
        % {"organisation": acceptance.organisation.name},
    )
    return redirect("annexes:mine_offer", pk=acceptance.profile_id)


@require_POST
@delegate_required
def acceptance_allow_again(request: HttpRequest, pk: int) -> HttpResponse:
    acceptance = _own_acceptance(request, pk)
    try:
        services.nda_access_allow_again(acceptance=acceptance, editor=request.delegate)
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(
            request,
            _("%(organisation)s may accept the NDA again.")
            % {"organisation": acceptance.organisation.name},
        )
    return redirect("annexes:mine_offer", pk=acceptance.profile_id)
