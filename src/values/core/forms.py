from django import forms
from django.core.exceptions import ValidationError
from django.db import connection


class ServiceMixin:
    """For a form (or model form) whose save() calls one service and shows its ValidationError on its fields."""

    def call_service(self, service, *args, **kwargs):
        """The service's result, or None with the errors added to the form (a key it lacks goes on top)."""
        try:
            return service(*args, **kwargs)
        except ValidationError as problem:
            if not hasattr(problem, "error_dict"):
                self.add_error(None, problem.messages)
                return None
            for field, messages in problem.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
            return None


class ServiceForm(ServiceMixin, forms.Form):
    """A form whose save() calls one service and shows the service's ValidationError on its fields."""


class IdChoicesField(forms.ModelMultipleChoiceField):
    """Several choices by id. An id no database column could hold is refused here: Django would hand it to
    the database, whose overflow would be a server error."""

    def clean(self, value):
        low, high = connection.ops.integer_field_range(self.queryset.model._meta.pk.get_internal_type())
        for pk in value or ():
            if not str(pk).isdigit() or not (low or 0) <= int(pk) <= (high or int(pk)):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super().clean(value)
