from django.urls import reverse

from hub.portfolio.models import Review, Solution, SolutionStatus


def _state(solution):
    solution.refresh_from_db()
    return solution.status, solution.reviews.count(), solution.published_at


def _review_data(criteria, verdict="aprobado", comment=""):
    data = {}
    for c in criteria:
        data[f"verdict_{c.pk}"] = verdict
        data[f"comment_{c.pk}"] = comment
    return data


def test_staff_creates_a_solution_with_a_service_model_per_typology(login, staff_user, unit):
    client = login(staff_user)
    response = client.post(reverse("portfolio:solution_create"), {
        "title": "Diagnóstico de seguridad", "summary": "Resumen", "work_line": "conocimiento",
        "challenge": "seguridad", "kind": "diagnostico", "owner_unit": unit.pk,
        "sm_metropolitanas": "Equipo propio", "sm_rurales_semiurbanas": "Versión asociativa en terreno",
    })
    solution = Solution.objects.get(title="Diagnóstico de seguridad")
    assert response.status_code == 302
    assert solution.author == staff_user and solution.status == SolutionStatus.DRAFT
    assert {m.typology: m.description for m in solution.service_models.all()} == {
        "metropolitanas": "Equipo propio", "rurales_semiurbanas": "Versión asociativa en terreno"}


def test_solution_without_any_service_model_is_refused_and_nothing_is_stored(login, staff_user, unit):
    client = login(staff_user)
    response = client.post(reverse("portfolio:solution_create"), {
        "title": "Sin modelo", "summary": "R", "work_line": "conocimiento", "challenge": "seguridad",
        "kind": "diagnostico", "owner_unit": unit.pk})
    assert response.status_code == 200
    assert "al menos una tipología" in response.content.decode()
    assert not Solution.objects.exists()


def test_full_workflow_through_http(login, staff_user, reviewer, criteria, make_solution):
    solution = make_solution()
    client = login(staff_user)
    client.post(reverse("portfolio:solution_submit", args=[solution.pk]))
    assert _state(solution)[0] == SolutionStatus.IN_REVIEW
    client = login(reviewer)
    response = client.post(reverse("portfolio:solution_review", args=[solution.pk]), _review_data(criteria))
    assert response.status_code == 302
    client.post(reverse("portfolio:solution_publish", args=[solution.pk]))
    status, reviews, published_at = _state(solution)
    assert status == SolutionStatus.PUBLISHED and reviews == 2 and published_at is not None
    html = login(None).get(solution.get_absolute_url()).content.decode()
    assert "Historial de revisión de calidad" in html and "Pertinencia territorial" in html and "Aprobado" in html
    login(staff_user).post(reverse("portfolio:solution_retire", args=[solution.pk]))
    assert _state(solution)[0] == SolutionStatus.RETIRED
    assert login(None).get(solution.get_absolute_url()).status_code == 404


def test_publishing_without_every_approval_is_refused_with_the_reason(login, staff_user, reviewer, criteria,
                                                                       make_solution):
    solution = make_solution(status=SolutionStatus.IN_REVIEW)
    client = login(reviewer)
    client.post(reverse("portfolio:solution_review", args=[solution.pk]), {f"verdict_{criteria[0].pk}": "aprobado"})
    before = _state(solution)
    response = client.post(reverse("portfolio:solution_publish", args=[solution.pk]), follow=True)
    assert "No se puede publicar" in response.content.decode()
    assert "Basada en evidencia" in response.content.decode()
    assert _state(solution) == before and before[0] == SolutionStatus.IN_REVIEW


def test_author_cannot_approve_their_own_solution(login, staff_user, criteria, make_solution):
    solution = make_solution(status=SolutionStatus.IN_REVIEW)
    client = login(staff_user)  # the author
    response = client.post(reverse("portfolio:solution_review", args=[solution.pk]), _review_data(criteria))
    assert response.status_code == 400
    assert "El autor de una solución no puede revisarla" in response.content.decode()
    assert not Review.objects.exists()
    response = client.post(reverse("portfolio:solution_publish", args=[solution.pk]), follow=True)
    assert "No se puede publicar" in response.content.decode()
    assert _state(solution)[0] == SolutionStatus.IN_REVIEW


def test_an_observation_sends_the_solution_back_to_draft(login, reviewer, criteria, make_solution):
    solution = make_solution(status=SolutionStatus.IN_REVIEW)
    client = login(reviewer)
    data = {f"verdict_{criteria[0].pk}": "observado", f"comment_{criteria[0].pk}": "Falta el costo."}
    client.post(reverse("portfolio:solution_review", args=[solution.pk]), data)
    assert _state(solution)[:2] == (SolutionStatus.DRAFT, 1)


def test_observation_needs_a_comment(login, reviewer, criteria, make_solution):
    solution = make_solution(status=SolutionStatus.IN_REVIEW)
    response = login(reviewer).post(reverse("portfolio:solution_review", args=[solution.pk]),
                                    {f"verdict_{criteria[0].pk}": "observado"})
    assert "Explique la observación" in response.content.decode()
    assert _state(solution)[:2] == (SolutionStatus.IN_REVIEW, 0)


def test_approvals_from_before_a_resubmission_do_not_count(login, staff_user, reviewer, criteria, make_solution):
    solution = make_solution(status=SolutionStatus.IN_REVIEW)
    client = login(reviewer)
    client.post(reverse("portfolio:solution_review", args=[solution.pk]), {
        f"verdict_{criteria[0].pk}": "aprobado",
        f"verdict_{criteria[1].pk}": "observado", f"comment_{criteria[1].pk}": "Sin fuentes."})
    login(staff_user).post(reverse("portfolio:solution_submit", args=[solution.pk]))
    client = login(reviewer)
    client.post(reverse("portfolio:solution_review", args=[solution.pk]), {f"verdict_{criteria[1].pk}": "aprobado"})
    client.post(reverse("portfolio:solution_publish", args=[solution.pk]))
    assert _state(solution)[0] == SolutionStatus.IN_REVIEW  # criterion 0 must be approved again


def test_transitions_outside_the_map_are_refused_and_change_nothing(login, staff_user, make_solution):
    draft = make_solution()
    client = login(staff_user)
    response = client.post(reverse("portfolio:solution_retire", args=[draft.pk]), follow=True)
    assert "No se puede pasar de «Borrador» a «Retirada»" in response.content.decode()
    response = client.post(reverse("portfolio:solution_publish", args=[draft.pk]), follow=True)
    assert "No se puede pasar de «Borrador» a «Publicada»" in response.content.decode()
    assert _state(draft) == (SolutionStatus.DRAFT, 0, None)
    published = make_solution(title="Otra", status=SolutionStatus.PUBLISHED)
    response = client.post(reverse("portfolio:solution_submit", args=[published.pk]), follow=True)
    assert "No se puede pasar de «Publicada» a «En revisión»" in response.content.decode()
    assert _state(published)[0] == SolutionStatus.PUBLISHED


def test_only_drafts_are_editable(login, staff_user, unit, make_solution):
    solution = make_solution(status=SolutionStatus.PUBLISHED)
    response = login(staff_user).post(reverse("portfolio:solution_edit", args=[solution.pk]), {
        "title": "Cambiado", "summary": "R", "work_line": "conocimiento", "challenge": "seguridad",
        "kind": "protocolo", "owner_unit": unit.pk, "sm_mayores": "x"})
    assert "Solo se puede editar una solución en borrador" in response.content.decode()
    solution.refresh_from_db()
    assert solution.title == "Protocolo de seguridad"


def test_public_catalogue_lists_only_published_and_filters_by_typology(client, make_solution):
    make_solution(title="Publicada metropolitana", status=SolutionStatus.PUBLISHED)
    make_solution(title="Publicada rural", status=SolutionStatus.PUBLISHED, typologies=("rurales_semiurbanas",))
    draft = make_solution(title="Borrador secreto")
    html = client.get(reverse("portfolio:solution_list")).content.decode()
    assert "Publicada metropolitana" in html and "Publicada rural" in html and "Borrador secreto" not in html
    html = client.get(reverse("portfolio:solution_list"), {"typology": "rurales_semiurbanas"}).content.decode()
    assert "Publicada rural" in html and "Publicada metropolitana" not in html
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_staff_sees_drafts_in_the_management_list(login, staff_user, make_solution):
    make_solution(title="Borrador secreto")
    html = login(staff_user).get(reverse("portfolio:solution_manage")).content.decode()
    assert "Borrador secreto" in html
