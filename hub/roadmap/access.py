"""Who may see and change what in hoja de ruta: querysets, access_<thing>() and can_<verb>_<thing>()."""
