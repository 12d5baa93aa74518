from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModelsCatalogConfig(AppConfig):
    name = "models_catalog"
    verbose_name = _("Skilful mass mobilisation models")

    def ready(self):
        from danvan import navigation
        from models_catalog import documents

        documents.register()  # the typical-models booklet PDF, rendered by the export pipeline
        navigation.register(_("Skilful mobilisation"), "models_catalog:list", order=30)
