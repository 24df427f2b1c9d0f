from testkit.routes import Route

MATRIX = [
    Route("evaluation:index"),
]
