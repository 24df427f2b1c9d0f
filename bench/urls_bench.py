"""URLconf of the serving bench only (bench/wsgi_bench.py): the site plus one bare view, so production has no
extra route. The bare view runs in the same process through the same middleware as every page."""

from django.http import HttpResponse
from django.urls import path

from config import urls as site


def bare(request):
    return HttpResponse(b"<!doctype html><title>bare</title><p>ok</p>", content_type="text/html; charset=utf-8")


urlpatterns = [path("__bench__/bare/", bare, name="bench_bare"), *site.urlpatterns]
handler404 = site.handler404
