"""Who may see and change what in incidencia y posicionamiento: querysets, access_<thing>() and can_<verb>_<thing>()."""
