import io

from hub.demo import portfolio as demo
from hub.portfolio.ecosystem import ecosystem_matrix
from hub.portfolio.models import EcosystemUnit, LibraryItem, Solution, SolutionStatus


def test_demo_is_idempotent_and_covers_every_status_and_flag(db, media_tmp):
    demo.load(io.StringIO())
    counts = (EcosystemUnit.objects.count(), Solution.objects.count(), LibraryItem.objects.count())
    demo.load(io.StringIO())
    assert (EcosystemUnit.objects.count(), Solution.objects.count(), LibraryItem.objects.count()) == counts
    names = set(EcosystemUnit.objects.values_list("name", flat=True))
    assert {"Observatorio de Seguridad", "Observatorio de APS", "Centro de Riesgos",
            "Centro de Innovación Local"} <= names and len(names) >= 5
    assert set(Solution.objects.values_list("status", flat=True)) == set(SolutionStatus.values)
    assert not Solution.objects.filter(is_demo=False).exists()
    m = ecosystem_matrix()
    assert m.duplications and m.gaps and m.synergies
    assert LibraryItem.objects.filter(is_premium=True).exists()
    for item in LibraryItem.objects.all():
        content = item.file.read()
        assert content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF")


def test_demo_pages_show_the_demo_badge(client, db, media_tmp):
    demo.load(io.StringIO())
    for url in ("/portafolio/", "/portafolio/biblioteca/", "/portafolio/ecosistema/", "/portafolio/ecosistema/mapa/",
                "/portafolio/ecosistema/matriz/"):
        assert 'class="demo-badge"' in client.get(url).content.decode(), url


def test_pdf_generator_writes_a_consistent_cross_reference_table():
    import re

    from hub.core.pdf import make_pdf

    pdf = make_pdf("Gestión (municipal)", ["Ñuñoa y Temuco «demo»"])
    start = int(re.search(rb"startxref\n(\d+)", pdf).group(1))
    assert pdf[start:start + 4] == b"xref"
    offsets = [int(x) for x in re.findall(rb"(\d{10}) 00000 n", pdf)]
    for number, offset in enumerate(offsets, start=1):
        assert pdf[offset:].startswith(b"%d 0 obj" % number)
    assert b"Gesti\\363n \\(municipal\\)" in pdf
