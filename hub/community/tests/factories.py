"""Builders for community tests."""

from hub.community import services


def make_question(author, **overrides):
    fields = {"title": "¿Quién ha implementado telemedicina rural?",
              "body": "Buscamos experiencias de **telemedicina** en postas rurales.", "challenge": "aps",
              "skip_rate_limit": True}
    fields.update(overrides)
    return services.question_create(acting_user=author, **fields)


def make_answer(author, question, **overrides):
    fields = {"body": "Nosotros lo hicimos en 2024 con el CESFAM.", "skip_rate_limit": True}
    fields.update(overrides)
    return services.answer_create(acting_user=author, question_id=question.pk, **fields)
