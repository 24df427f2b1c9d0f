import pytest

from hub.portfolio.models import EcosystemUnit, QualityCriterion, ServiceModel, Solution, SolutionStatus


@pytest.fixture(autouse=True)
def media_tmp(settings, tmp_path):
    """Uploaded files (public media and the private library folder) go to a throwaway folder, so tests can
    check exactly what was stored."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.HUB_PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    return tmp_path


@pytest.fixture
def unit(db):
    return EcosystemUnit.objects.create(slug="obs-seg", name="Observatorio de Seguridad", mission="M", responsible="R")


@pytest.fixture
def criteria(db):
    return [
        QualityCriterion.objects.create(code="pertinencia", name="Pertinencia territorial", order=1),
        QualityCriterion.objects.create(code="evidencia", name="Basada en evidencia", order=2),
    ]


@pytest.fixture
def reviewer(db):
    from hub.accounts.models import Role, User

    return User.objects.create_user(username="revisora", password="x" * 12, role=Role.HUB_STAFF, is_staff=True)


@pytest.fixture
def make_solution(db, unit, staff_user):
    def _make(title="Protocolo de seguridad", status=SolutionStatus.DRAFT, typologies=("metropolitanas",), **extra):
        fields = {"summary": "Resumen", "work_line": "conocimiento", "challenge": "seguridad", "kind": "protocolo"}
        fields.update(extra)
        solution = Solution.objects.create(
            title=title, owner_unit=unit, author=staff_user, status=status, **fields
        )
        for t in typologies:
            ServiceModel.objects.create(solution=solution, typology=t, description=f"Modelo para {t}")
        return solution

    return _make
