from django.core.files.uploadedfile import SimpleUploadedFile

from hub.core.pdf import make_pdf
from hub.portfolio import services
from hub.portfolio.models import SolutionStatus


def test_comuna_page_links_solutions_for_its_typology_and_library_items_about_it(client, make_solution, comuna_a,
                                                                                 staff_user):
    make_solution(title="Para metropolitanas", status=SolutionStatus.PUBLISHED, typologies=("metropolitanas",))
    make_solution(title="Para rurales", status=SolutionStatus.PUBLISHED, typologies=("rurales_semiurbanas",))
    make_solution(title="Borrador metropolitano", typologies=("metropolitanas",))
    data = {"title": "Estudio de Ñuñoa", "kind": "estudio", "authors": "Hub", "year": 2025,
            "work_line": "conocimiento", "challenge": "seguridad"}
    services.library_item_create(acting_user=staff_user, data=data, upload=SimpleUploadedFile("a.pdf", make_pdf("x")),
                                 comunas=[comuna_a])
    html = client.get(comuna_a.get_absolute_url()).content.decode()
    assert "Soluciones y conocimiento para esta comuna" in html
    assert "Para metropolitanas" in html and "Modelo para metropolitanas" in html
    assert "Para rurales" not in html and "Borrador metropolitano" not in html
    assert "Estudio de Ñuñoa" in html
    assert "/portafolio/?typology=metropolitanas" in html
