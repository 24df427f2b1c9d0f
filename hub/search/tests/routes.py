from testkit.routes import PUBLIC, Route

MATRIX = [
    Route("search:search", access=PUBLIC, query={"q": "nunoa"}, note="Solo muestra lo que la persona puede ver."),
]
