from testkit.routes import AUTHENTICATED, Route

MATRIX = [
    Route("community:index", access=AUTHENTICATED),
]
