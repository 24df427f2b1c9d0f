from testkit.routes import AUTHENTICATED, PUBLIC, Route

MATRIX = [
    Route("accounts:login", access=PUBLIC),
    Route("accounts:logout", access=PUBLIC, method="POST", data={}, note="Salir siempre redirige al inicio."),
    Route("accounts:password_change", access=AUTHENTICATED),
    Route("accounts:password_change_done", access=AUTHENTICATED),
    Route("accounts:otp_setup", access=AUTHENTICATED, note="Cualquier cuenta puede activar su segundo factor."),
    Route("accounts:otp_verify", access=AUTHENTICATED,
          note="Segundo paso del ingreso; sin ingreso pendiente, vuelve a la página de ingreso."),
    Route("accounts:otp_disable", access=AUTHENTICATED, method="POST", data={}),
    Route("accounts:recovery_codes", access=AUTHENTICATED, note="Cada persona genera solo sus propios códigos."),
    Route("accounts:password_reset", access=PUBLIC, note="Nunca dice si el correo tiene cuenta."),
    Route("accounts:password_reset_done", access=PUBLIC),
    Route("accounts:password_reset_confirm", access=PUBLIC, kwargs={"uidb64": "MQ", "token": "invalido"},
          note="Un enlace inválido muestra cómo pedir otro."),
    Route("accounts:password_reset_complete", access=PUBLIC),
]
