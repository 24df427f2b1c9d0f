"""Who may see and change what in comunidad de práctica: querysets, access_<thing>() and can_<verb>_<thing>()."""
