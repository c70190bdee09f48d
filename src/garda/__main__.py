"""The `garda` console script: Django's manage.py under Garda's own name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "garda.settings")
    # Only after the settings module is named: Django reads it on import.
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
