import unicodedata


def fold(text: str) -> str:
    """Lower-case and strip accents, so "Ñuñoa", "NUNOA" and "nunoa" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower().strip()
