from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DanvanConfig(AppConfig):
    name = "danvan"
    verbose_name = _("Dân vận portal")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        post_save.connect(_row_changed, dispatch_uid="danvan-data-changed-save")
        post_delete.connect(_row_changed, dispatch_uid="danvan-data-changed-delete")
        m2m_changed.connect(_row_changed, dispatch_uid="danvan-data-changed-m2m")


def _row_changed(sender, **kwargs):
    from danvan import metrics

    metrics.row_changed(sender._meta.app_label)
