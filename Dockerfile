# Production image: gunicorn web, Celery worker and beat all run from it (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# WeasyPrint needs Pango; the PDF fonts ship with the project in static/fonts.
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libffi8 fontconfig \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 danvan

WORKDIR /app
COPY pyproject.toml ./
RUN pip install --upgrade pip && pip install .
COPY --chown=danvan:danvan . .
RUN DEBUG=0 SECRET_KEY=build-only-not-secret-build-only-not-secret-build-only STATIC_MANIFEST=1 \
      python manage.py collectstatic --no-input \
    && mkdir -p /data/media && chown -R danvan:danvan /data /app/var

USER danvan
EXPOSE 8000
CMD ["gunicorn", "danvan.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4", "--timeout", "60", "--access-logfile", "-"]
