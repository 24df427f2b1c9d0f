"""Staff pages to upload an open-data file and follow its import (htmx polling of the run status)."""

import logging

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hub.core.decorators import staff_required

from .access import access_import_run, import_runs_for_user
from .forms import ImportUploadForm
from .services import import_run_fail, import_upload_create
from .tasks import import_run_task

logger = logging.getLogger(__name__)


@staff_required
def run_list(request):
    page = Paginator(import_runs_for_user(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "observatory/import_list.html", {"page_obj": page})


@staff_required
def upload(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        run = import_upload_create(
            upload=form.cleaned_data["file"],
            importer_key=form.cleaned_data["importer"],
            dry_run=form.cleaned_data["dry_run"],
            options=form.options(),
            user=request.user,
        )
        try:
            import_run_task.enqueue(run.pk)
        except Exception:  # the queue being down must not lose the upload silently
            logger.exception("Could not enqueue import run %s", run.pk)
            import_run_fail(run=run, message=_("No se pudo poner la importación en cola. Intente de nuevo."))
            messages.error(request, _("No se pudo poner la importación en cola. Intente de nuevo."))
        return redirect("observatory_import:run_detail", pk=run.pk)
    return render(request, "observatory/import_upload.html", {"form": form})


@staff_required
def run_detail(request, pk: int):
    run = access_import_run(request.user, pk)
    return render(request, "observatory/import_run.html", {"run": run})


@staff_required
def run_status(request, pk: int):
    run = access_import_run(request.user, pk)
    return render(request, "observatory/_import_run_status.html", {"run": run})
