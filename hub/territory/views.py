from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hub.core.decorators import staff_required

from . import selectors
from .forms import ComunaFilterForm, TypologyImportForm
from .models import Comuna
from .services import TypologyImportError, typology_import_official
from .typology import RULE_TEXT


def comuna_list(request):
    form = ComunaFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.comuna_search(
        q=filters.get("q", ""), region=filters.get("region", ""), typology=filters.get("typology", "")
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {"form": form, "page_obj": page, "querystring": params.urlencode(), "total": qs.count()}
    template = "territory/_comuna_results.html" if request.htmx else "territory/comuna_list.html"
    return render(request, template, context)


def comuna_detail(request, cut: str):
    comuna = Comuna.objects.select_related("region", "province").filter(cut=cut).first()
    if comuna is None:
        raise Http404(_("No existe una comuna con el código CUT %(cut)s.") % {"cut": cut})
    sections = [s for s in comuna_page_sections(request, comuna) if s]
    return render(
        request,
        "territory/comuna_detail.html",
        {"comuna": comuna, "rule_text": RULE_TEXT, "sections": sections},
    )


def comuna_page_sections(request, comuna):
    """Other apps contribute blocks to the comuna page through a registry, not by editing this view."""
    from hub.core.registry import comuna_sections

    return [section(request, comuna) for section in comuna_sections()]


def typology_rule(request):
    return render(request, "territory/typology_rule.html", {"rule_text": RULE_TEXT})


@staff_required
def typology_import(request):
    form = TypologyImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            count = typology_import_official(
                content=upload.read().decode("utf-8-sig"), source_name=upload.name
            )
        except UnicodeDecodeError:
            form.add_error("file", _("El archivo debe estar codificado en UTF-8."))
        except TypologyImportError as exc:
            for error in exc.errors[:50]:
                form.add_error("file", error)
        else:
            messages.success(request, _("Se aplicó la clasificación oficial a %(n)d comunas.") % {"n": count})
            return redirect("territory:typology_rule")
    return render(request, "territory/typology_import.html", {"form": form})
