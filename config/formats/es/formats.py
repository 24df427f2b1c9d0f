# Spanish without a country falls back to the Chilean conventions: this platform serves Chile.
from config.formats.es_CL.formats import *  # noqa: F403
