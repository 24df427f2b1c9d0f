from testkit.routes import Route

MATRIX = [
    Route("pilots:index"),
]
