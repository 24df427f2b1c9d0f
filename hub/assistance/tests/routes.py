from testkit.routes import Route

MATRIX = [
    Route("assistance:index"),
]
