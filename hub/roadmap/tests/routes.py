from testkit.routes import Route

MATRIX = [
    Route("roadmap:index"),
]
