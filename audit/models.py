from simple_history import register

from audit.tracked import EXCLUDED_FIELDS, tracked_models

for _model, _org_path in tracked_models():
    register(
        _model,
        app="audit",
        excluded_fields=EXCLUDED_FIELDS.get(_model, []),
        verbose_name=f"ประวัติ{_model._meta.verbose_name}",
        verbose_name_plural=f"ประวัติ{_model._meta.verbose_name_plural}",
    )
