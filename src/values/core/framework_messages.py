"""Django's own messages that our pages show and that Django's catalogues do not translate into every language
of ours (Django 6's blank choice is new; Tigrinya has no Django catalogue at all). Listed here so that
`make makemessages` puts them in our catalogues, which come first (settings.LOCALE_PATHS)."""

from django.utils.translation import gettext_noop

FRAMEWORK_MESSAGES = (
    gettext_noop("- Select an option -"),
    gettext_noop("This field is required."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
)
