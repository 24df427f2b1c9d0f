"""Staff pages to upload an open-data file and follow its import (htmx polling of the run status)."""

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.core.decorators import staff_required

from .access import access_import_run, import_runs_for_user
from .forms import ImportUploadForm, IndicatorForm, UnitForm
from .models import Indicator, MeasureUnit, ObservationChange
from .reaper import reap
from .services import (
    import_run_fail,
    import_run_retry,
    import_run_revert,
    import_upload_create,
    indicator_save,
    unit_save,
)
from .tasks import import_run_task

logger = logging.getLogger(__name__)


@staff_required
def run_list(request):
    reap()
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
            acting_user=request.user,
        )
        _enqueue(request, run)
        return redirect("observatory_import:run_detail", pk=run.pk)
    return render(request, "observatory/import_upload.html", {"form": form})


@staff_required
def run_detail(request, pk: int):
    reap()
    run = access_import_run(request.user, pk)
    return render(request, "observatory/import_run.html", {"run": run})


@staff_required
def run_status(request, pk: int):
    run = access_import_run(request.user, pk)
    return render(request, "observatory/_import_run_status.html", {"run": run})


def _enqueue(request, run) -> None:
    try:
        import_run_task.enqueue(run.pk)
    except Exception:  # the queue being down must not lose the upload silently
        logger.exception("Could not enqueue import run %s", run.pk)
        import_run_fail(run=run, message=_("No se pudo poner la importación en cola. Intente de nuevo."))
        messages.error(request, _("No se pudo poner la importación en cola. Intente de nuevo."))


def _again(request, pk: int, *, dry_run):
    run = access_import_run(request.user, pk)
    try:
        new = import_run_retry(run=run, acting_user=request.user, dry_run=dry_run)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("observatory_import:run_detail", pk=run.pk)
    _enqueue(request, new)
    return redirect("observatory_import:run_detail", pk=new.pk)


@staff_required
@require_POST
def run_commit(request, pk: int):
    """Load for real the file of a dry-run preview."""
    return _again(request, pk, dry_run=False)


@staff_required
@require_POST
def run_retry(request, pk: int):
    return _again(request, pk, dry_run=None)


@staff_required
def run_changes(request, pk: int):
    run = access_import_run(request.user, pk)
    changes = ObservationChange.objects.filter(run=run).select_related("indicator", "comuna").order_by("id")
    page = Paginator(changes, 50).get_page(request.GET.get("page"))
    return render(request, "observatory/import_changes.html", {"run": run, "page_obj": page})


@staff_required
@require_POST
def run_revert(request, pk: int):
    run = access_import_run(request.user, pk)
    counts = import_run_revert(run=run, acting_user=request.user)
    messages.success(request, _("Importación revertida: %(r)s valores restaurados, %(d)s eliminados, %(c)s con "
                                "cambios posteriores no se tocaron.") % {
        "r": counts["restored"], "d": counts["deleted"], "c": counts["conflicts"]})
    return redirect("observatory_import:run_changes", pk=run.pk)


@staff_required
def indicator_list(request):
    qs = Indicator.objects.select_related("source").order_by("code")
    query = (request.GET.get("q") or "").strip()
    if query:
        qs = qs.filter(code__icontains=query) | qs.filter(name_es__icontains=query)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "observatory/import_indicators.html", {"page_obj": page, "q": query})


def _indicator_form(request, indicator):
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.fields if name != "code" or not indicator.pk}
        try:
            saved = indicator_save(acting_user=request.user, indicator=indicator, fields=fields)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Indicador «%(code)s» guardado.") % {"code": saved.code})
            return redirect("observatory_import:indicator_edit", pk=saved.pk)
    return render(request, "observatory/import_indicator_form.html", {"form": form, "indicator": indicator})


@staff_required
def indicator_create(request):
    return _indicator_form(request, Indicator())


@staff_required
def indicator_edit(request, pk: int):
    indicator = Indicator.objects.filter(pk=pk).first()
    if indicator is None:
        raise Http404(_("No existe ese indicador."))
    return _indicator_form(request, indicator)


@staff_required
def unit_list(request):
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            unit_save(acting_user=request.user, unit=MeasureUnit(), fields=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Unidad creada."))
            return redirect("observatory_import:unit_list")
    return render(request, "observatory/import_units.html", {"form": form, "units": MeasureUnit.objects.all()})
