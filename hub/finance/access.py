"""Who may see and change what in membresía y finanzas: querysets, access_<thing>() and can_<verb>_<thing>()."""
