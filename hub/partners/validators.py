from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_PDF_BYTES = 10 * 1024 * 1024


def validate_pdf(upload) -> None:
    """A signed agreement must really be a PDF (magic bytes, not the file name) and at most 10 MB."""
    if not upload:
        return
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_PDF_BYTES:
        raise ValidationError(
            _("El archivo pesa %(mb).1f MB; el máximo es 10 MB. Comprima el PDF o escanéelo en menor resolución.")
            % {"mb": size / 1024 / 1024}
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(5)
    upload.seek(position)
    if head != b"%PDF-":
        raise ValidationError(
            _("El archivo no es un PDF (su contenido no empieza como un PDF). Suba el convenio firmado en formato PDF.")
        )
