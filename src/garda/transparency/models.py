"""Transparency's tables live beside the code that writes them; this module registers them."""

from garda.transparency.budget.models import *  # noqa: F403
from garda.transparency.opendata.models import *  # noqa: F403
from garda.transparency.ppid.models import *  # noqa: F403
