"""Pages of the community of practice: members only (anonymous → login, other accounts → 403)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.core.decorators import staff_required
from hub.core.taxonomy import Challenge

from . import access, selectors, services
from .forms import AnswerForm, HideForm, QuestionFilterForm, QuestionForm, ReportForm
from .models import Answer, PostStatus, Report


def member_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not access.is_member(request.user):
            return render(request, "community/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _status_for(exc: ValidationError) -> int:
    return 429 if isinstance(exc, services.RateLimited) else 400


@member_required
def index(request):
    form = QuestionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.question_list(request.user, q=filters.get("q", ""), challenge=filters.get("challenge", ""),
                                 show=filters.get("show", ""))
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form, "page_obj": page, "querystring": params.urlencode(), "total": page.paginator.count,
        "challenges": Challenge.choices, "followed": selectors.followed_challenges(request.user),
    }
    template = "community/_question_results.html" if getattr(request, "htmx", False) else "community/index.html"
    return render(request, template, context)


def _attachment(user, data):
    """The published practice or solution a new question is about, to show it above the form."""
    from hub.network.access import practices_for_user
    from hub.portfolio.models import Solution, SolutionStatus

    practice, solution = str(data.get("practice") or ""), str(data.get("solution") or "")
    if practice.isdigit():
        return practices_for_user(user).filter(pk=int(practice), status="publicada").first()
    if solution.isdigit():
        return Solution.objects.filter(pk=int(solution), status=SolutionStatus.PUBLISHED).first()
    return None


@member_required
def question_create(request):
    initial = {}
    if request.method == "GET":
        for key in ("practice", "solution"):
            if request.GET.get(key, "").isdigit():
                initial[key] = int(request.GET[key])
        if request.GET.get("challenge") in Challenge.values:
            initial["challenge"] = request.GET["challenge"]
    form = QuestionForm(request.POST or None, initial=initial)
    context_obj = _attachment(request.user, request.POST if request.method == "POST" else initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                question = services.question_create(
                    acting_user=request.user, title=data["title"], body=data["body"], challenge=data["challenge"],
                    practice_id=data.get("practice"), solution_id=data.get("solution"),
                )
            except ValidationError as exc:
                add_errors(form, exc)
                status = _status_for(exc)
            else:
                messages.success(request, _("Pregunta publicada. Le avisaremos cuando alguien responda."))
                return redirect(question.get_absolute_url())
    return render(request, "community/question_form.html", {"form": form, "context_obj": context_obj},
                  status=status)


@member_required
def question_detail(request, pk: int, answer_form=None, status: int = 200):
    question = access.access_question(request.user, pk)
    answers = list(access.answers_for_user(request.user, question))
    context = {
        "question": question,
        "answers": answers,
        "answer_form": answer_form or AnswerForm(),
        "can_answer": access.can_answer_question(request.user, question),
        "can_accept": access.can_accept_answer(request.user, question),
        "can_moderate": access.can_moderate(request.user),
        "follows": selectors.follows_question(request.user, question),
        "hide_form": HideForm(),
        "report_form": ReportForm(),
    }
    return render(request, "community/question_detail.html", context, status=status)


@member_required
@require_POST
def answer_create(request, pk: int):
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            answer = services.answer_create(acting_user=request.user, question_id=pk, body=form.cleaned_data["body"])
        except ValidationError as exc:
            add_errors(form, exc)
            return question_detail(request, pk, answer_form=form, status=_status_for(exc))
        messages.success(request, _("Respuesta publicada."))
        return redirect(answer.get_absolute_url())
    return question_detail(request, pk, answer_form=form, status=400)


@member_required
@require_POST
def answer_accept(request, pk: int):
    try:
        answer = services.answer_accept(acting_user=request.user, answer_id=pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        answer = access.access_answer(request.user, pk)
    else:
        messages.success(request, _("Marcó la respuesta como aceptada."))
    return redirect(answer.get_absolute_url())


def _moderate(request, *, question_id=None, answer_id=None, hide: bool):
    if hide:
        form = HideForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Escriba el motivo por el que oculta la publicación (al menos 5 caracteres)."))
            post = None
        else:
            try:
                post = services.post_hide(acting_user=request.user, reason=form.cleaned_data["reason"],
                                          question_id=question_id, answer_id=answer_id)
                messages.success(request, _("Publicación ocultada. Su autor fue avisado."))
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                post = None
    else:
        try:
            post = services.post_restore(acting_user=request.user, question_id=question_id, answer_id=answer_id)
            messages.success(request, _("Publicación restituida."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            post = None
    if post is None:
        if question_id:
            return redirect(reverse("community:question_detail", args=[question_id]))
        return redirect(Answer.objects.get(pk=answer_id).get_absolute_url())
    return redirect(post.get_absolute_url())


@staff_required
@require_POST
def question_hide(request, pk: int):
    return _moderate(request, question_id=pk, hide=True)


@staff_required
@require_POST
def question_restore(request, pk: int):
    return _moderate(request, question_id=pk, hide=False)


@staff_required
@require_POST
def answer_hide(request, pk: int):
    access.access_answer(request.user, pk)
    return _moderate(request, answer_id=pk, hide=True)


@staff_required
@require_POST
def answer_restore(request, pk: int):
    access.access_answer(request.user, pk)
    return _moderate(request, answer_id=pk, hide=False)


def _report(request, *, question_id=None, answer_id=None):
    form = ReportForm(request.POST)
    post = (access.access_question(request.user, question_id) if question_id
            else access.access_answer(request.user, answer_id))
    if not form.is_valid():
        messages.error(request, _("Elija el motivo del reporte."))
    else:
        try:
            services.report_create(acting_user=request.user, reason=form.cleaned_data["reason"],
                                   detail=form.cleaned_data["detail"], question_id=question_id, answer_id=answer_id)
            messages.success(request, _("Gracias. El equipo del Hub revisará la publicación."))
        except ValidationError as exc:
            messages.info(request, " ".join(exc.messages))
    return redirect(post.get_absolute_url())


@member_required
@require_POST
def question_report(request, pk: int):
    return _report(request, question_id=pk)


@member_required
@require_POST
def answer_report(request, pk: int):
    return _report(request, answer_id=pk)


@member_required
@require_POST
def follow_question(request, pk: int):
    follow = request.POST.get("follow") == "1"
    services.follow_set(acting_user=request.user, follow=follow, question_id=pk)
    messages.success(request, _("Seguirá esta pregunta.") if follow else _("Dejó de seguir esta pregunta."))
    return redirect(reverse("community:question_detail", args=[pk]))


@member_required
@require_POST
def follow_challenge(request, code: str):
    if code not in Challenge.values:
        raise PermissionDenied(_("Desafío desconocido."))
    follow = request.POST.get("follow") == "1"
    services.follow_set(acting_user=request.user, follow=follow, challenge=code)
    messages.success(request, _("Recibirá avisos de nuevas preguntas en este desafío.") if follow
                     else _("Dejó de seguir este desafío."))
    return redirect(reverse("community:index"))


@staff_required
def moderation(request):
    reports = Report.objects.filter(resolved_at__isnull=True).select_related(
        "reporter", "question", "answer", "answer__question"
    )
    hidden = access.questions_for_user(request.user).filter(status=PostStatus.HIDDEN)
    hidden_answers = Answer.objects.filter(status=PostStatus.HIDDEN).select_related("question", "author")
    page = Paginator(reports, 30).get_page(request.GET.get("page"))
    return render(request, "community/moderation.html", {
        "page_obj": page, "hidden": hidden[:50], "hidden_answers": hidden_answers[:50], "querystring": "",
    })


@staff_required
@require_POST
def report_dismiss(request, pk: int):
    try:
        services.report_dismiss(acting_user=request.user, report_id=pk)
        messages.success(request, _("Reporte descartado."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(reverse("community:moderation"))
