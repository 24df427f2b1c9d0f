from testkit.routes import Route

MATRIX = [
    Route("training:index"),
]
