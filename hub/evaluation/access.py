"""Who may see and change what in evaluación: querysets, access_<thing>() and can_<verb>_<thing>()."""
