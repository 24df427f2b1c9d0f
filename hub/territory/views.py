from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hub.core.decorators import staff_required
from hub.core.listing import cleaned_filters, render_listing

from . import selectors
from .forms import ComunaFilterForm, TypologyImportForm
from .services import TypologyImportError, typology_import_official
from .typology import RULE_TEXT


def comuna_list(request):
    form = ComunaFilterForm(request.GET or None)
    qs = selectors.comuna_search(**cleaned_filters(form))
    return render_listing(
        request,
        qs,
        template="territory/comuna_list.html",
        fragment="territory/_comuna_results.html",
        per_page=50,
        context={"form": form},
    )


def comuna_detail(request, cut: str):
    comuna = selectors.comuna_get(cut)
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
