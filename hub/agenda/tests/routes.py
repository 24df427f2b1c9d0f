from testkit.routes import Route

MATRIX = [
    Route("agenda:index"),
]
