"""The one PDF check for uploads: the CONTENT must start like a PDF (magic bytes; the name and the browser's
type are ignored) and weigh at most ``PDF_MAX_BYTES``. Used by model validators, forms and services alike.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PDF_MAX_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def validate_pdf(upload) -> None:
    """Refuse a file over the limit or whose content is not a PDF, with a Spanish message saying what to do."""
    if not upload:
        return
    size = getattr(upload, "size", None)
    if size is not None and size > PDF_MAX_BYTES:
        raise ValidationError(
            _("El archivo pesa %(mb).1f MB; el máximo es %(max)d MB. Comprima el PDF o escanéelo en menor resolución.")
            % {"mb": size / 1024 / 1024, "max": PDF_MAX_BYTES // 1024 // 1024}
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(position)
    if head != PDF_MAGIC:
        raise ValidationError(
            _("El archivo no es un PDF (su contenido no empieza como un PDF). Suba el documento en formato PDF.")
        )
