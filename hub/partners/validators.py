"""Kept because migration 0002 names ``hub.partners.validators.validate_pdf``; the check itself lives in core."""

from hub.core.uploads import PDF_MAX_BYTES as MAX_PDF_BYTES
from hub.core.uploads import validate_pdf

__all__ = ["MAX_PDF_BYTES", "validate_pdf"]
