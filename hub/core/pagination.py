"""The one pagination of the public API: limit/offset with upper bounds.

Unbounded integers overflow the database's LIMIT/OFFSET (a 500), and a huge page is a cheap way to
load the server; both are refused with a 422 that names the parameter.
"""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_OFFSET = 10_000_000


def bounded_pagination(max_limit: int, default: int = 100) -> type[LimitOffsetPagination]:
    class BoundedPagination(LimitOffsetPagination):
        class Input(Schema):
            limit: int = Field(
                min(default, max_limit), ge=1, le=max_limit, description=f"Filas por página, de 1 a {max_limit}"
            )
            offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Filas que se saltan (0 o más)")

    BoundedPagination.__name__ = f"BoundedPagination{max_limit}"
    return BoundedPagination


Pagination100 = bounded_pagination(100)
Pagination200 = bounded_pagination(200)
Pagination1000 = bounded_pagination(1000)
