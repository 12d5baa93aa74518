import pytest
from django.db import connection

from tests.conftest import require, uses_postgresql


@pytest.mark.django_db
def test_postgresql_has_the_trigram_index_for_search():
    require(uses_postgresql(), "the trigram index exists on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["models_catalog_practicemodel_search_text_trgm"],
        )
        (definition,) = cursor.fetchone()
    assert "gin_trgm_ops" in definition
