from django import template

from hub.community.selectors import author_line as _author_line

register = template.Library()


@register.filter
def author_line(user) -> str:
    return _author_line(user)
