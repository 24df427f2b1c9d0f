"""Demo community threads between the demo accounts (funcionaria.nunoa, funcionario.temuco, equipo, socia.usach).

All marked Demo. Idempotent on question titles. Runs after accounts, partners (socia.usach's organisation) and
network (practices a question attaches to).
"""

from hub.accounts.models import User
from hub.community import services
from hub.community.models import Question

THREADS = [
    {
        "author": "funcionaria.nunoa", "challenge": "aps", "practice": "Telemedicina en postas rurales",
        "title": "¿Quién ha hecho telemedicina para pacientes crónicos? (Demo)",
        "body": "En Ñuñoa queremos partir con **teleconsulta** para pacientes crónicos.\n\n"
                "- ¿Cómo coordinaron con el CESFAM?\n- ¿Qué plataforma usaron?",
        "answers": [
            ("funcionario.temuco", "En Temuco lo probamos con dos postas. Lo clave fue tener un técnico de "
                                   "enfermería en cada posta y agenda compartida con el CESFAM."),
            ("equipo", "La experiencia de la red [Telemedicina en postas rurales](/red/experiencias/) tiene el "
                       "protocolo y los costos. Podemos conectarlos con el equipo que la implementó."),
        ],
        "accept": 0,
    },
    {
        "author": "funcionario.temuco", "challenge": "digital",
        "title": "¿Alguien integró firma electrónica avanzada en permisos municipales? (Demo)",
        "body": "Estamos evaluando firma electrónica avanzada para permisos de circulación. ¿Qué proveedor y qué "
                "costo anual tuvieron?",
        "answers": [
            ("socia.usach", "Desde la universidad acompañamos a dos municipios; el mayor costo fue la capacitación, "
                            "no la licencia. Compartimos el informe en la biblioteca."),
        ],
        "accept": None,
    },
    {
        "author": "funcionaria.nunoa", "challenge": "ambiental",
        "title": "¿Cómo medir toneladas desviadas del relleno en reciclaje de orgánicos? (Demo)",
        "body": "Necesitamos un método simple para reportar toneladas desviadas al concejo municipal.",
        "answers": [],
        "accept": None,
    },
]


def load(stdout):
    users = {u.username: u for u in User.objects.filter(
        username__in=["funcionaria.nunoa", "funcionario.temuco", "equipo", "socia.usach"])}
    if len(users) < 3:
        stdout.write("Comunidad demo: faltan cuentas demo; se omite.")
        return
    from hub.network.models import Practice

    created = 0
    for thread in THREADS:
        author = users.get(thread["author"])
        if author is None or Question.objects.filter(title=thread["title"]).exists():
            continue
        practice = Practice.objects.filter(title=thread.get("practice", ""), status="publicada").first()
        question = services.question_create(
            acting_user=author, title=thread["title"], body=thread["body"], challenge=thread["challenge"],
            practice_id=practice.pk if practice else None, is_demo=True, skip_rate_limit=True,
        )
        answers = []
        for username, body in thread["answers"]:
            if username in users:
                answers.append(services.answer_create(acting_user=users[username], question_id=question.pk,
                                                      body=body + " (Demo)", is_demo=True, skip_rate_limit=True))
        if thread["accept"] is not None and len(answers) > thread["accept"]:
            services.answer_accept(acting_user=author, answer_id=answers[thread["accept"]].pk)
        created += 1
    if "funcionario.temuco" in users:
        services.follow_set(acting_user=users["funcionario.temuco"], follow=True, challenge="aps")
    stdout.write(f"Comunidad demo: {created} hilos nuevos.")
