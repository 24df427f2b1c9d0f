"""Who may see and change what in pilotos: querysets, access_<thing>() and can_<verb>_<thing>()."""
