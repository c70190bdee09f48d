"""`{% fixed %}…{% endfixed %}`: layout markup that depends on nothing but the language.

The base layout's head (hashed static URLs), skip link, brand, toggler and footer are the
same on every page for every visitor of one language, yet Django re-renders them on every
request: `{% static %}` resolves the manifest, `{% url %}` reverses, `{% translate %}` looks
up the catalogue — a fifth of a signed-in page's rendering (decision 0022). A `fixed` block
renders once per language in each process and is then served from memory.

The block renders in an empty context (`Context.new()`: no request, no user, no context
processors), so nothing of one visitor can be kept and shown to another: a variable or a
`{% csrf_token %}` inside it renders empty, which the layout tests would show at once. Like
the menu (core.navigation.menu_html) this memoises code, not data, so it never needs
invalidating within a process and does not go through the data cache (decision 0009).
"""

from __future__ import annotations

from django import template
from django.template.base import NodeList, Parser, Token
from django.template.loader_tags import BlockNode
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


class FixedNode(template.Node):
    # Django walks every node's child lists on each render of a template that extends
    # another (looking for blocks); a fixed part holds no block and renders no child after
    # its first time, so it declares none.
    child_nodelists = ()

    def __init__(self, nodelist: NodeList) -> None:
        self.nodelist = nodelist
        # One rendering per language; the node lives as long as its parsed template.
        self._by_language: dict[str, SafeString] = {}

    def render(self, context: template.Context) -> SafeString:
        language = translation.get_language() or ""
        html = self._by_language.get(language)
        if html is None:
            html = mark_safe(self.nodelist.render(context.new()))  # noqa: S308  # rendered by the template engine, escaped there
            self._by_language[language] = html
        return html


@register.tag("fixed")
def do_fixed(parser: Parser, token: Token) -> FixedNode:
    nodelist = parser.parse(("endfixed",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(BlockNode):
        raise template.TemplateSyntaxError("{% block %} cannot stand inside {% fixed %}")
    return FixedNode(nodelist)
