from testkit.routes import Route

MATRIX = [
    Route("finance:index"),
]
