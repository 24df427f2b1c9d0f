"""Who may see and change what in asistencia técnica: querysets, access_<thing>() and can_<verb>_<thing>()."""
