# Hub Local — one image for the web and the task worker (docs/deploy.md).
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DEBUG=0 HUB_VAR_DIR=/var/lib/hub
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml ./
RUN pip install --no-cache-dir -e . 
COPY . .
RUN mkdir -p /var/lib/hub && SECRET_KEY=build-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput -v 0
RUN useradd --system --home /var/lib/hub hub && chown -R hub /var/lib/hub
USER hub
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"
CMD ["python", "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "--bind", "0.0.0.0:8000", "config.wsgi"]
