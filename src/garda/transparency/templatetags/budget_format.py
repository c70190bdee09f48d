"""Django finds tag libraries only in an installed app's `templatetags` package; the budget
portal's filters live beside the budget code (budget/templatetags/budget_format.py) and are
made loadable as `{% load budget_format %}` here."""

from garda.transparency.budget.templatetags.budget_format import register

__all__ = ["register"]
