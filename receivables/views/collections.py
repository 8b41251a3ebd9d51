from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clienthistory.models import Account
from hotelsales.roles import Role, role_required
from receivables.collections import interrupted_letters, worklist
from receivables.forms_dunning import CollectionNoteForm

CLERKS = (Role.RECEIVABLES, Role.MANAGER)


@role_required(*CLERKS)
def collections(request):
    return render(
        request,
        "receivables/collections.html",
        {
            "items": worklist(timezone.localdate()),
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
