"""Who may see and change what in formación y certificación: querysets, access_<thing>() and can_<verb>_<thing>()."""
