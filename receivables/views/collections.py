from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clienthistory.models import Account
from hotelsales.listing import addresses
from hotelsales.roles import Role, role_required
from receivables.collections import interrupted_letters, worklist
from receivables.forms_dunning import CollectionNoteForm

CLERKS = (Role.RECEIVABLES, Role.MANAGER)


@role_required(*CLERKS)
def collections(request):
    items = worklist(timezone.localdate())
    account_page, note_form = addresses("clienthistory:account-detail"), addresses("receivables:collection-note")
    for item in items:
        item.account_link, item.note_link = account_page(item.account.pk), note_form(item.account.pk)
    return render(
        request,
        "receivables/collections.html",
        {
            "items": items,
            "interrupted": interrupted_letters(),
            "note_form": CollectionNoteForm(),
        },
    )


@role_required(*CLERKS)
@require_POST
def collection_note(request, pk):
    account = get_object_or_404(Account, pk=pk)
    form = CollectionNoteForm(request.POST)
    if form.is_valid():
        note = form.save(commit=False)
        note.account, note.created_by = account, request.user
        note.save()
        messages.success(request, _("Note saved."))
    else:
        messages.error(request, _("Write the note before saving it."))
    return redirect("receivables:collections")
